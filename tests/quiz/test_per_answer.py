"""Per-answer feedback and partial credit on the pages: shown after answering in study and quiz, counted in
quiz scores (attempt, result page, history, teacher's class page, CSV export) and proposed as Hard in study."""
import csv
import io
import re

import pytest
import sqlalchemy as sa

from quizapp import formats
from quizapp.extensions import db
from quizapp.models import Question, QuizAnswer, QuizAttempt, ReviewLog
from quizapp.sets import export_set, import_set
from tests.forms import csrf_token_from, post_form
from tests.study.conftest import card_token, question_id_of

PER_ANSWER_YAML = """
title: Planets and plays
slug: planets
questions:
  - id: closest
    type: multiple_choice
    prompt: Which planet is closest to the Sun?
    answer: Mercury
    choices: [Mercury, Venus, Earth]
    credit: {Venus: 50}
    feedback: {Venus: "Close: Venus is the second planet", Earth: That is where we live}
  - id: hamlet
    type: short_answer
    prompt: Who wrote Hamlet?
    answer: Shakespeare
    accept: [Marlowe]
    credit: {Marlowe: 25}
    feedback: {Marlowe: A contemporary of his, Shakespeare: "Yes, in about 1600"}
"""


@pytest.fixture
def planets(app):
    outcome = import_set(formats.read(PER_ANSWER_YAML.encode(), "yaml").set)
    db.session.commit()
    return outcome.question_set


@pytest.fixture
def pupil(client, auth, make_user, planets):
    user = make_user("bia@example.org")
    auth.login("bia@example.org")
    return user


def _question(planets, key):
    return db.session.scalar(sa.select(Question).where(Question.set_id == planets.id, Question.key == key))


def test_feedback_and_credit_are_stored_and_exported(planets):
    """An imported set keeps each answer's feedback and credit, and exports them again."""
    closest = _question(planets, "closest")
    assert closest.credit == {"Venus": 50} and closest.feedback["Earth"] == "That is where we live"
    exported = export_set(planets).questions[1].to_dict()
    assert exported["credit"] == {"Marlowe": 25} and exported["feedback"]["Shakespeare"] == "Yes, in about 1600"


def _answer_card(client, slug, given_for):
    """Show the next card and answer it with given_for[key]; returns (question key, check page html)."""
    html = client.get(f"/study/{slug}").get_data(as_text=True)
    question = db.session.get(Question, question_id_of(html))
    response = client.post(f"/study/{slug}/answer", follow_redirects=True, data={
        "csrf_token": csrf_token_from(html), "t": card_token(html), "answer": given_for[question.key]})
    return question.key, response.get_data(as_text=True)


def test_study_shows_the_feedback_and_proposes_hard_for_partial_credit(client, pupil, planets):
    """A partly right answer in study reads "Partly right" with its feedback, proposes Hard, and is logged so."""
    seen = {}
    for _ in range(2):
        key, html = _answer_card(client, planets.slug, {"closest": "Venus", "hamlet": "Marlowe"})
        seen[key] = html
        assert "verdict-partial" in html
        assert re.search(r'class="rate-2 proposed"', html)
        client.post(f"/study/{planets.slug}/review", data={
            "csrf_token": csrf_token_from(html), "t": card_token(html), "rating": "2"})
    assert "Partly right: 50% of the marks" in seen["closest"]
    assert "Close: Venus is the second planet" in seen["closest"]
    assert "Partly right: 25% of the marks" in seen["hamlet"] and "A contemporary of his" in seen["hamlet"]
    ratings = db.session.scalars(sa.select(ReviewLog.rating).where(ReviewLog.user_id == pupil.id)).all()
    assert sorted(ratings) == [2, 2]


def test_study_shows_the_feedback_of_a_wrong_or_right_answer(client, pupil, planets):
    """A wrong choice and a right typed answer show their own feedback too."""
    key, html = _answer_card(client, planets.slug, {"closest": "Earth", "hamlet": "Shakespeare"})
    expected = {"closest": "That is where we live", "hamlet": "Yes, in about 1600"}[key]
    assert f'data-answer-feedback>{expected}</p>' in html


