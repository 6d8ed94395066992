"""Anki's scheduling rules around fsrs-rs, one test per rule, at fixed clocks."""

from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs_rs_python as fsrs_rs
import pytest

from quizapp.scheduling import CardState, Rating, Scheduler, State, day_start, days_between, study_date
from quizapp.scheduling.scheduler import balanced, fuzz_bounds, fuzz_delta, fuzz_factor, with_fuzz

LISBON = "Europe/Lisbon"
ENGINE = fsrs_rs.FSRS(fsrs_rs.DEFAULT_PARAMETERS)


def local(*args, tz=LISBON):
    return datetime(*args, tzinfo=ZoneInfo(tz)).astimezone(timezone.utc)


def review_card(stability=3.0, difficulty=5.0, last=None, reps=3, card_id=7):
    last = last or local(2025, 3, 10, 20, 0)
    return CardState(due=last + timedelta(days=2), stability=stability, difficulty=difficulty, state=State.REVIEW,
                     step=None, reps=reps, last_review=last, card_id=card_id)


# ---- study days ----------------------------------------------------------------------


def test_elapsed_days_are_differences_of_study_days():
    """20:00 then 05:00 next morning is one study day (not 0 of 24 h); 23:00 then 03:00 is the same day."""
    scheduler = Scheduler(tz=LISBON, enable_fuzzing=False)
    card = review_card(stability=0.126, difficulty=7.0, last=local(2025, 3, 10, 20, 0))
    assert scheduler.elapsed_days(card, local(2025, 3, 11, 5, 0)) == 1
    after = scheduler.answer_card(card, Rating.GOOD, local(2025, 3, 11, 5, 0)).after
    expected = ENGINE.next_states(fsrs_rs.MemoryState(0.126, 7.0), 0.9, 1).good.memory
    assert (after.stability, after.difficulty) == (expected.stability, expected.difficulty)
    late = review_card(last=local(2025, 3, 10, 23, 0))
    assert scheduler.elapsed_days(late, local(2025, 3, 11, 3, 0)) == 0


def test_next_day_starts_at_the_users_hour():
    """With the day starting at midnight, 23:00 and 03:00 are a day apart; with 4 a.m. they are not."""
    evening, night = local(2025, 3, 10, 23, 0), local(2025, 3, 11, 3, 0)
    assert days_between(evening, night, LISBON, 0) == 1
    assert days_between(evening, night, LISBON, 4) == 0
    assert study_date(night, LISBON, 4).isoformat() == "2025-03-10"
    assert day_start(study_date(night, LISBON, 4), LISBON, 4) == local(2025, 3, 10, 4, 0)


def test_review_card_is_due_from_the_start_of_its_study_day():
    """A review interval of N days makes the card due when the study day N days on begins."""
    scheduler = Scheduler(tz=LISBON, enable_fuzzing=False)
    now = local(2025, 3, 12, 21, 30)
    outcome = scheduler.answer_card(review_card(), Rating.GOOD, now)
    days = outcome.interval.days
    assert outcome.interval == timedelta(days=days) and days >= 2
    assert outcome.after.due == local(2025, 3, 12 + days, 4, 0)


def test_graduation_on_monday_evening_answered_wednesday_morning():
    """Graduate Monday 20:10 (interval counted in days), answer Good Wednesday 05:00: fsrs-rs with 2 elapsed days."""
    scheduler = Scheduler(tz=LISBON, enable_fuzzing=False)
    monday = local(2025, 3, 10, 20, 0)
    card = scheduler.answer_card(CardState.new(monday), Rating.GOOD, monday).after
    card = scheduler.answer_card(card, Rating.GOOD, monday + timedelta(minutes=10)).after
    assert card.state == State.REVIEW
    wednesday = local(2025, 3, 12, 5, 0)
    outcome = scheduler.answer_card(card, Rating.GOOD, wednesday)
    expected = ENGINE.next_states(fsrs_rs.MemoryState(card.stability, card.difficulty), 0.9, 2)
    assert outcome.after.stability == expected.good.memory.stability
    assert outcome.interval.days >= round(expected.good.interval)


# ---- learning steps ------------------------------------------------------------------


def test_learning_step_crossing_the_day_boundary_becomes_days():
    """A 10-minute step at 03:55 (day starts at 4) ends in the next study day: due when it begins, "1 d"."""
    scheduler = Scheduler(tz=LISBON, enable_fuzzing=False)
    now = local(2025, 3, 11, 3, 55)
    card = scheduler.answer_card(CardState.new(now), Rating.AGAIN, now).after
    outcome = scheduler.answer_card(card, Rating.GOOD, now)
    assert outcome.after.state == State.LEARNING and outcome.after.step == 1
    assert outcome.after.due == local(2025, 3, 11, 4, 0)
    assert outcome.interval == timedelta(days=1)
    # At 22:00 the same step stays ten minutes.
    evening = local(2025, 3, 11, 22, 0)
    assert scheduler.answer_card(CardState.new(evening), Rating.GOOD, evening).interval == timedelta(minutes=10)


