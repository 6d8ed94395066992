"""Custom study as Anki has it: extra new cards today, review ahead, forgotten cards, one tag."""
import re
from datetime import datetime, timedelta, timezone

import pytest

from quizapp import card_rows, custom_study, formats, reviews, study_queue, user_writes
from quizapp.extensions import db
from quizapp.models import CustomStudy, Question, User
from quizapp.scheduling import Rating
from quizapp.sets import import_set
from tests.forms import csrf_token_from, post_form

# 10:00 in Lisbon (UTC+1 in summer): the study day began at 04:00 local.
NOW = datetime(2024, 5, 10, 9, 0, tzinfo=timezone.utc)

TAGGED_YAML = """
title: Tagged
slug: tagged
questions:
  - {id: a, type: flashcard, front: A, back: a, tags: [verbs]}
  - {id: b, type: flashcard, front: B, back: b, tags: [nouns]}
  - {id: c, type: flashcard, front: C, back: c, tags: [verbs, "Rússia"]}
  - {id: d, type: flashcard, front: D, back: d}
"""


def _user(user, **settings):
    user = db.session.get(User, user.id)
    for name, value in {"timezone": "Europe/Lisbon", **settings}.items():
        setattr(user, name, value)
    db.session.commit()
    return user


def _answer(user, question, rating, when):
    db.session.commit()
    user_writes.begin_write(user.id)
    outcome = reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, question.id), rating, now=when)
    db.session.commit()
    return outcome


def _graduate(user, question, when):
    """Good twice (1 and 10 minute steps): in review, due a day or more later."""
    _answer(user, question, Rating.GOOD, when)
    return _answer(user, question, Rating.GOOD, when + timedelta(minutes=10)).card


def _fresh(user):
    return db.session.get(User, user.id)


def _head(user, set_id, now):
    question, counts = study_queue.next_question(_fresh(user), set_id, now)
    return question, counts


@pytest.fixture
def pinned(monkeypatch):
    """Pins the app's clock; returns a setter."""
    def pin(moment):
        monkeypatch.setattr("quizapp.clock.now", lambda: moment)
    pin(NOW)
    return pin


def test_extra_new_cards_raise_todays_limit_and_end_with_the_day(app, student):
    """With the day's one new card spent, 2 extra new cards bring exactly 2 more, in SQL and in the
    reference queue alike; the next study day is back to the plain limit."""
    user, study_set = student
    user = _user(user, new_per_day=1)
    _answer(user, study_set.questions[0], Rating.EASY, NOW)
    later = NOW + timedelta(minutes=5)
    question, counts = _head(user, study_set.id, later)
    assert question is None and counts.new == 0
    custom_study.add_new_cards(_fresh(user), study_set.id, 2, later)
    db.session.commit()
    question, counts = _head(user, study_set.id, later)
    assert counts.new == 2 and question is not None and question.id == study_set.questions[1].id
    reference = study_queue.get_queued_cards_for(_fresh(user), study_set.id, later)
    assert [c.card_id for c in reference] == [q.id for q in study_set.questions[1:3]]
    _answer(user, study_set.questions[1], Rating.EASY, later)
    assert _head(user, study_set.id, later)[1].new == 1
    tomorrow = NOW + timedelta(days=1)
    assert study_queue.set_counts(_fresh(user), [study_set.id], tomorrow)[study_set.id].new == 1


def test_extra_new_cards_pass_a_spent_account_limit_and_review_limit(app, student):
    """Extra new cards come though other sets spent the account's new limit and the review limit is 0."""
    user, study_set = student
    user = _user(user, new_per_day=0, reviews_per_day=0)
    custom_study.add_new_cards(user, study_set.id, 3, NOW)
    custom_study.add_new_cards(user, study_set.id, 1, NOW)  # raises add up over the day
    db.session.commit()
    counts = study_queue.set_counts(_fresh(user), [study_set.id], NOW)[study_set.id]
    assert counts.new == 4
    assert len(study_queue.get_queued_cards_for(_fresh(user), study_set.id, NOW)) == 4


