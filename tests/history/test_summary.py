"""The per-day review summary: kept by the transaction that writes or undoes a review, rebuilt on a new zone."""
from datetime import date, datetime, timezone

import sqlalchemy as sa

from quizapp import progress, reviews, undo_answers, user_writes
from quizapp.extensions import db
from quizapp.models import Question, ReviewDay, User
from quizapp.models.review_days import rebuild_user
from quizapp.scheduling import Rating
from tests.history.history_factories import at, gen_review, gen_set


def _days(user_id):
    rows = db.session.execute(
        sa.select(ReviewDay.set_id, ReviewDay.day, ReviewDay.reviews, ReviewDay.correct, ReviewDay.again,
                  ReviewDay.hard, ReviewDay.good, ReviewDay.easy, ReviewDay.duration_ms)
        .where(ReviewDay.user_id == user_id, ReviewDay.reviews != 0).order_by(ReviewDay.set_id, ReviewDay.day))
    return [tuple(row) for row in rows]


def test_the_world_is_summarised_by_study_day(world):
    """Each review of the fixture lands on its study day (03:59 on 14 Mar is 13 Mar), with ratings and time."""
    rivers = world.rivers.id
    assert _days(world.student.id) == [
        (rivers, date(2025, 2, 10), 1, 1, 0, 0, 1, 0, 4000),
        (rivers, date(2025, 3, 1), 1, 0, 0, 0, 1, 0, 4000),
        (rivers, date(2025, 3, 13), 1, 1, 0, 1, 0, 0, 4000),
        (rivers, date(2025, 3, 14), 1, 1, 0, 0, 0, 1, 4000),
        (rivers, date(2025, 3, 15), 2, 1, 1, 0, 1, 0, 8000),
    ]


def test_rebuilding_from_the_log_gives_the_same_rows(world):
    """What the events kept equals a rebuild from the review log (as the migration backfills)."""
    kept = _days(world.student.id)
    rebuild_user(world.student.id)
    db.session.commit()
    assert _days(world.student.id) == kept


def test_answer_and_undo_keep_the_summary_in_the_same_transaction(app, make_user):
    """Answering adds to today's row; undoing takes it away; a rolled-back answer leaves nothing."""
    user = make_user()
    rivers = gen_set("Rivers", questions=2)
    db.session.commit()
    now = datetime(2025, 3, 15, 12, tzinfo=timezone.utc)
    user_writes.begin_write(user.id)
    reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, rivers.questions[0].id), Rating.AGAIN,
                        duration_ms=2500, now=now)
    db.session.rollback()
    assert _days(user.id) == []
    user_writes.begin_write(user.id)
    reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, rivers.questions[0].id), Rating.AGAIN,
                        duration_ms=2500, now=now)
    db.session.commit()
    assert _days(user.id) == [(rivers.id, date(2025, 3, 15), 1, 0, 1, 0, 0, 0, 2500)]
    user_writes.begin_write(user.id)
    assert undo_answers.undo_last_review(db.session.get(User, user.id)) is not None
    db.session.commit()
    assert _days(user.id) == []


def test_a_new_time_zone_rebuilds_the_days(world):
    """Moving to São Paulo (UTC-3) puts 14 Mar 05:00 UTC on 13 Mar; the history follows at once."""
    student = db.session.get(User, world.student.id)
    student.timezone = "America/Sao_Paulo"
    db.session.commit()
    days = {day: n for _, day, n, *_ in _days(student.id)}
    assert days == {date(2025, 2, 10): 1, date(2025, 3, 1): 1, date(2025, 3, 13): 2, date(2025, 3, 15): 2}
    per_day = dict(progress.reviews_per_day(student.id, now=world.now, tz="America/Sao_Paulo"))
    assert per_day[date(2025, 3, 13)] == 2 and per_day[date(2025, 3, 14)] == 0


def test_counts_do_not_read_the_past_log(world):
    """Past days come from the summary: a review row hidden from the summary changes no past count."""
    gen_review(world.student, world.q[0], at_time=at("2025-03-10 10:00"), rating=1)
    db.session.commit()
    db.session.execute(sa.update(ReviewDay).where(ReviewDay.user_id == world.student.id,
                                                  ReviewDay.day == date(2025, 3, 10)).values(reviews=0))
    db.session.commit()
    days = dict(progress.reviews_per_day(world.student.id, now=world.now, tz="UTC"))
    assert days[date(2025, 3, 10)] == 0
    assert days[date(2025, 3, 15)] == 2  # today is counted from the log itself
