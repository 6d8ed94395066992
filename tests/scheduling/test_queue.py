"""The study queue: order, daily limits and the 4 a.m. day boundary in the student's zone."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from quizapp.scheduling import QueueCandidate, State, get_queued_cards, study_day_bounds

SAO_PAULO = "America/Sao_Paulo"  # UTC-3, no daylight saving since 2019
# 10:00 in São Paulo on 2024-05-10.
NOW = datetime(2024, 5, 10, 13, 0, tzinfo=timezone.utc)


def gen_card(card_id, *, position=0, due=None, state=State.REVIEW, reps=3, suspended=False):
    """A queue candidate; with ``due=None`` a new card."""
    if due is None:
        return QueueCandidate(card_id, position=position, suspended=suspended)
    return QueueCandidate(card_id, position=position, due=due, state=state, reps=reps, suspended=suspended)


def ids(queue):
    """The card ids of a queue, in order."""
    return [card.card_id for card in queue]


def queue(cards, **kwargs):
    """get_queued_cards at NOW in São Paulo, with overridable limits."""
    return get_queued_cards(cards, now=kwargs.pop("now", NOW), tz=kwargs.pop("tz", SAO_PAULO), **kwargs)


def test_due_first_oldest_first_then_new_by_position():
    """Due cards come oldest first, then new cards in set order."""
    cards = [
        gen_card("new-b", position=2),
        gen_card("due-late", due=NOW - timedelta(hours=1)),
        gen_card("new-a", position=1),
        gen_card("due-old", due=NOW - timedelta(days=3)),
    ]
    assert ids(queue(cards)) == ["due-old", "due-late", "new-a", "new-b"]


def test_not_yet_due_cards_are_left_out():
    """A review card due after the end of the study day is not queued."""
    cards = [gen_card("tomorrow", due=NOW + timedelta(days=1)), gen_card("today", due=NOW)]
    assert ids(queue(cards)) == ["today"]


def test_suspended_cards_never_appear():
    """Suspended cards are skipped, due or new."""
    cards = [
        gen_card("due", due=NOW - timedelta(days=1), suspended=True),
        gen_card("new", suspended=True),
        gen_card("ok", due=NOW - timedelta(days=1)),
    ]
    assert ids(queue(cards)) == ["ok"]


def test_new_limit_counts_what_was_introduced_today():
    """New cards stop at the daily new limit minus those already introduced."""
    cards = [gen_card(f"n{i}", position=i) for i in range(10)]
    assert ids(queue(cards, new_limit=5)) == ["n0", "n1", "n2", "n3", "n4"]
    assert ids(queue(cards, new_limit=5, new_done_today=3)) == ["n0", "n1"]
    assert queue(cards, new_limit=5, new_done_today=7) == []


def test_review_limit_caps_due_and_new_together():
    """Everything queued fits within the review limit left for the day; due cards win."""
    due = [gen_card(f"d{i}", due=NOW - timedelta(hours=i + 1)) for i in range(4)]
    new = [gen_card(f"n{i}", position=i) for i in range(4)]
    assert ids(queue(due + new, review_limit=6)) == ["d3", "d2", "d1", "d0", "n0", "n1"]
    assert ids(queue(due + new, review_limit=6, reviews_done_today=3)) == ["d3", "d2", "d1"]
    assert queue(due + new, review_limit=6, reviews_done_today=9) == []


def test_learning_steps_wait_until_due():
    """A card in a minutes-long learning step returns only once its step is reached."""
    soon = gen_card("learning", due=NOW + timedelta(minutes=5), state=State.LEARNING, reps=1)
    relearn = gen_card("relearning", due=NOW + timedelta(minutes=9), state=State.RELEARNING, reps=5)
    assert queue([soon, relearn]) == []
    assert ids(queue([soon, relearn], now=NOW + timedelta(minutes=10))) == ["learning", "relearning"]


def test_review_card_is_due_for_the_whole_study_day():
    """A review card due this evening is shown this morning: review intervals are days."""
    evening = gen_card("evening", due=NOW + timedelta(hours=10))  # 20:00 in São Paulo
    after_cutoff = gen_card("after-4am", due=NOW + timedelta(hours=18, minutes=1))  # 04:01 next day
    assert ids(queue([evening, after_cutoff])) == ["evening"]


def test_day_boundary_at_4am_local_not_midnight_utc():
    """At 02:00 local the study day is still yesterday's; at 04:00 a new one begins."""
    # 02:00 in São Paulo on 2024-05-11 is 05:00 UTC: already the 11th in UTC.
    late_night = datetime(2024, 5, 11, 5, 0, tzinfo=timezone.utc)
    start, end = study_day_bounds(late_night, SAO_PAULO)
    assert start == datetime(2024, 5, 10, 7, 0, tzinfo=timezone.utc)  # 04:00 local on the 10th
    assert end == datetime(2024, 5, 11, 7, 0, tzinfo=timezone.utc)
    # A review card due at 05:00 local on the 11th waits until that study day starts.
    card = gen_card("morning", due=datetime(2024, 5, 11, 8, 0, tzinfo=timezone.utc))
    assert queue([card], now=late_night) == []
    assert ids(queue([card], now=datetime(2024, 5, 11, 7, 0, tzinfo=timezone.utc))) == ["morning"]


