"""Exports tell the teacher what a format leaves out of the questions it keeps (Aiken's feedback, Quizlet's
credit), per question: on the set page before the download, in a header of the download, and on the CLI."""
import pytest

from tests.teach.conftest import gen_question

PLANETS = dict(id="closest", type="multiple_choice", prompt="Closest planet?", answer="Mercury",
               choices=["Mercury", "Venus", "Pluto"], feedback={"Venus": "Too hot"}, credit={"Venus": 50})


@pytest.fixture
def planets(sign_in, gen_set):
    """A signed-in teacher's set of one multiple choice with feedback and partial credit."""
    return gen_set(sign_in("teacher"), title="Planets", questions=[gen_question(**PLANETS)])


def test_set_page_lists_what_each_download_leaves_out(client, planets):
    """The Aiken download names, per question, the feedback and credit it leaves out; CSV names nothing."""
    html = client.get(f"/teach/sets/{planets.slug}").get_data(as_text=True)
    aiken = html[html.index("/export/aiken"):html.index("/export/gift")]
    assert "2 details left out" in aiken
    assert "<strong>Closest planet?</strong>: the feedback on &#39;Venus&#39; is left out" in aiken
    assert "the partial credit of &#39;Venus&#39; (50%) is left out" in aiken
    csv = html[html.index("/export/csv"):html.index("/export/aiken")]
    assert "left out" not in csv


def test_set_page_names_losses_in_portuguese(client, planets):
    """In Portuguese the list of what is left out is Portuguese, the answers kept as written."""
    client.get("/?lang=pt")
    html = client.get(f"/teach/sets/{planets.slug}").get_data(as_text=True)
    assert "2 detalhes deixados de fora" in html
    assert "o comentário a &#39;Venus&#39; fica de fora: o Aiken guarda uma letra certa por pergunta e nenhum comentário" in html


@pytest.mark.parametrize("name, dropped", [("aiken", "2"), ("quizlet", None), ("csv", None)])
def test_download_counts_what_it_leaves_out(client, planets, name, dropped):
    """A script downloading the file learns how many details it lost from X-Quizapp-Dropped."""
    response = client.get(f"/teach/sets/{planets.slug}/export/{name}")
    assert response.status_code == 200
    assert response.headers.get("X-Quizapp-Dropped") == dropped


def test_cli_export_says_what_each_question_loses(runner, planets, tmp_path):
    """`quizapp sets export --format aiken` writes the file and names each question's lost feedback and credit."""
    out = tmp_path / "planets.txt"
    result = runner.invoke(args=["sets", "export", planets.slug, "--format", "aiken", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "ANSWER: A" in out.read_text()
    assert "in 'Closest planet?', the feedback on 'Venus' is left out: Aiken holds one right letter" in result.output
    assert "in 'Closest planet?', the partial credit of 'Venus' (50%) is left out" in result.output