def test_review_ahead_serves_cards_due_soon_after_todays_and_schedules_from_now(app, student):
    """Review ahead 3 days: today's due card first, then the one due in 2 days; the one due in 9 days
    stays out; answering ahead schedules from the real time."""
    user, study_set = student
    user = _user(user, new_per_day=0)
    q_today, q_soon, q_late = study_set.questions[:3]
    for question, days_ago in ((q_today, 1), (q_soon, 0), (q_late, 0)):
        _graduate(user, question, NOW - timedelta(days=days_ago, hours=1))
    for card_of, due in ((q_today, NOW - timedelta(hours=2)), (q_soon, NOW + timedelta(days=2)),
                         (q_late, NOW + timedelta(days=9))):
        card = card_rows.get_card(user.id, card_of.id)
        card.due = due
    db.session.commit()
    assert _head(user, study_set.id, NOW)[0].id == q_today.id
    custom_study.start_session(_fresh(user), study_set.id, "ahead", NOW, days=3)
    db.session.commit()
    question, counts = _head(user, study_set.id, NOW)
    assert question.id == q_today.id and counts.review == 1 and counts.pool == 1
    _answer(user, q_today, Rating.GOOD, NOW)
    question, counts = _head(user, study_set.id, NOW + timedelta(minutes=1))
    assert question.id == q_soon.id and counts.review == 0 and counts.pool == 1
    card = _answer(user, q_soon, Rating.GOOD, NOW + timedelta(minutes=1)).card
    assert card.last_review == NOW + timedelta(minutes=1) and card.due > NOW + timedelta(days=2)
    question, counts = _head(user, study_set.id, NOW + timedelta(minutes=2))
    assert question is None and counts.pool == 0


def test_review_forgotten_cards_serves_cards_rated_again_in_the_last_days(app, student):
    """Forgotten in the last 3 days: the card rated Again two days ago comes first (before new ones),
    once; the one forgotten 5 days ago does not; with 1 day (today only) none does."""
    user, study_set = student
    user = _user(user, new_per_day=5)
    recent, old = study_set.questions[:2]
    for question, days_ago in ((recent, 2), (old, 5)):
        start = NOW - timedelta(days=days_ago)
        _graduate(user, question, start - timedelta(days=3))
        _answer(user, question, Rating.AGAIN, start)
        _answer(user, question, Rating.GOOD, start + timedelta(minutes=10))
    for question in (recent, old):  # both due well after today: only the session brings them
        card_rows.get_card(user.id, question.id).due = NOW + timedelta(days=20)
    db.session.commit()
    custom_study.start_session(_fresh(user), study_set.id, "forgotten", NOW, days=1)
    db.session.commit()
    assert _head(user, study_set.id, NOW)[1].pool == 0
    custom_study.start_session(_fresh(user), study_set.id, "forgotten", NOW, days=3)
    db.session.commit()
    question, counts = _head(user, study_set.id, NOW)
    assert question.id == recent.id and counts.pool == 1
    _answer(user, recent, Rating.GOOD, NOW + timedelta(minutes=1))
    question, counts = _head(user, study_set.id, NOW + timedelta(minutes=2))
    assert counts.pool == 0 and question is not None and question.id not in (recent.id, old.id)


def test_study_one_tag_limits_queue_and_counts_to_the_tag(app, student):
    """A session on the tag "verbs" serves and counts only its two cards; ending it brings back all four."""
    user, _ = student
    tagged = import_set(formats.read(TAGGED_YAML.encode(), "yaml").set).question_set
    db.session.commit()
    user = _user(user, new_per_day=10)
    assert custom_study.set_tags(tagged.id) == ["nouns", "Rússia", "verbs"]
    custom_study.start_session(_fresh(user), tagged.id, "tag", NOW, tag="verbs")
    db.session.commit()
    served = []
    for minute in range(3):
        question, counts = _head(user, tagged.id, NOW + timedelta(minutes=minute))
        if question is None:
            break
        assert counts.new == 2 - minute
        served.append(question.key)
        _answer(user, question, Rating.EASY, NOW + timedelta(minutes=minute))
    assert served == ["a", "c"]
    custom_study.start_session(_fresh(user), tagged.id, "tag", NOW, tag="Rússia")
    db.session.commit()
    assert _head(user, tagged.id, NOW + timedelta(minutes=5))[0] is None
    assert custom_study.end_session(_fresh(user), tagged.id, NOW)
    db.session.commit()
    question, counts = _head(user, tagged.id, NOW + timedelta(minutes=5))
    assert question.key == "b" and counts.new == 2
    with pytest.raises(ValueError):
        custom_study.start_session(_fresh(user), tagged.id, "tag", NOW, tag="absent")


