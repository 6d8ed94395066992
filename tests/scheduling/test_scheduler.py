"""The FSRS glue: quizapp.scheduling's verbs over fsrs-rs."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs_rs_python as fsrs_rs
import pytest

from quizapp.scheduling import (
    LEECH_LAPSES,
    CardState,
    Rating,
    Scheduler,
    State,
    format_interval,
    is_leech,
)

START = datetime(2022, 11, 29, 12, 30, tzinfo=timezone.utc)


def replay(scheduler, ratings, start=START):
    """Answer each rating at the moment the card falls due; return the outcomes."""
    card = CardState.new(start)
    now = start
    outcomes = []
    for rating in ratings:
        outcome = scheduler.answer_card(card, rating, now)
        outcomes.append(outcome)
        card = outcome.after
        now = card.due
    return outcomes


def test_memory_states_are_fsrs_rs_next_states():
    """Again then Good x5 on days 0,0,1,3,8,21 gives fsrs-rs's stability and difficulty at every step."""
    scheduler = Scheduler()
    engine = fsrs_rs.FSRS(fsrs_rs.DEFAULT_PARAMETERS)
    card, memory = CardState.new(START), None
    now = START
    for rating, gap in zip([1, 3, 3, 3, 3, 3], [0, 0, 1, 3, 8, 21]):
        now += timedelta(days=gap)
        card = scheduler.answer_card(card, rating, now).after
        memory = getattr(engine.next_states(memory, 0.9, gap), Rating(rating).name.lower()).memory
        assert (card.stability, card.difficulty) == (memory.stability, memory.difficulty)
    assert 40 < card.stability < 70


def test_new_card_is_new_and_due_now():
    """CardState.new is due at once, in Learning at step 0, with no reps."""
    card = CardState.new(START)
    assert card.is_new and card.due == START
    assert (card.state, card.step, card.reps, card.lapses) == (State.LEARNING, 0, 0, 0)


def test_reps_and_lapses_are_counted():
    """Every answer is a rep; only Again on a card in Review is a lapse."""
    scheduler = Scheduler(enable_fuzzing=False)
    ratings = [Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.AGAIN, Rating.GOOD, Rating.AGAIN]
    outcomes = replay(scheduler, ratings)
    assert [o.after.reps for o in outcomes] == [1, 2, 3, 4, 5, 6, 7]
    # Again while learning (1st) or relearning (5th) is no lapse.
    assert [o.after.lapses for o in outcomes] == [0, 0, 0, 1, 1, 1, 2]
    assert [o.lapsed for o in outcomes] == [False, False, False, True, False, False, True]
    assert outcomes[3].before.state == State.REVIEW
    assert outcomes[3].after.state == State.RELEARNING


def test_answer_keeps_before_state_untouched():
    """The outcome carries the state before the answer unchanged, for the review log."""
    card = CardState.new(START)
    outcome = Scheduler().answer_card(card, Rating.GOOD, START)
    assert outcome.before is card and card.reps == 0
    assert outcome.after.last_review == START
    assert outcome.rating is Rating.GOOD


@pytest.mark.parametrize("verb", ["answer_card", "describe_next_states", "retrievability"])
def test_naive_now_is_refused(verb):
    """Every verb refuses a naive `now` with a message naming the argument."""
    scheduler = Scheduler()
    args = (CardState.new(START), Rating.GOOD) if verb == "answer_card" else (CardState.new(START),)
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        getattr(scheduler, verb)(*args, datetime(2024, 1, 1, 12))


def test_naive_stored_datetime_is_refused():
    """A naive due date (as SQLite hands back) is refused when the state is built."""
    with pytest.raises(ValueError, match="due must be timezone-aware"):
        CardState(due=datetime(2024, 1, 1, 12))


@pytest.mark.parametrize(
    "tzinfo", [ZoneInfo("UTC"), ZoneInfo("America/Sao_Paulo"), timezone(timedelta(hours=9))]
)
def test_any_aware_zone_is_accepted_as_utc(tzinfo):
    """Aware datetimes in any zone are converted to timezone.utc."""
    now = START.astimezone(tzinfo)
    outcome = Scheduler(enable_fuzzing=False).answer_card(CardState.new(now), Rating.GOOD, now)
    assert outcome.after.last_review == START
    assert outcome.after.due.tzinfo is timezone.utc
    assert outcome.interval == timedelta(minutes=10)