def test_day_bounds_at_exact_start():
    """04:00 local sharp belongs to the day that starts then."""
    at_four = datetime(2024, 5, 10, 7, 0, tzinfo=timezone.utc)
    assert study_day_bounds(at_four, SAO_PAULO)[0] == at_four
    assert study_day_bounds(at_four - timedelta(microseconds=1), SAO_PAULO)[1] == at_four


def test_day_bounds_across_daylight_saving():
    """The day on which clocks go forward is 23 hours long, by the wall clock."""
    # Europe/Berlin springs forward at 02:00 on 2024-03-31, inside the study day of the 30th.
    start, end = study_day_bounds(datetime(2024, 3, 30, 12, 0, tzinfo=timezone.utc), "Europe/Berlin")
    assert start == datetime(2024, 3, 30, 3, 0, tzinfo=timezone.utc)  # 04:00 CET
    assert end == datetime(2024, 3, 31, 2, 0, tzinfo=timezone.utc)  # 04:00 CEST
    assert end - start == timedelta(hours=23)


def test_day_start_hour_is_configurable():
    """With day_start_hour=0 the day runs midnight to midnight, local time."""
    start, end = study_day_bounds(NOW, SAO_PAULO, day_start_hour=0)
    assert start.astimezone(ZoneInfo(SAO_PAULO)).hour == 0
    assert end - start == timedelta(days=1)


def test_bounds_are_utc():
    """The bounds come back in timezone.utc, ready to compare with stored UTC times."""
    start, end = study_day_bounds(NOW, "Asia/Tokyo")
    assert start.tzinfo is timezone.utc and end.tzinfo is timezone.utc
    assert start <= NOW < end


def test_naive_now_is_refused():
    """The queue refuses a naive `now` rather than guessing its zone."""
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        get_queued_cards([], now=datetime(2024, 5, 10, 13), tz=SAO_PAULO)


def test_unknown_zone_is_refused():
    """An unknown IANA zone name is an error, not UTC."""
    with pytest.raises(Exception):
        study_day_bounds(NOW, "Mars/Olympus_Mons")


def test_equal_due_times_order_by_position():
    """Cards due at the same moment keep their set order, so the queue is stable."""
    cards = [gen_card(c, position=p, due=NOW - timedelta(days=1)) for c, p in [("c", 3), ("a", 1), ("b", 2)]]
    assert ids(queue(cards)) == ["a", "b", "c"]


def test_answered_card_with_zero_reps_counts_as_new():
    """A state row with reps == 0 is still a new card."""
    card = QueueCandidate("x", position=1, due=NOW + timedelta(days=5), state=State.LEARNING, reps=0)
    assert card.is_new
    assert ids(queue([card])) == ["x"]