def _one_page_quiz(client, planets, given_for):
    response = post_form(client, f"/quiz/{planets.slug}", {"count": "2", "mode": "single"})
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)", response.headers["Location"]).group(1))
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html)}
    data.update({f"answer-{qid}": given_for[db.session.get(Question, qid).key] for qid in attempt.question_ids})
    client.post(f"/quiz/attempts/{attempt_id}/finish", data=data)
    return db.session.get(QuizAttempt, attempt_id)


def test_quiz_score_counts_partial_credit(client, pupil, planets):
    """Venus (50) and Shakespeare (100) score 75%: one right, one half right; answers keep their credit."""
    attempt = _one_page_quiz(client, planets, {"closest": "Venus", "hamlet": "Shakespeare"})
    assert attempt.score == pytest.approx(0.75) and attempt.correct_count == 1
    credits = sorted(db.session.scalars(sa.select(QuizAnswer.credit).where(QuizAnswer.attempt_id == attempt.id)))
    assert credits == [50, 100]
    result = client.get(f"/quiz/attempts/{attempt.id}/result").get_data(as_text=True)
    assert 'data-score="75"' in result and "Partly right: 50% of the marks" in result
    assert "Close: Venus is the second planet" in result and "Yes, in about 1600" in result
    review = client.get(f"/history/attempts/{attempt.id}").get_data(as_text=True)
    assert "75%" in review and "partly right (50%)" in review and "Close: Venus is the second planet" in review


def test_csv_export_carries_each_answers_credit(client, pupil, planets):
    """The history CSV gives each quiz answer's credit and the attempt's score with partial credit."""
    _one_page_quiz(client, planets, {"closest": "Venus", "hamlet": "Marlowe"})
    rows = [row for row in csv.DictReader(io.StringIO(client.get("/history/export.csv").get_data(as_text=True)))
            if row["kind"] == "quiz"]
    assert sorted(row["credit"] for row in rows) == ["25", "50"]
    assert {row["attempt_score"] for row in rows} == {"0.38"}


def test_a_zero_credit_alternative_scores_nothing(client, pupil, planets):
    """An unknown answer earns nothing; the score is what the other answer earned."""
    attempt = _one_page_quiz(client, planets, {"closest": "Pluto", "hamlet": "Marlowe"})
    assert attempt.score == pytest.approx(0.125) and attempt.correct_count == 0


def test_api_review_with_a_partly_right_answer_records_hard(client, pupil, planets):
    """The API grades an answer with partial credit as Hard and says its credit and feedback."""
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    response = client.post("/api/v1/reviews", headers={"X-CSRFToken": token}, json={
        "question_id": _question(planets, "closest").id, "answer": "Venus", "client_id": "venus-1"})
    body = response.get_json()
    assert response.status_code == 201 and body["review"]["rating"] == 2
    assert body["grade"] == {"correct": False, "expected": "Mercury", "note": None, "credit": 50,
                             "feedback": "Close: Venus is the second planet"}


def test_teachers_question_table_counts_partial_credit(client, auth, make_user, pupil, planets):
    """The teacher's 'hardest first' table gives a question answered half right a 50 % success."""
    _one_page_quiz(client, planets, {"closest": "Venus", "hamlet": "Shakespeare"})
    teacher = make_user("teacher@example.org", role="teacher")
    planets.owner_id = teacher.id
    db.session.commit()
    auth.logout()
    auth.login("teacher@example.org")
    html = client.get(f"/history/teach/{planets.slug}").get_data(as_text=True)
    rows = dict(re.findall(r'<tr data-question="(\w+)".*?<td data-k="success">.*?(\d+)%</td>', html, re.S))
    assert rows == {"closest": "50", "hamlet": "100"}
