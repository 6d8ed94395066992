"""Questions written in Markdown or HTML (GIFT's [markdown] and [html]) are rendered safely on the pages."""
import pytest

from quizapp import formats
from quizapp.extensions import db
from quizapp.sets import import_set
from tests.study.conftest import show_and_answer

GIFT = (
    "::md::[markdown]What is **2 + 2**? {=4 ####[markdown]Two *and* two.}\n\n"
    "::html::[html]<p>Which is a <i>tree</i>?<script>alert(1)</script><img src=x onerror=alert(2)></p>"
    "{=Oak ~Rose}\n\n"
    "::gap::[markdown]The **Douro** ends at {=Porto} on the coast.\n"
)


@pytest.fixture
def rich_set(app):
    outcome = import_set(formats.read(GIFT, format="gift", title="Rich text").set)
    db.session.commit()
    return outcome.question_set


@pytest.fixture
def reader(client, auth, make_user, rich_set):
    make_user("ana@example.org")
    auth.login("ana@example.org")
    return rich_set


def test_markdown_prompt_and_explanation_are_rendered(client, reader):
    """'**2 + 2**' shows as bold on the study page, and the Markdown explanation after answering."""
    html = client.get(f"/study/{reader.slug}").get_data(as_text=True)
    assert "What is <strong>2 + 2</strong>?" in html and "**" not in html
    _, response = show_and_answer(client, reader.slug, "4")
    assert "Two <em>and</em> two." in response.get_data(as_text=True)


def test_html_prompt_is_sanitised(client, reader):
    """GIFT [html] keeps its markup but loses scripts, images and event handlers."""
    from quizapp.models import Question
    from quizapp.study.present import prompt_html

    question = db.session.scalar(db.select(Question).where(Question.key == "html"))
    rendered = str(prompt_html(question))
    assert rendered == "Which is a <i>tree</i>?"
    assert question.text_format == {"prompt": "html"}


def test_markdown_cloze_keeps_its_blank(app, rich_set):
    """A Markdown cloze shows the blank where the answer goes, the rest rendered."""
    from quizapp.study.present import prompt_html

    question = next(q for q in rich_set.questions if q.key == "gap")
    assert question.type == "cloze"
    with app.test_request_context():
        assert str(prompt_html(question)).startswith("The <strong>Douro</strong> ends at <span class=\"blank\"")
        assert "<mark class=\"cloze\">Porto</mark>" in str(prompt_html(question, reveal=True))


def test_text_format_round_trips_through_yaml_and_gift(rich_set):
    """The text format is part of the YAML contract and survives YAML and GIFT exports."""
    from quizapp.sets import export_set

    data = export_set(rich_set)
    assert "    text_format:\n      prompt: markdown\n" in formats.write(data, "yaml")
    for name in ("yaml", "gift"):
        back = formats.read(formats.write(data, name), format=name, title="Rich text").set
        assert [q.text_format for q in back.questions] == [q.text_format for q in data.questions]
