"""The study workflows (quizapp.reviews, study_queue, study_options): leeches, edits and removals, day counts, settings."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from quizapp import reviews, study_queue, user_writes
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import LEECH_LAPSES, Rating
from tests.forms import post_form


# The settings form's other fields, as a browser sends them.
OPTIONS = {"learning_steps": "1m 10m", "relearning_steps": "10m", "maximum_interval": "36500", "leech_threshold": "8",
           "leech_action": "suspend", "new_card_order": "set"}


def _answer(user, question, rating, now, **kw):
    db.session.commit()
    user_writes.begin_write(user.id)
    outcome = reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, question.id), rating,
                                  now=now, **kw)
    db.session.commit()
    return outcome


def test_eighth_lapse_makes_a_leech_suspended_and_flagged(app, student):
    """After 8 lapses the card is flagged a leech and suspended; it leaves the queue."""
    user, study_set = student
    question = study_set.questions[0]
    now = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
    outcome = _answer(user, question, Rating.GOOD, now)
    became = []
    for _ in range(LEECH_LAPSES):
        now = outcome.card.due + timedelta(minutes=1)
        outcome = _answer(user, question, Rating.GOOD, now)  # graduate to review
        now = outcome.card.due + timedelta(minutes=1)
        outcome = _answer(user, question, Rating.AGAIN, now)  # lapse
        became.append(outcome.became_leech)
    assert became == [False] * (LEECH_LAPSES - 1) + [True]
    card = db.session.scalars(sa.select(Card)).one()
    assert card.lapses == LEECH_LAPSES and card.leech and card.suspended
    queue = study_queue.get_queued_cards_for(db.session.get(User, user.id), study_set.id, now + timedelta(days=400))
    assert question.id not in [c.card_id for c in queue]


def test_leech_flash_and_unsuspend_from_settings(client, student):
    """The student is told about a leech, finds it in the settings and unsuspends it."""
    from tests.study.conftest import rate, show_and_answer

    user, study_set = student
    question = study_set.questions[0]
    now = datetime.now(timezone.utc) - timedelta(days=1)
    db.session.add(Card(user_id=user.id, question_id=question.id, due=now, stability=2.0, difficulty=8.0, state=2,
                        step=None, reps=20, lapses=LEECH_LAPSES - 1, last_review=now - timedelta(days=2)))
    db.session.commit()
    qid, response = show_and_answer(client, study_set.slug, "Lyon")
    assert qid == question.id
    page = rate(client, study_set.slug, response.get_data(as_text=True), 1)
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "This question is a leech" in html
    settings = client.get("/settings").get_data(as_text=True)
    assert "leech" in settings and question.prompt in settings
    card = db.session.scalars(sa.select(Card)).one()
    post_form(client, f"/settings/cards/{card.id}/unsuspend", {}, page="/settings")
    db.session.refresh(card)
    assert card.suspended is False and card.leech is True


def test_settings_change_retention_limits_and_zone(client, student):
    """The settings page saves desired retention, daily limits and the time zone."""
    user, _ = student
    response = post_form(client, "/settings", {**OPTIONS, "timezone": "America/Sao_Paulo", "desired_retention": "0.85",
                                               "new_per_day": "5", "reviews_per_day": "50", "day_start_hour": "6"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.timezone, user.desired_retention, user.new_per_day, user.reviews_per_day, user.day_start_hour) == (
        "America/Sao_Paulo", 0.85, 5, 50, 6)
    for hour in ("24", "-1", ""):
        refused = post_form(client, "/settings", {**OPTIONS, "timezone": "UTC", "desired_retention": "0.9", "new_per_day": "5",
                                                  "reviews_per_day": "50", "day_start_hour": hour})
        assert refused.status_code == 200 and "Next day starts at" in refused.get_data(as_text=True)
    db.session.refresh(user)
    assert user.day_start_hour == 6
    bad = post_form(client, "/settings", {**OPTIONS, "timezone": "Mars/Base", "desired_retention": "1.5",
                                          "new_per_day": "5", "reviews_per_day": "50", "day_start_hour": "4"})
    assert bad.status_code == 200
    db.session.refresh(user)
    assert user.desired_retention == 0.85


def test_edited_question_keeps_the_card_and_removed_keeps_history(app, student):
    """A teacher's edit keeps the student's card; a removed question leaves the queue, its history stays."""
    from quizapp import formats
    from quizapp.sets import import_set
    from tests.study.conftest import STUDY_SET_YAML

    user, study_set = student
    question = study_set.questions[0]
    _answer(user, question, Rating.GOOD, datetime.now(timezone.utc))
    edited = STUDY_SET_YAML.replace("What is the capital of France?", "Which city is the capital of France?")
    import_set(formats.read(edited.encode(), "yaml").set)
    db.session.commit()
    card = db.session.scalars(sa.select(Card)).one()
    assert card.question_id == question.id and card.reps == 1
    without = edited.replace("  - id: capital-fr", "  - id: gone-capital-fr", 1)
    without = without[:without.index("  - id: gone-capital-fr")] + without[without.index("  - id: capital-pt"):]
    import_set(formats.read(without.encode(), "yaml").set)
    db.session.commit()
    assert db.session.get(Question, question.id).removed_at is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1
    queue = study_queue.get_queued_cards_for(db.session.get(User, user.id), study_set.id)
    assert question.id not in [c.card_id for c in queue]


def test_day_counts_follow_the_users_4am_day(app, student):
    """Reviews before 4 a.m. local time belong to the previous study day's limits."""
    user, study_set = student
    user.timezone = "America/Sao_Paulo"
    user.new_per_day = 2
    db.session.commit()
    # 03:30 in São Paulo on 10 May = 06:30 UTC: still the 9 May study day.
    early = datetime(2024, 5, 10, 6, 30, tzinfo=timezone.utc)
    for q in study_set.questions[:2]:
        _answer(user, q, Rating.EASY, early)
    fresh = db.session.get(User, user.id)
    assert study_queue.set_counts(fresh, [study_set.id], early + timedelta(minutes=20))[study_set.id].new == 0
    # 04:10 local: a new study day, two new cards again.
    assert study_queue.set_counts(fresh, [study_set.id], early + timedelta(minutes=40))[study_set.id].new == 2


