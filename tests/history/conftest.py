"""A known study history at a fixed clock: the numbers every history test asserts.

The clock reads 2025-03-15 12:00 UTC; the student's study day runs 04:00-04:00 UTC.

Set "Rivers" (8 questions) for the student:
  q0 review, overdue        q1 review, due 20:00 today   q2 learning, due tomorrow 05:00
  q3 relearning, due 03:00 the next morning (still today's study day)
  q4 suspended              q5 new (no card)             q6 review, due 1 April (day 17)
  q7 review, due 1 May (beyond the 30-day forecast)
  -> new 1, learning 2, review 4, suspended 1; due today 3, tomorrow 1, next 30 days 5.
Reviews: 15 Mar 10:00 Good, 11:00 Again; 14 Mar 05:00 Easy; 14 Mar 03:59 Hard (study day 13 Mar);
  1 Mar Good but graded wrong; 10 Feb Good (outside the 30-day window)
  -> last 30 days: 5 reviews, 3 right = 60 %; ratings Again 1, Hard 1, Good 3, Easy 1.
Quizzes on Rivers: 10 Mar 09:00, 3 of 4 right (75 %); 12 Mar 09:00, 2 of 4 right (50 %), 2 min each.
Another student ("other") has reviews and an attempt of their own on the same set.
"""
from types import SimpleNamespace

import pytest

from quizapp.extensions import db
from tests.history.history_factories import at, gen_attempt, gen_card, gen_review, gen_set

NOW = at("2025-03-15 12:00")


@pytest.fixture
def fixed_clock(monkeypatch):
    """Pin quizapp.clock.now to NOW for every view."""
    monkeypatch.setattr("quizapp.clock.now", lambda: NOW)
    return NOW


@pytest.fixture
def world(app, make_user, fixed_clock):
    """The history described in this module's docstring, committed."""
    teacher = make_user("teacher@example.org", role="teacher")
    student = make_user("student@example.org")
    other = make_user("other@example.org")
    rivers = gen_set("Rivers", questions=8, owner=teacher, slug="rivers")
    lakes = gen_set("Lakes", questions=2, slug="lakes")
    q = rivers.questions
    gen_card(student, q[0], due=at("2025-03-14 09:00"), state=2, reps=3)
    gen_card(student, q[1], due=at("2025-03-15 20:00"), state=2, reps=2)
    gen_card(student, q[2], due=at("2025-03-16 05:00"), state=1, reps=1)
    gen_card(student, q[3], due=at("2025-03-16 03:00"), state=3, reps=4, lapses=1)
    gen_card(student, q[4], due=at("2025-03-15 08:00"), state=2, reps=5, suspended=True)
    gen_card(student, q[6], due=at("2025-04-01 10:00"), state=2, reps=1)
    gen_card(student, q[7], due=at("2025-05-01 10:00"), state=2, reps=1)
    gen_review(student, q[0], at_time=at("2025-03-15 10:00"), rating=3)
    gen_review(student, q[1], at_time=at("2025-03-15 11:00"), rating=1)
    gen_review(student, q[2], at_time=at("2025-03-14 05:00"), rating=4)
    gen_review(student, q[3], at_time=at("2025-03-14 03:59"), rating=2)
    gen_review(student, q[0], at_time=at("2025-03-01 09:00"), rating=3, correct=False, answer_given="wrong 0")
    gen_review(student, q[1], at_time=at("2025-02-10 09:00"), rating=3)
    first = gen_attempt(student, rivers, started=at("2025-03-10 09:00"), answers=[
        (q[0], "right 0", True), (q[1], "right 1", True), (q[2], "right 2", True), (q[3], "wrong 3", False)])
    second = gen_attempt(student, rivers, started=at("2025-03-12 09:00"), answers=[
        (q[0], "right 0", True), (q[1], "right 1", True), (q[2], "wrong 2", False), (q[3], "other 3", False)])
    # Another student's data on the same set: never part of the student's numbers.
    gen_card(other, q[5], due=at("2025-03-15 09:00"), state=2, reps=1)
    gen_review(other, q[5], at_time=at("2025-03-15 09:00"), rating=1)
    gen_review(other, q[0], at_time=at("2025-03-15 09:30"), rating=1)
    theirs = gen_attempt(other, rivers, started=at("2025-03-11 09:00"), answers=[
        (q[0], "wrong 0", False), (q[3], "wrong 3", False)])
    db.session.commit()
    return SimpleNamespace(now=NOW, teacher=teacher, student=student, other=other, rivers=rivers, lakes=lakes,
                           q=q, first=first, second=second, theirs=theirs)
