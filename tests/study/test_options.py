"""A student's scheduling options, per account with a set's own on top: steps, maximum interval, leeches, order."""
import re
from datetime import datetime, timedelta, timezone

import pytest

from quizapp import reviews, study_options, study_queue, workload
from quizapp.extensions import db
from quizapp.models import Question, User
from quizapp.scheduling import Rating
from quizapp.scheduling.options import format_steps, parse_steps
from tests.forms import post_form

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
FORM = {"timezone": "UTC", "day_start_hour": "4", "desired_retention": "0.9", "new_per_day": "20",
        "reviews_per_day": "200", "learning_steps": "1m 10m", "relearning_steps": "10m", "maximum_interval": "36500",
        "leech_threshold": "8", "leech_action": "suspend", "new_card_order": "set"}


def _user(user, **settings):
    user = db.session.get(User, user.id)
    for name, value in settings.items():
        setattr(user, name, value)
    db.session.commit()
    return user


def _answer(user, question, rating, now):
    outcome = reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, question.id), rating, now=now)
    db.session.commit()
    return outcome


@pytest.mark.parametrize("text, seconds", [("1m 10m", [60, 600]), ("30s, 1h 2d", [30, 3600, 172800]), ("", []),
                                           ("1.5m", [90])])
def test_steps_are_written_as_anki_writes_them(text, seconds):
    """Steps read as numbers with s, m, h or d, and write back in the largest whole unit."""
    steps = parse_steps(text)
    assert [int(s.total_seconds()) for s in steps] == seconds
    assert parse_steps(format_steps(steps)) == steps


@pytest.mark.parametrize("text", ["10", "5x", "0m", "400d", "1m " * 11])
def test_bad_steps_are_refused_naming_the_step(text):
    with pytest.raises(ValueError):
        parse_steps(text)


def test_learning_steps_of_the_account_and_of_one_set(app, student):
    """Account steps "5m" make Again wait 5 minutes; a set's own "2m" wins in that set."""
    user, study_set = student
    user = _user(user, learning_steps="5m")
    first = study_set.questions[0]
    assert _answer(user, first, Rating.AGAIN, NOW).card.due == NOW + timedelta(minutes=5)
    study_options.save_set_limits(user.id, study_set.id, learning_steps="2m")
    db.session.commit()
    second = study_set.questions[1]
    assert _answer(user, second, Rating.AGAIN, NOW).card.due == NOW + timedelta(minutes=2)
    states = reviews.next_states(db.session.get(User, user.id), study_set.questions[2].id, NOW)
    assert states[Rating.AGAIN].label == "2 min"


def test_maximum_interval_and_retention_of_a_set(app, student):
    """A set's maximum interval of 3 days caps Easy on graduation; its retention is used for its cards."""
    user, study_set = student
    study_options.save_set_limits(user.id, study_set.id, maximum_interval=3, desired_retention=0.8)
    db.session.commit()
    user = db.session.get(User, user.id)
    scheduler = study_options.scheduler_for(user, study_set.id)
    assert (scheduler.maximum_interval, scheduler.desired_retention) == (3, 0.8)
    outcome = _answer(user, study_set.questions[0], Rating.EASY, NOW)
    assert outcome.card.due - NOW <= timedelta(days=3)


def test_leech_threshold_and_tag_only_action(app, student):
    """With a threshold of 2 and "tag only", the second lapse makes a leech that stays in the queue."""
    user, study_set = student
    user = _user(user, leech_threshold=2, leech_action="tag", relearning_steps="")
    question = study_set.questions[0]
    now = NOW
    became = []
    for rating in (Rating.EASY, Rating.AGAIN, Rating.AGAIN):
        outcome = _answer(user, question, rating, now)
        became.append(outcome.became_leech)
        now = outcome.card.due + timedelta(hours=1)
    assert became == [False, False, True]
    assert outcome.card.leech and not outcome.card.suspended and outcome.card.lapses == 2


def test_random_new_card_order_is_a_fixed_shuffle(app, student):
    """Random order serves new cards in a shuffled but fixed order, the same from SQL and from the reference queue."""
    user, study_set = student
    user = _user(user, new_card_order="random")
    queue = [c.card_id for c in study_queue.get_queued_cards_for(user, study_set.id, NOW)]
    assert sorted(queue) == sorted(q.id for q in study_set.questions)
    assert queue != [q.id for q in sorted(study_set.questions, key=lambda q: q.position)]
    question, _ = study_queue.next_question(user, study_set.id, NOW)
    assert question.id == queue[0]
    study_options.save_set_limits(user.id, study_set.id, new_card_order="set")
    db.session.commit()
    question, _ = study_queue.next_question(db.session.get(User, user.id), study_set.id, NOW)
    assert question.id == min(study_set.questions, key=lambda q: q.position).id


