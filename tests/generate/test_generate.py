"""The whole pipeline: texts in, a well-formed, deterministic question set out."""
import yaml
from click.testing import CliRunner

from quizapp.formats import QUESTION_TYPES
from quizapp.generate import generate_set
from quizapp.generate.checks import set_problems
from quizapp.generate.command import generate

ARTICLE = """Nova ponte liga as duas margens do rio
Publicado em 2 de maio de 2024
A presidente da câmara, Ana Ribeiro, inaugurou a nova ponte pedonal de Coimbra no início de maio.
A obra custou cerca de 4 milhões de euros e demorou dois anos a construir.
Segundo a autarquia, cerca de 12 mil pessoas atravessam a ponte todos os dias.
O ministro das Infraestruturas, Carlos Mendes, visitou a obra em março.
Carlos Mendes elogiou a rapidez da construção em Coimbra.
A ponte tem 250 metros de comprimento e foi desenhada pelo arquiteto João Vaz.
Em 2019, a câmara aprovou o projeto por unanimidade.
A cidade de Lisboa também planeia uma ponte semelhante para 2027.
"""


def gen(text=ARTICLE, **kw):
    return generate_set([("ponte", text)], title="Ponte de Coimbra", **kw)


def test_set_has_contract_shape():
    """The result is a plain dict with the fields of the YAML contract."""
    data = gen().set
    assert data["title"] == "Ponte de Coimbra" and data["slug"] == "ponte-de-coimbra"
    assert data["language"] == "pt" and "automaticamente" in data["description"]
    assert data["sources"] == [{"id": "ponte", "title": "Nova ponte liga as duas margens do rio"}]
    for q in data["questions"]:
        assert q["type"] in QUESTION_TYPES
        assert set(q["source"]) == {"doc", "sentence", "quote"}
        assert q["explanation"] == q["source"]["quote"]


def test_questions_are_well_formed():
    """Every generated question passes the mechanical checks."""
    data = gen().set
    assert data["questions"], "no questions generated"
    assert set_problems(data["questions"]) == {}


def test_deterministic():
    """The same input gives the same set, ids included."""
    assert gen().set == gen().set


def test_ids_unique_and_slug_like():
    """Question ids are unique lowercase slugs."""
    ids = [q["id"] for q in gen().set["questions"]]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_report_counts_types():
    """The report counts questions per type and lists facts left without a question."""
    r = gen()
    assert sum(r.report["per_type"].values()) == len(r.set["questions"])
    assert isinstance(r.report["facts_without_question"], list)


def test_furniture_never_reaches_questions():
    """Bylines and headings dropped in cleaning appear in no prompt."""
    for q in gen().set["questions"]:
        assert "Publicado" not in q["prompt"]


def test_empty_text_gives_empty_set():
    """A text with nothing to ask about gives no questions rather than an error."""
    assert gen("Título\n").set["questions"] == []


def test_command_writes_yaml(tmp_path):
    """`generate` writes a YAML set and prints a summary per type."""
    src = tmp_path / "ponte.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "set.yaml"
    result = CliRunner().invoke(generate, [str(src), "-o", str(out), "--title", "Ponte"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["title"] == "Ponte" and data["questions"]
    assert "Facts without a question" in result.output


def test_english_text():
    """English goes through the same stages and gives well-formed questions."""
    text = ("Bridge\nThe mayor of Leeds, Anna Price, opened the new bridge in early May.\n"
            "According to the council, nearly 12 thousand people cross the bridge every day.\n"
            "In 2019, the council approved the project.\n")
    data = generate_set([("b", text)], title="Bridge", lang="en").set
    assert data["language"] == "en" and data["questions"]
    assert set_problems(data["questions"], "en") == {}
    assert any(q["prompt"] == "Who is the mayor of Leeds?" for q in data["questions"])


def test_progress_bar_on_large_input(tmp_path):
    """Inputs past the threshold draw a progress bar on stderr, not in the summary."""
    src = tmp_path / "big.txt"
    src.write_text(ARTICLE * 400, encoding="utf-8")
    result = CliRunner().invoke(generate, [str(src), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 0, result.output
    assert "Generating questions" in result.stderr and "Generating questions" not in result.stdout


def test_slug_is_the_shared_rule_without_connectives():
    """The set's slug is formats' slugify with "e"/"and" dropped; the default keeps them."""
    from quizapp.formats.model import slugify as shared
    from quizapp.generate import slugify

    assert slugify("Rússia e Coreia do Norte") == "russia-coreia-do-norte"
    assert shared("Rússia e Coreia do Norte", drop_connectives=True) == "russia-coreia-do-norte"
    assert shared("Rússia e Coreia do Norte") == "russia-e-coreia-do-norte"
    assert slugify("Salt and Pepper, 80.º") == "salt-pepper-80-o"
