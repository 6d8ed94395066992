"""Random histories replayed through quizapp, compared with fsrs-rs's next_states at every answer, exactly.

The expected values are computed here from fsrs-rs alone: elapsed days are differences of the
study-day dates (local date after subtracting the day-start hour), memory states are
``next_states(previous, retention, elapsed)``, and review intervals are fsrs-rs's intervals
rounded with Anki's constraints (Hard ≥ 1, Good ≥ Hard + 1 in review, Easy ≥ Good + 1), fuzz off.
The same histories go through the database (reviews.answer_card) too, and undo gives back every
earlier row exactly.
"""

import math
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs_rs_python as fsrs_rs
import pytest

from quizapp import card_rows, reviews, undo_answers, user_writes
from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, User
from quizapp.scheduling import CardState, Rating, Scheduler, State

ZONES = ["UTC", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Auckland"]
ENGINE = fsrs_rs.FSRS(fsrs_rs.DEFAULT_PARAMETERS)
LEARNING = [60, 600]
RELEARNING = [600]
START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)


def rust_round(x: float) -> int:
    return math.floor(x + 0.5)


def study_day(moment: datetime, tz: str, hour: int):
    return (moment.astimezone(ZoneInfo(tz)) - timedelta(hours=hour)).date()


def random_history(rng: random.Random, length: int):
    """(rating, moment) pairs: minutes, hours or days apart, any hour of the day."""
    now = START + timedelta(minutes=rng.randrange(24 * 60))
    history = []
    for _ in range(length):
        history.append((Rating(rng.choice([1, 2, 3, 3, 3, 4])), now))
        gap = rng.choice(["minutes", "hours", "days", "days"])
        if gap == "minutes":
            now += timedelta(minutes=rng.randint(1, 30))
        elif gap == "hours":
            now += timedelta(hours=rng.randint(1, 20), minutes=rng.randrange(60))
        else:
            now += timedelta(days=rng.randint(1, 60), minutes=rng.randrange(-600, 600))
    return history


class Expected:
    """A reference card kept with fsrs-rs and Anki's rules written out directly."""

    def __init__(self, tz: str, hour: int):
        self.tz, self.hour = tz, hour
        self.memory = None
        self.state, self.step, self.last = None, 0, None

    def answer(self, rating: Rating, now: datetime):
        elapsed = 0 if self.last is None else (study_day(now, self.tz, self.hour) - study_day(self.last, self.tz, self.hour)).days
        states = ENGINE.next_states(self.memory, 0.9, elapsed)
        name = rating.name.lower()
        hard = max(rust_round(states.hard.interval), 1)
        if self.state == State.REVIEW:
            good = max(rust_round(states.good.interval), hard + 1)
        else:
            good = max(rust_round(states.good.interval), 1)
        easy = max(rust_round(states.easy.interval), good + 1)
        days = {"again": max(rust_round(states.again.interval), 1), "hard": hard, "good": good, "easy": easy}
        seconds = None
        if self.state in (None, State.LEARNING, State.RELEARNING):
            steps = LEARNING if self.state in (None, State.LEARNING) else RELEARNING
            kind = State.LEARNING if self.state in (None, State.LEARNING) else State.RELEARNING
            step = self.step
            if rating == Rating.AGAIN:
                self.state, self.step, seconds = kind, 0, steps[0]
            elif rating == Rating.HARD:
                seconds = (steps[0] + steps[1]) // 2 if step == 0 and len(steps) > 1 else (
                    int(steps[0] * 1.5) if step == 0 else steps[step])
                self.state = kind
            elif rating == Rating.GOOD and step + 1 < len(steps):
                self.state, self.step, seconds = kind, step + 1, steps[step + 1]
            else:
                self.state, self.step = State.REVIEW, None
        elif rating == Rating.AGAIN:
            self.state, self.step, seconds = State.RELEARNING, 0, RELEARNING[0]
        self.memory = getattr(states, name).memory
        self.last = now
        if seconds is not None:
            local = now.astimezone(ZoneInfo(self.tz))
            day = study_day(now, self.tz, self.hour)
            next_start = datetime.combine(day + timedelta(days=1), datetime.min.time().replace(hour=self.hour),
                                          tzinfo=ZoneInfo(self.tz))
            until = (next_start - local).total_seconds()
            if seconds < until:
                return now + timedelta(seconds=seconds)
            days_on = int((seconds - until) // 86400) + 1
        else:
            days_on = days[name]
        start = datetime.combine(study_day(now, self.tz, self.hour) + timedelta(days=days_on),
                                 datetime.min.time().replace(hour=self.hour), tzinfo=ZoneInfo(self.tz))
        return start.astimezone(timezone.utc)


@pytest.mark.parametrize("seed", range(1000))
def test_random_history_matches_fsrs_rs(seed):
    """Every answer's stability, difficulty, state and due time are what fsrs-rs and Anki's rules give."""
    rng = random.Random(seed)
    tz, hour = rng.choice(ZONES), rng.choice([0, 4, 4, 4, 6, 23])
    scheduler = Scheduler(tz=tz, day_start_hour=hour, enable_fuzzing=False)
    expected = Expected(tz, hour)
    card = CardState.new(START, card_id=seed)
    for rating, now in random_history(rng, rng.randint(1, 25)):
        due = expected.answer(rating, now)
        card = scheduler.answer_card(card, rating, now).after
        assert (card.stability, card.difficulty) == (expected.memory.stability, expected.memory.difficulty)
        assert card.state == expected.state and card.step == expected.step
        assert card.due == due


@pytest.mark.parametrize("seed", range(20))
def test_random_history_through_the_database_matches_fsrs_rs_and_undoes_exactly(app, make_user, seed):
    """The same histories through reviews.answer_card store fsrs-rs's states; undo restores each earlier row
    (the last ten, as far as undo goes)."""
    rng = random.Random(10_000 + seed)
    tz, hour = rng.choice(ZONES), rng.choice([0, 4, 6, 23])
    user = make_user()
    user = db.session.get(User, user.id)
    user.timezone, user.day_start_hour = tz, hour
    question_set = QuestionSet(slug=f"replay-{seed}", title="Replay", sources=[])
    db.session.add(question_set)
    db.session.flush()
    question = Question(set_id=question_set.id, key="q", type="flashcard", prompt="front", answer="back", position=0)
    db.session.add(question)
    db.session.commit()
    expected = Expected(tz, hour)
    rows = []
    for rating, now in random_history(rng, rng.randint(2, 15)):
        expected.answer(rating, now)
        preview = reviews.next_states(user, question.id, now)[rating]
        user_writes.begin_write(user.id)
        reviews.answer_card(user, question, rating, origin="study", now=now)
        db.session.commit()
        db.session.expire_all()
        card = card_rows.get_card(user.id, question.id)
        assert (card.stability, card.difficulty) == (expected.memory.stability, expected.memory.difficulty)
        assert (card.state, card.step) == (int(expected.state), expected.step)
        assert card.due == preview.due  # the app fuzzes as its preview said
        rows.append(_row(card))
    for earlier in list(reversed(rows[:-1]))[:undo_answers.UNDO_DEPTH]:
        user_writes.begin_write(user.id)
        assert undo_answers.undo_last_review(user) is not None
        db.session.commit()
        db.session.expire_all()
        assert _row(card_rows.get_card(user.id, question.id)) == earlier


def _row(card: Card) -> tuple:
    return (card.due, card.stability, card.difficulty, card.state, card.step, card.reps, card.lapses,
            card.last_review, card.suspended, card.leech)
