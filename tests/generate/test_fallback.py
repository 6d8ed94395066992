"""A question the set format refuses is dropped and counted; a long factual paragraph always gives a question."""
from click.testing import CliRunner

from quizapp.formats.model import set_from_dict
from quizapp.generate import generate_set
from quizapp.generate.checks import set_problems
from quizapp.generate.command import generate
from quizapp.generate.fallback import MIN_PARAGRAPH_WORDS, why_empty
from tests.documents import docx_bytes, pdf_bytes

SYMBOLS = ("Formal languages\n\nAn alphabet is a finite set of symbols. For example, the binary alphabet is {0,1}, "
           "and a string over it is any finite sequence such as 0110.\n"
           "- The set of all strings over {0,1} is written {0,1}*, where the star is the Kleene star.\n"
           "\nRegular languages are the languages that a finite automaton accepts. Stephen Kleene proved in 1956 "
           "that they are exactly the languages described by regular expressions. A deterministic finite "
           "automaton has exactly one transition for each state and symbol, and it reads its input once.\n")

PLAIN = ("Memória\n\nA memória é um dispositivo que guarda os dados e as instruções de que o processador "
         "precisa enquanto um programa está a correr. A memória principal perde o seu conteúdo quando o "
         "computador se desliga, ao contrário da memória secundária, que conserva os ficheiros guardados "
         "durante muito tempo e costuma ser bastante mais lenta e mais barata.\n")


def test_invalid_cloze_is_dropped_and_counted_not_fatal():
    """A cloze on "{0,1}" reads as "{{{0}}}": it is left out and counted, the rest of the set stands."""
    result = generate_set([("langs", SYMBOLS)], title="Languages", lang="en")
    assert result.report["dropped"] >= 1
    assert all("{0,1}" in d["prompt"] or "{{{" in d["prompt"] for d in result.report["dropped_questions"])
    assert result.set["questions"]
    set_from_dict(result.set)  # the whole set passes the format's validation


def test_long_factual_paragraph_without_names_gives_a_clean_question():
    """A 40+ word paragraph with no name, date or number still gives one well-formed question."""
    assert len(PLAIN.split("\n\n")[1].split()) >= MIN_PARAGRAPH_WORDS
    result = generate_set([("memoria", PLAIN)], title="Memória", lang="pt")
    questions = result.set["questions"]
    assert questions and set_problems(questions) == {}
    assert all(q["source"]["quote"] in PLAIN for q in questions)


def test_short_paragraph_gives_no_question_and_says_why():
    """A few words with nothing to ask about give no question, and the reason names the length."""
    result = generate_set([("curto", "Nota\n\nIsto é curto.\n")], title="Nota", lang="pt")
    assert result.set["questions"] == []
    assert "too short (3 words)" in why_empty(result.report)
    assert "no text was left" in why_empty(generate_set([("t", "Título\n")], title="T").report)


def test_cli_exits_1_with_one_line_when_nothing_can_be_asked(tmp_path):
    """`quizapp generate` on a text without questions exits 1 with "no question could be made from FILE: why"."""
    src = tmp_path / "nota.txt"
    src.write_text("Nota\n\nIsto é curto.\n", encoding="utf-8")
    result = CliRunner().invoke(generate, [str(src), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"no question could be made from {src}: it is too short (3 words) and states no name, place, date or "
        f"number to ask about; a paragraph of 40 words or more always gives a question"]
    assert not (tmp_path / "o.yaml").exists()


def test_cli_refuses_an_unreadable_file_by_name(tmp_path):
    """A broken PDF is refused with its name and why, exit code 1, no traceback."""
    src = tmp_path / "broken.pdf"
    src.write_bytes(b"%PDF-1.4 nothing")
    result = CliRunner().invoke(generate, [str(src), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"cannot read {src}: this is not a readable PDF" in result.stderr


def test_cli_reads_docx_and_pdf(tmp_path):
    """Word and PDF files are read by the command, each question quoting the extracted text."""
    body = PLAIN.split("\n\n")[1].strip()
    (tmp_path / "memoria.docx").write_bytes(docx_bytes("Memória", [body]))
    words = body.split()
    lines = [" ".join(words[i:i + 11]) for i in range(0, len(words), 11)]
    (tmp_path / "memoria2.pdf").write_bytes(pdf_bytes([lines]))
    out = tmp_path / "o.yaml"
    result = CliRunner().invoke(generate, [str(tmp_path / "memoria.docx"), str(tmp_path / "memoria2.pdf"),
                                           "-o", str(out), "--title", "Memória"])
    assert result.exit_code == 0, result.output
    import yaml
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {q["source"]["doc"] for q in data["questions"]} == {"memoria", "memoria2"}
    assert all(q["source"]["quote"] in body for q in data["questions"])


def test_every_long_paragraph_of_the_development_set_gets_a_clean_question():
    """In each text of bench/texts, every cleaned paragraph of 40+ words is asked about at least once, cleanly."""
    from pathlib import Path

    import yaml

    from quizapp.generate.clean import clean
    from quizapp.generate.sentences import split

    texts = Path(__file__).resolve().parents[2] / "bench" / "texts"
    manifest = yaml.safe_load((texts / "manifest.yaml").read_text(encoding="utf-8"))
    checked = 0
    for path, meta in manifest.items():
        if path.startswith("seeds/"):
            continue
        text, lang = (texts / path).read_text(encoding="utf-8"), meta["lang"]
        doc_id = Path(path).stem
        result = generate_set([(doc_id, text)], title="t", lang=lang)
        questions = result.set["questions"]
        assert set_problems(questions, lang) == {}, path
        asked = {q["source"]["sentence"] for q in questions}
        doc = clean(doc_id, text, lang)
        sentences = split(doc, lang)
        start = 0
        for paragraph in doc.text.split("\n"):
            end = start + len(paragraph)
            inside = {s.index for s in sentences if start <= s.start < end}
            if len(paragraph.split()) >= MIN_PARAGRAPH_WORDS:
                checked += 1
                assert inside & asked, (path, paragraph[:80])
            start = end + 1
    assert checked >= 20  # the set has some thirty such paragraphs