def test_form_starts_a_session_the_study_page_shows_it_and_it_ends(client, student, pinned):
    """Through the pages: review ahead is started from the form, the study page says so with the cards
    left in it, and "End custom study" brings the plain queue back."""
    user, study_set = student
    _user(user)
    response = post_form(client, f"/study/{study_set.slug}/custom", {"mode": "ahead", "ahead_days": "4"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/study/{study_set.slug}")
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert "reviewing the cards due in the next 4 days" in html and 'data-custom-session="ahead"' in html
    row = db.session.get(CustomStudy, (user.id, study_set.id, custom_study.today(_fresh(user), NOW)))
    assert (row.mode, row.days, row.started_at) == ("ahead", 4, NOW)
    response = client.post(f"/study/{study_set.slug}/custom/end", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert "data-custom-session" not in html and "Custom study is over" in html
    assert db.session.get(CustomStudy, (user.id, study_set.id, custom_study.today(_fresh(user), NOW))) is None


def test_form_extra_new_cards_show_in_the_counts(client, student, pinned):
    """Five extra new cards with a new limit of 1: the study page counts 6 new."""
    user, study_set = student
    _user(user, new_per_day=1)
    response = post_form(client, f"/study/{study_set.slug}/custom", {"mode": "new", "new_cards": "5"})
    assert response.status_code == 302
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert re.search(r'class="count new"[^>]*>6 new<', html)
    assert "5 extra new cards today in this set." in html


@pytest.mark.parametrize("data, message", [
    ({}, "Choose what to study."),
    ({"mode": "new"}, "Give a whole number from 1 to 9999."),
    ({"mode": "new", "new_cards": "0"}, "Give a whole number from 1 to 9999."),
    ({"mode": "ahead", "ahead_days": "366"}, "Give a whole number from 1 to 365."),
    ({"mode": "forgotten", "forgotten_days": "many"}, "Not a valid integer value."),
    ({"mode": "tag", "tag": "verbs"}, "Choose one of the set&#39;s tags."),
    ({"mode": "sideways"}, "Not a valid choice."),
])
def test_form_refuses_bad_input_with_a_clear_message(client, student, pinned, data, message):
    """A missing choice, a number out of range or a tag the set lacks is answered 200 with the message; nothing is stored."""
    user, study_set = student
    response = post_form(client, f"/study/{study_set.slug}/custom", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(CustomStudy).count() == 0


def test_form_speaks_portuguese(client, student, pinned):
    """The form and its messages in Portuguese."""
    _, study_set = student
    headers = {"Accept-Language": "pt"}
    html = client.get(f"/study/{study_set.slug}/custom", headers=headers).get_data(as_text=True)
    assert "Estudo personalizado" in html and "Rever antecipadamente" in html
    response = client.post(f"/study/{study_set.slug}/custom", headers=headers,
                           data={"csrf_token": csrf_token_from(html), "mode": "new", "new_cards": "0"})
    assert "Indique um número inteiro de 1 a 9999." in response.get_data(as_text=True)


def test_custom_study_needs_a_visible_set_and_a_sign_in(client, auth, student):
    """Signed out, the form sends to sign-in; an unknown set is 404."""
    assert client.get("/study/nope/custom").status_code == 404
    auth.logout()
    response = client.get(f"/study/{student[1].slug}/custom")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_offline_download_follows_the_session(client, student, pinned):
    """The offline download is the reference queue, session included: one tag's cards only, or with
    review ahead the card due in two days."""
    user, study_set = student
    tagged = import_set(formats.read(TAGGED_YAML.encode(), "yaml").set).question_set
    db.session.commit()
    _user(user)
    custom_study.start_session(_fresh(user), tagged.id, "tag", NOW, tag="verbs")
    db.session.commit()
    pack = client.get("/api/v1/sets/tagged/offline").get_json()
    assert sorted(card["prompt"] for card in pack["cards"]) == ["A", "C"]
    soon = study_set.questions[0]
    _graduate(user, soon, NOW - timedelta(hours=1))
    card_rows.get_card(user.id, soon.id).due = NOW + timedelta(days=2)
    _user(user, new_per_day=0)
    assert soon.id not in [c["question_id"] for c in client.get(f"/api/v1/sets/{study_set.slug}/offline").get_json()["cards"]]
    custom_study.start_session(_fresh(user), study_set.id, "ahead", NOW, days=3)
    db.session.commit()
    cards = client.get(f"/api/v1/sets/{study_set.slug}/offline").get_json()["cards"]
    assert [c["question_id"] for c in cards] == [soon.id]
