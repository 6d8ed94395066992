"""The SQL next card and counts agree with the scheduler's queue (get_queued_cards) on many random days."""
import random
from datetime import datetime, timedelta, timezone

import pytest

from quizapp import study_queue
from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, ReviewLog, SetStudySettings, User
from quizapp.scheduling import State

NOW = datetime(2025, 3, 15, 12, tzinfo=timezone.utc)


def _world(rng: random.Random, user: User, tz: str, limits: tuple[int, int]) -> QuestionSet:
    user.timezone, (user.new_per_day, user.reviews_per_day) = tz, limits
    user.day_start_hour = rng.choice([0, 4, 4, 7])
    user.new_card_order = rng.choice(["set", "set", "random"])
    question_set = QuestionSet(slug=f"random-{rng.random()}", title="Random", sources=[])
    db.session.add(question_set)
    db.session.flush()
    questions = []
    for i in range(30):
        question = Question(set_id=question_set.id, key=f"q{i}", type="flashcard", prompt=f"front {i}", answer="back",
                            position=rng.randrange(40), removed_at=NOW if rng.random() < 0.1 else None)
        db.session.add(question)
        questions.append(question)
    db.session.flush()
    for question in questions:
        roll = rng.random()
        if roll < 0.3:
            continue  # new, no card
        reps = 0 if roll < 0.35 else rng.randint(1, 5)
        state = rng.choice([int(State.LEARNING), int(State.REVIEW), int(State.REVIEW), int(State.RELEARNING)])
        db.session.add(Card(user_id=user.id, question_id=question.id, state=state, reps=reps, lapses=0,
                            due=NOW + timedelta(minutes=rng.randint(-3000, 3000)), suspended=rng.random() < 0.1,
                            buried_until=NOW + timedelta(hours=8) if rng.random() < 0.1 else None,
                            leech=False, stability=3.0, difficulty=5.0, step=0,
                            # Learning since today (never limited) or since an earlier day (limited).
                            last_review=NOW - timedelta(minutes=rng.randint(1, 3000)) if reps else None))
    for question in rng.sample(questions, rng.randint(0, 12)):  # today's answers: first, review, learning ones
        reps = rng.choice([0, 2])
        state = {"reps": reps, "state": rng.choice([1, 2, 3]),
                 "last_review": (NOW - timedelta(minutes=rng.randint(1, 3000))).isoformat() if reps else None}
        db.session.add(ReviewLog(user_id=user.id, question_id=question.id, rating=3,
                                 origin=rng.choice(["study", "study", "quiz"]),
                                 state_before=state, state_after=state,
                                 reviewed_at=NOW - timedelta(minutes=rng.randint(1, 400))))
    other = QuestionSet(slug=f"other-{rng.random()}", title="Other", sources=[])  # limits span all the sets
    db.session.add(other)
    db.session.flush()
    for i in range(rng.randint(0, 4)):
        question = Question(set_id=other.id, key=f"o{i}", type="flashcard", prompt="x", answer="y", position=i)
        db.session.add(question)
        db.session.flush()
        state = {"reps": rng.choice([0, 3]), "state": 2, "last_review": (NOW - timedelta(days=3)).isoformat()}
        db.session.add(ReviewLog(user_id=user.id, question_id=question.id, rating=3, origin="study",
                                 state_before=state, state_after=state, reviewed_at=NOW - timedelta(minutes=30)))
    if rng.random() < 0.5:  # the set's own limits, under the account's
        db.session.add(SetStudySettings(user_id=user.id, set_id=question_set.id,
                                        new_per_day=rng.choice([None, 0, 1, 3]), reviews_per_day=rng.choice([None, 1, 4]),
                                        new_card_order=rng.choice([None, "set", "random"])))
    db.session.commit()
    return question_set


@pytest.mark.parametrize("seed", range(30))
def test_sql_head_and_counts_match_the_queue(app, make_user, monkeypatch, seed):
    """Head of the queue, due/new counts and learning-later agree with the Python queue, limits and learn-ahead included."""
    rng = random.Random(seed)
    user = make_user()
    tz = rng.choice(["UTC", "America/Sao_Paulo", "Asia/Kolkata"])
    limits = rng.choice([(20, 200), (2, 5), (0, 3), (5, 0)])
    question_set = _world(rng, db.session.get(User, user.id), tz, limits)
    user = db.session.get(User, user.id)
    # Buried cards are judged at the clock's time by the reference queue: keep the clock at `now`.
    for now in (NOW, NOW + timedelta(hours=rng.randint(1, 30))):
        monkeypatch.setattr("quizapp.clock.now", lambda now=now: now)
        queue, expected = study_queue._study_queue(user, question_set.id, now)
        question, card, counts = study_queue.next_card(user, question_set.id, now)
        assert counts == expected
        assert (question.id if question else None) == (queue[0].card_id if queue else None)
        if question is not None and card is not None:
            assert card.question_id == question.id
        assert study_queue.set_counts(user, [question_set.id], now)[question_set.id] == expected


def _custom_study(rng: random.Random, user: User, question_set: QuestionSet) -> None:
    """Random tags, Again answers over the last days, and a custom study of today: extra new cards and a session."""
    from quizapp import custom_study
    from quizapp.models import CustomStudy

    questions = db.session.query(Question).filter_by(set_id=question_set.id).all()
    for question in questions:
        question.tags = rng.choice([[], ["verbs"], ["verbs", "nouns"], ["nouns"]])
        if rng.random() < 0.3:
            db.session.add(ReviewLog(user_id=user.id, question_id=question.id, rating=1, origin="study",
                                     state_before={"reps": 1}, state_after={"reps": 2},
                                     reviewed_at=NOW - timedelta(hours=rng.randint(1, 150))))
    mode = rng.choice(["ahead", "forgotten", "tag", None])
    db.session.add(CustomStudy(user_id=user.id, set_id=question_set.id, day=custom_study.today(user, NOW),
                               extra_new=rng.choice([0, 0, 2, 5]), mode=mode,
                               days=rng.randint(1, 5) if mode in ("ahead", "forgotten") else None,
                               tag=rng.choice(["verbs", "nouns"]) if mode == "tag" else None,
                               started_at=NOW - timedelta(minutes=rng.randint(0, 2000)) if mode else None))
    db.session.commit()


@pytest.mark.parametrize("seed", range(30))
def test_sql_head_and_counts_match_the_queue_in_custom_study(app, make_user, monkeypatch, seed):
    """With extra new cards and a review-ahead, forgotten-cards or one-tag session, the SQL head and counts
    (the session's pool too) agree with the Python queue."""
    rng = random.Random(1000 + seed)
    user = make_user()
    tz = rng.choice(["UTC", "America/Sao_Paulo", "Asia/Kolkata"])
    question_set = _world(rng, db.session.get(User, user.id), tz, rng.choice([(20, 200), (2, 5), (0, 3), (5, 0)]))
    _custom_study(rng, db.session.get(User, user.id), question_set)
    user = db.session.get(User, user.id)
    monkeypatch.setattr("quizapp.clock.now", lambda: NOW)
    queue, expected = study_queue._study_queue(user, question_set.id, NOW)
    question, card, counts = study_queue.next_card(user, question_set.id, NOW)
    assert counts == expected
    assert (question.id if question else None) == (queue[0].card_id if queue else None)