def test_state_from_plain_int_row():
    """A state read from the database as an int becomes a State."""
    card = CardState(due=START, stability=3.0, difficulty=5.0, state=2, step=None, reps=3, last_review=START)
    assert card.state is State.REVIEW


def test_next_states_of_new_card():
    """A new card's buttons read 1 min, 6 min, 10 min and a few days (default steps)."""
    states = Scheduler(enable_fuzzing=False).describe_next_states(CardState.new(START), START)
    assert list(states) == [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
    labels = {rating: state.label for rating, state in states.items()}
    assert labels[Rating.AGAIN] == "1 min"
    assert labels[Rating.HARD] == "6 min"  # halfway between the 1 and 10 minute steps
    assert labels[Rating.GOOD] == "10 min"
    assert labels[Rating.EASY].endswith(" d")
    assert states[Rating.GOOD].due == START + timedelta(minutes=10)


def test_next_states_grow_with_rating():
    """For a card in review, a better rating never schedules it sooner."""
    scheduler = Scheduler()
    card = replay(Scheduler(enable_fuzzing=False), [Rating.GOOD] * 4)[-1].after
    states = scheduler.describe_next_states(card, card.due)
    intervals = [states[r].interval for r in Rating]
    assert intervals == sorted(intervals)
    assert states[Rating.AGAIN].label == "10 min"


@pytest.mark.parametrize(
    "interval, label",
    [
        (timedelta(seconds=30), "30 s"),
        (timedelta(minutes=1), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=1), "1 d"),
        (timedelta(days=2), "2 d"),
        (timedelta(days=29), "29 d"),
        (timedelta(days=45), "1.5 mo"),
        (timedelta(days=90), "3 mo"),
        (timedelta(days=330), "11 mo"),
        (timedelta(days=365), "1 y"),
        (timedelta(days=900), "2.5 y"),
        (timedelta(days=36500), "100 y"),
    ],
)
def test_interval_labels(interval, label):
    """Intervals read as short language-neutral labels."""
    assert format_interval(interval) == label


def test_retrievability():
    """Retrievability is 0 for a new card, 0.9 at one stability-length, and falls with time."""
    scheduler = Scheduler()
    assert scheduler.retrievability(CardState.new(START), START) == 0.0
    card = CardState(
        due=START, stability=10.0, difficulty=5.0, state=State.REVIEW, step=None, reps=3, last_review=START
    )
    assert scheduler.retrievability(card, START) == pytest.approx(1.0)
    assert scheduler.retrievability(card, START + timedelta(days=10)) == pytest.approx(0.9)
    assert scheduler.retrievability(card, START + timedelta(days=30)) < 0.9


def test_desired_retention_shortens_intervals():
    """Asking for higher retention schedules reviews sooner."""
    card = replay(Scheduler(enable_fuzzing=False), [Rating.GOOD] * 3)[-1].after
    low = Scheduler(0.8, enable_fuzzing=False).answer_card(card, Rating.GOOD, card.due)
    high = Scheduler(0.95, enable_fuzzing=False).answer_card(card, Rating.GOOD, card.due)
    assert high.interval < low.interval


def test_custom_learning_steps():
    """Learning steps are configurable and used for a new card."""
    scheduler = Scheduler(learning_steps=[timedelta(minutes=5)], enable_fuzzing=False)
    outcome = scheduler.answer_card(CardState.new(START), Rating.AGAIN, START)
    assert outcome.interval == timedelta(minutes=5)


@pytest.mark.parametrize("retention", [0, 1, 1.5])
def test_desired_retention_must_be_a_probability(retention):
    """A retention outside (0, 1) is refused."""
    with pytest.raises(ValueError):
        Scheduler(retention)


@pytest.mark.parametrize("lapses, leech", [(0, False), (LEECH_LAPSES - 1, False), (LEECH_LAPSES, True), (12, True)])
def test_leech(lapses, leech):
    """A card is a leech from LEECH_LAPSES lapses on."""
    assert LEECH_LAPSES == 8
    assert is_leech(CardState.new(START).evolve(lapses=lapses)) is leech


def test_leech_after_repeated_forgetting():
    """Forgetting a reviewed card eight times makes it a leech."""
    scheduler = Scheduler(enable_fuzzing=False)
    outcomes = replay(scheduler, [Rating.GOOD, Rating.GOOD] + [Rating.AGAIN, Rating.GOOD] * LEECH_LAPSES)
    card = outcomes[-1].after
    assert card.lapses == LEECH_LAPSES and is_leech(card)
    assert not is_leech(outcomes[-3].after)