def test_day_counts_follow_the_users_own_day_start(app, student):
    """With the next day starting at 6, an answer at 05:00 still belongs to yesterday; at midnight, to today."""
    user, study_set = student
    user.timezone, user.new_per_day, user.day_start_hour = "Europe/Lisbon", 1, 6
    db.session.commit()
    evening = datetime(2024, 5, 9, 22, 0, tzinfo=timezone.utc)  # 23:00 in Lisbon
    _answer(user, study_set.questions[0], Rating.EASY, evening)
    fresh = db.session.get(User, user.id)
    at_five = datetime(2024, 5, 10, 4, 0, tzinfo=timezone.utc)  # 05:00 in Lisbon
    assert study_queue.set_counts(fresh, [study_set.id], at_five)[study_set.id].new == 0
    assert study_queue.set_counts(fresh, [study_set.id], at_five + timedelta(hours=1))[study_set.id].new == 1
    fresh.day_start_hour = 0
    db.session.commit()
    assert study_queue.set_counts(fresh, [study_set.id], at_five)[study_set.id].new == 1


def test_time_zone_is_typed_with_suggestions(client, student):
    """The zone is a text field with every zone as a suggestion; an unknown zone is refused with a hint."""
    user, _ = student
    html = client.get("/settings").get_data(as_text=True)
    assert 'list="zones"' in html and '<option value="Europe/Lisbon">' in html
    bad = post_form(client, "/settings", {**OPTIONS, "timezone": "Lisboa", "desired_retention": "0.9",
                                          "new_per_day": "5", "reviews_per_day": "50", "day_start_hour": "4"})
    assert bad.status_code == 200 and "Choose a time zone from the list" in bad.get_data(as_text=True)
    db.session.refresh(user)
    assert user.timezone != "Lisboa"