def test_load_balancing_moves_a_review_off_a_crowded_day(app, student):
    """Twenty cards due on the day a Good answer would land on: with load balancing the card goes elsewhere."""
    from quizapp.models import Card, QuestionSet
    from quizapp.scheduling import day_start

    user, study_set = student
    user = _user(user, timezone="UTC")
    crowd = QuestionSet(slug="crowd", title="Crowd", sources=[])
    db.session.add(crowd)
    db.session.flush()
    question = study_set.questions[0]
    card = Card(user_id=user.id, question_id=question.id, due=NOW, stability=20.0, difficulty=5.0, state=2, step=None,
                reps=3, lapses=0, last_review=NOW - timedelta(days=20), suspended=False, leech=False)
    db.session.add(card)
    db.session.commit()
    user.load_balancing = False
    plain = reviews.next_states(user, question.id, NOW)[Rating.GOOD].due
    for i in range(20):
        other = Question(set_id=crowd.id, key=f"x{i}", type="flashcard", prompt="x", answer="y", position=i)
        db.session.add(other)
        db.session.flush()
        db.session.add(Card(user_id=user.id, question_id=other.id, due=plain, stability=9.0, difficulty=5.0, state=2,
                            step=None, reps=2, lapses=0, last_review=NOW, suspended=False, leech=False))
    user.load_balancing = True
    db.session.commit()
    balanced_due = reviews.next_states(db.session.get(User, user.id), question.id, NOW)[Rating.GOOD].due
    assert balanced_due != plain and abs((balanced_due - plain).days) <= 4
    assert _answer(user, question, Rating.GOOD, NOW).card.due == balanced_due


def test_settings_page_saves_options_and_shows_the_workload(client, student):
    """The settings page stores every option, normalises steps, refuses bad steps by name, shows the workload."""
    user, _ = student
    form = {**FORM, "learning_steps": "60s, 15m", "relearning_steps": "20m", "maximum_interval": "365",
            "leech_threshold": "5", "leech_action": "tag", "new_card_order": "random", "load_balancing": "y",
            "easy_days": ["6", "5"]}
    assert post_form(client, "/settings", form).status_code == 302
    db.session.refresh(user)
    assert (user.learning_steps, user.relearning_steps, user.maximum_interval, user.leech_threshold,
            user.leech_action, user.new_card_order, user.load_balancing, user.easy_days) == (
        "1m 15m", "20m", 365, 5, "tag", "random", True, "5,6")
    page = client.get("/settings").get_data(as_text=True)
    assert re.search(r'<input checked id="easy_days-5"[^>]*value="5"', page) or re.search(r'id="easy_days-5"[^>]*checked', page)
    bad = post_form(client, "/settings", {**FORM, "learning_steps": "1m 5x"})
    assert bad.status_code == 200 and "“5x” is not a step" in bad.get_data(as_text=True)
    db.session.refresh(user)
    assert user.learning_steps == "1m 15m"
    page = client.get("/settings").get_data(as_text=True)
    assert "Expected workload" in page and re.search(r"0\.90 \(yours\)", page)
    rows = workload.expected_workload(db.session.get(User, user.id))
    by_retention = {round(row.retention, 2): row.reviews_per_day for row in rows}
    assert by_retention[0.8] < by_retention[0.9] < by_retention[0.95]


def test_day_load_counts_each_study_day_once_whatever_the_order_asked(app, student, monkeypatch):
    """The load balancer's reviews per day, read in windows, equal a plain count of every review card, in any order."""
    import random

    monkeypatch.setattr("quizapp.clock.now", lambda: NOW)
    from quizapp.models import Card, QuestionSet
    from quizapp.scheduling import study_date

    user, _ = student
    user = _user(user, timezone="America/Sao_Paulo", day_start_hour=4)
    pile = QuestionSet(slug="pile", title="Pile", sources=[])
    db.session.add(pile)
    db.session.flush()
    rng = random.Random(7)
    expected: dict = {}
    for i in range(300):
        question = Question(set_id=pile.id, key=f"p{i}", type="flashcard", prompt="x", answer="y", position=i)
        db.session.add(question)
        db.session.flush()
        due = NOW + timedelta(hours=rng.uniform(-48, 24 * 400))
        state, suspended = rng.choice([(2, False)] * 8 + [(1, False), (2, True)])
        db.session.add(Card(user_id=user.id, question_id=question.id, due=due, stability=9.0, difficulty=5.0,
                            state=state, step=None if state == 2 else 0, reps=2, lapses=0, last_review=NOW,
                            suspended=suspended, leech=False))
        if state == 2 and not suspended:
            day = study_date(due, "America/Sao_Paulo", 4)
            expected[day] = expected.get(day, 0) + 1
    db.session.commit()
    load = study_options.scheduler_for(db.session.get(User, user.id)).load
    days = [study_date(NOW, "America/Sao_Paulo", 4) + timedelta(days=n) for n in range(-3, 420)]
    rng.shuffle(days)
    assert {day: load(day) for day in days if load(day)} == expected