def test_learning_step_of_two_days_lands_two_study_days_on():
    """A step of 2 days answered at 15:00 is due at the start of the study day two days on."""
    scheduler = Scheduler(tz=LISBON, learning_steps=[timedelta(days=2)], enable_fuzzing=False)
    now = local(2025, 3, 11, 15, 0)
    outcome = scheduler.answer_card(CardState.new(now), Rating.AGAIN, now)
    assert outcome.after.due == local(2025, 3, 13, 4, 0)


def test_hard_on_first_step_is_halfway_to_the_second():
    """Steps 1 min and 10 min: Hard waits 5.5 minutes; a single step of 10 min: Hard waits 15 minutes."""
    now = local(2025, 3, 11, 12, 0)
    outcome = Scheduler(enable_fuzzing=False).answer_card(CardState.new(now), Rating.HARD, now)
    assert outcome.interval == timedelta(seconds=330)
    single = Scheduler(learning_steps=[timedelta(minutes=10)], enable_fuzzing=False)
    assert single.answer_card(CardState.new(now), Rating.HARD, now).interval == timedelta(minutes=15)


def test_hard_on_a_later_step_repeats_it():
    """At the second step, Hard waits that step again."""
    scheduler = Scheduler(enable_fuzzing=False)
    now = local(2025, 3, 11, 12, 0)
    card = scheduler.answer_card(CardState.new(now), Rating.GOOD, now).after
    assert card.step == 1
    assert scheduler.answer_card(card, Rating.HARD, now).interval == timedelta(minutes=10)


# ---- review intervals ----------------------------------------------------------------


def test_hard_good_easy_are_at_least_a_day_apart_in_review():
    """Again, Again, Good, Good on a new card then a review a day later: Hard < Good < Easy by ≥ 1 day."""
    scheduler = Scheduler(tz=LISBON, enable_fuzzing=False)
    now = local(2025, 3, 10, 12, 0)
    card = CardState.new(now)
    for rating in (Rating.AGAIN, Rating.AGAIN, Rating.GOOD, Rating.GOOD):
        card = scheduler.answer_card(card, rating, now).after
        now += timedelta(minutes=10)
    assert card.state == State.REVIEW
    later = card.due
    states = scheduler.describe_next_states(card, later)
    hard, good, easy = (states[r].interval.days for r in (Rating.HARD, Rating.GOOD, Rating.EASY))
    raw = ENGINE.next_states(fsrs_rs.MemoryState(card.stability, card.difficulty), 0.9, 1)
    assert round(raw.hard.interval) == round(raw.good.interval)  # fsrs-rs alone would show them equal
    assert hard >= 1 and good >= hard + 1 and easy >= good + 1


def test_easy_graduates_at_least_a_day_past_good():
    """From learning, Easy graduates to at least one day more than Good would."""
    scheduler = Scheduler(enable_fuzzing=False)
    now = local(2025, 3, 11, 12, 0)
    card = scheduler.answer_card(CardState.new(now), Rating.GOOD, now).after  # at the last step
    states = scheduler.describe_next_states(card, now)
    assert states[Rating.EASY].interval.days >= states[Rating.GOOD].interval.days + 1


def test_maximum_interval_caps_every_interval():
    """No review interval exceeds the maximum interval, fuzzed or not, and Easy is not pushed past it."""
    for fuzz in (False, True):
        scheduler = Scheduler(maximum_interval=30, enable_fuzzing=fuzz)
        card = review_card(stability=400.0, difficulty=3.0)
        states = scheduler.describe_next_states(card, card.due + timedelta(days=200))
        assert all(states[r].interval.days <= 30 for r in (Rating.HARD, Rating.GOOD, Rating.EASY))
        assert states[Rating.EASY].interval.days == 30


def test_stability_is_clamped_as_fsrs_rs():
    """A huge stability stays at fsrs-rs's ceiling of 36,500 days, with the interval at the maximum."""
    scheduler = Scheduler(enable_fuzzing=False)
    card = review_card(stability=40000.0, difficulty=5.0)
    outcome = scheduler.answer_card(card, Rating.EASY, card.due + timedelta(days=100))
    assert outcome.after.stability == 36500.0
    assert outcome.interval.days == 36500


# ---- fuzz ----------------------------------------------------------------------------


