"""Study and quiz tokens are signed for the account they were shown to and expire after a day."""
import re

import pytest
import sqlalchemy as sa

from quizapp import form_tokens
from quizapp.extensions import db
from quizapp.models import Question, QuizAttempt, ReviewLog
from tests.forms import PASSWORD, csrf_token_from, post_form

TOKEN = re.compile(r'name="t" value="([^"]+)"')


def _card(client, slug):
    html = client.get(f"/study/{slug}").get_data(as_text=True)
    return TOKEN.search(html).group(1), csrf_token_from(html)


def test_a_study_token_is_refused_for_another_account(app, client, student, make_user):
    """A card token taken from one student's page does not work in another student's session."""
    _, study_set = student
    token, _ = _card(client, study_set.slug)
    make_user("bea@example.org")
    other = app.test_client()
    assert post_form(other, "/login", {"email": "bea@example.org", "password": PASSWORD}).status_code == 302
    _, csrf = _card(other, study_set.slug)
    response = other.post(f"/study/{study_set.slug}/answer", data={"csrf_token": csrf, "t": token, "answer": "Paris"})
    assert response.status_code == 400


def test_an_expired_study_token_shows_the_next_card(client, student, monkeypatch):
    """A card answered more than a day after it was shown records nothing and brings the next card."""
    _, study_set = student
    monkeypatch.setattr(form_tokens, "MAX_AGE_SECONDS", -1)
    token, csrf = _card(client, study_set.slug)
    response = client.post(f"/study/{study_set.slug}/answer", data={"csrf_token": csrf, "t": token, "answer": "x"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/study/{study_set.slug}")
    assert "more than a day ago" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0


@pytest.mark.parametrize("expired", [False, True])
def test_quiz_page_tokens_are_bound_and_expire(client, student, monkeypatch, expired):
    """A quiz page's token works for its account within a day; an old one sends the student back to the question."""
    _, study_set = student
    response = post_form(client, f"/quiz/{study_set.slug}", {"count": "2", "mode": "paged"})
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)", response.headers["Location"]).group(1))
    if expired:
        monkeypatch.setattr(form_tokens, "MAX_AGE_SECONDS", -1)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    token = TOKEN.search(html).group(1)
    assert form_tokens._serializer("quiz.page").loads(token)["u"] == db.session.get(QuizAttempt, attempt_id).user_id
    # The quiz draws its questions at random: answer the first one with an answer its type accepts.
    first = db.session.get(Question, db.session.get(QuizAttempt, attempt_id).question_ids[0])
    response = client.post(f"/quiz/attempts/{attempt_id}/answer",
                           data={"csrf_token": csrf_token_from(html), "t": token, "answer": first.answer})
    assert response.status_code == 302
    answered = "Question 2 of 2" in client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert answered is not expired
