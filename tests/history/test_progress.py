"""Progress numbers computed by the database over a known review log at a fixed clock."""
from datetime import date

from quizapp import progress
from tests.history.history_factories import at, gen_review
from quizapp.extensions import db


def test_state_counts_per_set(world):
    """Questions are new, learning (relearning included), review or suspended for this student alone."""
    counts = progress.state_counts(world.student.id, [world.rivers.id])
    assert counts[world.rivers.id] == {"new": 1, "learning": 2, "review": 4, "suspended": 1}


def test_retention_over_thirty_days(world):
    """Retention counts Hard or better as right unless graded wrong, over the last 30 study days."""
    assert progress.retention_counts(world.student.id, now=world.now, tz="UTC") == {world.rivers.id: (3, 5)}


def test_set_progress_due_today_tomorrow_month(world):
    """Due today includes overdue and cards due before 4 a.m.; suspended and new cards are never due."""
    [rivers] = progress.set_progress(world.student.id, now=world.now, tz="UTC")
    assert (rivers.new, rivers.learning, rivers.review, rivers.suspended, rivers.total) == (1, 2, 4, 1, 8)
    assert (rivers.due_today, rivers.due_tomorrow, rivers.due_month) == (3, 1, 5)
    assert rivers.retention == 0.6


def test_forecast_days(world):
    """The forecast puts each card on its study day; day 17 is 1 April."""
    forecast = progress.due_forecast_by_set(world.student.id, now=world.now, tz="UTC")[world.rivers.id]
    assert len(forecast) == 30
    assert forecast[0] == 3 and forecast[1] == 1 and forecast[17] == 1 and sum(forecast) == 5


def test_reviews_per_day_uses_study_days(world):
    """A review at 03:59 belongs to the previous study day; 90 days end today."""
    days = dict(progress.reviews_per_day(world.student.id, now=world.now, tz="UTC"))
    assert len(days) == 90 and max(days) == date(2025, 3, 15) and min(days) == date(2024, 12, 16)
    nonzero = {d: n for d, n in days.items() if n}
    assert nonzero == {date(2025, 3, 15): 2, date(2025, 3, 14): 1, date(2025, 3, 13): 1,
                       date(2025, 3, 1): 1, date(2025, 2, 10): 1}


def test_study_days_follow_the_time_zone(world):
    """In São Paulo (UTC-3) the day starts at 07:00 UTC: 05:00 UTC on 14 Mar is still 13 Mar there."""
    days = dict(progress.reviews_per_day(world.student.id, now=world.now, tz="America/Sao_Paulo"))
    assert days[date(2025, 3, 15)] == 2 and days[date(2025, 3, 14)] == 0 and days[date(2025, 3, 13)] == 2


def test_rating_counts(world):
    """Ratings given by the student, all time."""
    assert progress.rating_counts(world.student.id) == {1: 1, 2: 1, 3: 3, 4: 1}


def test_quiz_scores(world):
    """Finished attempts as (set, time, score) in time order."""
    assert progress.quiz_scores(world.student.id) == [
        (world.rivers.id, at("2025-03-10 09:02"), 0.75), (world.rivers.id, at("2025-03-12 09:02"), 0.5)]


def test_mistakes_of_the_last_week(world):
    """Wrong reviews and wrong quiz answers of the last 7 days, the student's own only."""
    q = world.q
    assert progress.mistake_question_ids(world.student.id, now=world.now, days=7) == [q[1].id, q[2].id, q[3].id]
    assert progress.mistake_question_ids(world.student.id, now=world.now, days=30) == [q[0].id, q[1].id, q[2].id, q[3].id]
    assert progress.mistake_question_ids(world.student.id, now=world.now, days=7, set_id=world.lakes.id) == []


def test_future_reviews_are_ignored(world):
    """A review stamped after "now" does not count today."""
    gen_review(world.student, world.q[0], at_time=at("2025-03-15 13:00"), rating=1)
    db.session.commit()
    assert progress.retention_counts(world.student.id, now=world.now, tz="UTC") == {world.rivers.id: (3, 5)}
