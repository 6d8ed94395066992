"""The question editor holds per-answer credit and feedback: one line per answer, "answer | credit | feedback"."""
import pytest

from quizapp.extensions import db
from quizapp.models import Question
from tests.forms import post_form
from tests.teach.conftest import gen_question


@pytest.fixture
def draft(sign_in, gen_set):
    return gen_set(sign_in("teacher"), questions=[gen_question(
        accept=["Tejo"], credit={"Tejo": 50}, feedback={"Tejo": "Its Portuguese name", "Tagus": "Yes"})])


def test_editor_shows_the_stored_credit_and_feedback(client, draft):
    """The edit form lists each answer with credit or feedback, in the question's order."""
    question = draft.questions[0]
    html = client.get(f"/teach/sets/{draft.slug}/questions/{question.id}").get_data(as_text=True)
    assert "Tagus | | Yes\nTejo | 50 | Its Portuguese name" in html


def test_editor_saves_credit_and_feedback(client, draft):
    """Lines typed in the per-answer box become the question's credit and feedback."""
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {
        "type": "multiple_choice", "prompt": "Closest planet to the Sun?", "answer": "Mercury",
        "choices": "Mercury\nVenus\nEarth", "submit": "1",
        "per_answer": "Venus | 50% | Second, and too hot\nEarth || Where we live\nMercury | | Right"})
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.scalar(db.select(Question).where(Question.prompt == "Closest planet to the Sun?"))
    assert saved.credit == {"Venus": 50}
    assert saved.feedback == {"Venus": "Second, and too hot", "Earth": "Where we live", "Mercury": "Right"}


@pytest.mark.parametrize("line, message", [
    ("Venus | 120", "credit must be from 0 to 100"),
    ("Venus | lots", "credit is a number from 0 to 100"),
    ("Pluto | 50", "is not one of the question&#39;s answers"),
    ("Mercury | 50", "full-credit answer"),
])
def test_editor_refuses_bad_credit_under_the_box(client, draft, line, message):
    """A bad credit is refused by the file rules and shown under the per-answer box; nothing is saved."""
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {
        "type": "multiple_choice", "prompt": "Closest planet?", "answer": "Mercury",
        "choices": "Mercury\nVenus", "per_answer": line, "submit": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html
    box = html[html.index('name="per_answer"'):]
    assert message in box[:box.index("</div>")]
    assert db.session.scalar(db.select(Question).where(Question.prompt == "Closest planet?")) is None


def test_set_editor_lists_each_answers_credit_and_feedback(client, draft):
    """The set's editing page shows, under the question, each answer with its credit and feedback."""
    html = client.get(f"/teach/sets/{draft.slug}").get_data(as_text=True)
    listed = html[html.index('class="eq-per-answer"'):]
    listed = " ".join(listed[:listed.index("</ul>")].split())
    assert "<strong>Tagus</strong>: <span class=\"muted\">Yes</span>" in listed
    assert "<strong>Tejo</strong>: 50% of the marks. <span class=\"muted\">Its Portuguese name</span>" in listed