def test_fuzz_range_is_ankis():
    """Anki's ranges: ±(1 + 15 % of 2.5–7 + 10 % of 7–20 + 5 % beyond) days; none under 2.5 days."""
    assert fuzz_delta(2.0) == 0
    assert fuzz_delta(10.0) == pytest.approx(1 + 0.15 * 4.5 + 0.1 * 3)
    assert fuzz_bounds(10.0, 1, 36500) == (8, 12)
    assert fuzz_bounds(100.0, 1, 36500) == (93, 107)  # delta 1 + 0.675 + 1.3 + 4
    assert fuzz_bounds(2.0, 1, 36500) == (2, 2)
    assert fuzz_bounds(3.0, 1, 36500) == (2, 4)
    # Good past Hard: the interval is raised to the minimum first, then fuzzed, never below it.
    assert fuzz_bounds(10.0, 11, 36500) == (11, 13)
    assert fuzz_bounds(10.0, 1, 11) == (8, 11)


def test_fuzz_is_uniform_over_the_range():
    """Over many cards an interval of 10 days takes each of 8..12 about equally often, nothing else."""
    counts = Counter(with_fuzz(10.0, 1, 36500, fuzz_factor(card_id, 4)) for card_id in range(5000))
    assert set(counts) == {8, 9, 10, 11, 12}
    assert max(counts.values()) - min(counts.values()) < 200  # 1,000 each, give or take sampling


def test_fuzz_is_seeded_per_card_and_rep():
    """Fifty new cards rated Easy at the same moment get different intervals; one card and rep always the same."""
    scheduler = Scheduler()
    now = local(2025, 3, 11, 12, 0)
    days = {scheduler.answer_card(CardState.new(now, card_id=i), Rating.EASY, now).interval.days for i in range(50)}
    assert len(days) > 1
    card = review_card(card_id=12345)
    first = scheduler.answer_card(card, Rating.GOOD, card.due).after.due
    assert all(scheduler.answer_card(card, Rating.GOOD, card.due).after.due == first for _ in range(5))
    assert fuzz_factor(12345, 3) != fuzz_factor(12345, 4)


def test_fuzzed_preview_is_what_the_answer_does():
    """With fuzz on, each button's preview is exactly the due time the answer then gives."""
    scheduler = Scheduler()
    card = review_card(stability=20.0, card_id=99)
    now = card.due + timedelta(days=15)
    states = scheduler.describe_next_states(card, now)
    for rating in Rating:
        assert scheduler.answer_card(card, rating, now).after.due == states[rating].due


# ---- load balancing and easy days -------------------------------------------------------


def test_load_balancing_picks_the_least_loaded_day_in_the_fuzz_range():
    """Of 8..12 days (an interval of 10), the day with fewest reviews due is chosen; ties go to the fuzzed pick."""
    today = study_date(local(2025, 3, 10, 12, 0), LISBON)
    busy = {today + timedelta(days=d): 50 for d in range(8, 13)}
    busy[today + timedelta(days=11)] = 3
    assert balanced(10.0, 1, 36500, 0.5, today, lambda day: busy.get(day, 0)) == 11
    assert balanced(10.0, 1, 36500, 0.5, today, lambda day: 0) == with_fuzz(10.0, 1, 36500, 0.5)
    assert balanced(2.0, 1, 36500, 0.5, today, lambda day: 99) == 2  # no range below 2.5 days: nothing to balance


def test_easy_days_get_reviews_only_when_nothing_else_is_free():
    """With Saturday and Sunday easy, a review avoids them even when they are empty and the rest is busy."""
    today = study_date(local(2025, 3, 10, 12, 0), LISBON)  # a Monday
    load = {today + timedelta(days=d): 40 for d in range(0, 20)}
    weekend = frozenset({5, 6})
    for factor in (0.0, 0.3, 0.6, 0.99):
        days = balanced(10.0, 1, 36500, factor, today, lambda day: 0 if day.weekday() in weekend else load[day], weekend)
        assert (today + timedelta(days=days)).weekday() not in weekend
    only_weekend = balanced(12.0, 12, 13, 0.5, today, lambda day: 0, frozenset(range(7)))
    assert only_weekend in (12, 13)


def test_load_balanced_preview_is_what_the_answer_does():
    """With load balancing on, the buttons' previews are exactly what the answers give."""
    today = study_date(local(2025, 3, 12, 12, 0), LISBON)
    load = {today + timedelta(days=d): (d * 7) % 5 for d in range(60)}
    scheduler = Scheduler(tz=LISBON, load=lambda day: load.get(day, 0), easy_days=[6])
    card = review_card(stability=20.0, card_id=5)
    now = local(2025, 3, 12, 12, 0)
    states = scheduler.describe_next_states(card, now)
    for rating in Rating:
        assert scheduler.answer_card(card, rating, now).after.due == states[rating].due
