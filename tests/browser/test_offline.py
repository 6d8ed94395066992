"""Offline study in a real Chromium: download, study with the network off, reload, sync, conflicts.

Each test compares the server's result with what a student online would have: a twin account sends
the same ratings at the same times through the API (the server's clock pinned to each time).
"""
from datetime import datetime

import pytest
import sqlalchemy as sa

from quizapp import clock
from quizapp.extensions import db
from quizapp.models import Card, ReviewLog, User
from tests.browser.conftest import sign_in
from tests.forms import PASSWORD, post_form

pytestmark = pytest.mark.browser
RATINGS = [3, 4, 2, 3, 1, 3, 4, 3, 2, 3]
# Not "due": its fuzz is seeded per card (Anki's card id + reps), and the online twin's cards are other cards.
STATE = ("stability", "difficulty", "state", "step", "reps", "lapses", "last_review")


def study_online(page, base, slug):
    """Open the set's study page and wait until the worker controls it and the download is stored."""
    page.goto(f"{base}/study/{slug}")
    page.locator(f"html[data-offline-ready='{slug}']").wait_for(state="attached")
    page.locator("html[data-worker-ready=user]").wait_for(state="attached")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def answer_offline(page, rating):
    """Answer the card the offline page shows (whatever its type) and rate it."""
    card = page.locator("[data-study-offline=ask]")
    card.wait_for()
    question_id = int(card.get_attribute("data-question-id"))
    if card.locator("input[type=text]").count():
        card.locator("input[type=text]").fill("não sei")
    elif card.locator("input[type=radio]").count():
        card.locator("input[type=radio]").first.check()
    card.locator("button[type=submit]").click()
    page.locator("[data-study-offline=rate]").wait_for()
    page.locator(f"[data-study-offline=rate] button[data-rating='{rating}']").click()
    page.locator("[data-study-offline=rate]").wait_for(state="detached")
    return question_id


def queued(page, user_id):
    return page.evaluate("id => quizapp.store.queued(id)", user_id)


def wait_all_synced(page):
    page.locator("#sync-status[data-waiting='0']").wait_for(state="attached")
    page.get_by_text("All answers synced.").wait_for()


def user_reviews(user_id):
    db.session.commit()  # a fresh transaction sees what the server wrote
    return db.session.scalars(sa.select(ReviewLog).where(ReviewLog.user_id == user_id)
                              .order_by(ReviewLog.reviewed_at, ReviewLog.id)).all()


def card_states(user_id):
    db.session.commit()
    return {card.question_id: tuple(getattr(card, name) for name in STATE)
            for card in db.session.scalars(sa.select(Card).where(Card.user_id == user_id))}


def online_twin(app, make_user, monkeypatch, answers):
    """A second student giving the same (question, rating, time) answers online; their card states."""
    twin = make_user()
    client = app.test_client()
    post_form(client, "/login", {"email": twin.email, "password": PASSWORD})
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    for question_id, rating, at in sorted(answers, key=lambda a: a[2]):
        monkeypatch.setattr(clock, "now", lambda at=at: at)
        response = client.post("/api/v1/reviews", json={"question_id": question_id, "rating": rating},
                               headers={"X-CSRFToken": token})
        assert response.status_code == 201
    return card_states(twin.id)


def when(text):
    return datetime.fromisoformat(text)


def study_ten_offline(page, live_server, slug, user):
    sign_in(page, live_server, user.email)
    study_online(page, live_server, slug)
    page.context.set_offline(True)
    asked = []
    for n, rating in enumerate(RATINGS):
        if n == 5:
            # Reloading offline: the worker serves the study shell and the study goes on from the download.
            page.reload()
            page.locator("html[data-offline-shell]").wait_for(state="attached")
        asked.append(answer_offline(page, rating))
    page.get_by_text("10 answers waiting to sync").wait_for()
    return asked


def test_ten_cards_studied_offline_reach_the_server_with_their_times(page, live_server, app, make_user, seed_sets,
                                                                    monkeypatch):
    """10 answers given offline (with a reload in between) sync as exactly 10 reviews, at their own times,
    leaving the cards as an online student's."""
    user = make_user("offline@example.org")
    asked = study_ten_offline(page, live_server, seed_sets[0].slug, user)
    queue = queued(page, user.id)
    assert [a["question_id"] for a in queue] == asked and [a["rating"] for a in queue] == RATINGS
    assert user_reviews(user.id) == []
    page.context.set_offline(False)
    wait_all_synced(page)
    assert queued(page, user.id) == []
    rows = user_reviews(user.id)
    assert [(r.client_id, r.question_id, r.rating, r.reviewed_at, r.duration_ms) for r in rows] == [
        (a["client_id"], a["question_id"], a["rating"], when(a["reviewed_at"]), a["duration_ms"]) for a in queue]
    twin = online_twin(app, make_user, monkeypatch, [(r.question_id, r.rating, r.reviewed_at) for r in rows])
    assert card_states(user.id) == twin


def test_a_sync_cut_off_midway_loses_and_doubles_nothing(page, live_server, app, make_user, seed_sets, monkeypatch):
    """The connection drops just after the server recorded the 4th answer: the retry repeats it, 10 reviews in all."""
    user = make_user("midway@example.org")
    study_ten_offline(page, live_server, seed_sets[0].slug, user)
    queue = queued(page, user.id)
    sent = []

    def cut_off_at_the_fourth(route):
        sent.append(route.request.post_data_json["client_id"])
        if len(sent) < 4:
            route.continue_()
            return
        route.fetch()  # the server records it; the answer never reaches the device
        page.context.set_offline(True)
        route.abort("internetdisconnected")

    page.route("**/api/v1/reviews", cut_off_at_the_fourth)
    page.context.set_offline(False)
    page.locator("html[data-sync=waiting]").wait_for(state="attached")
    page.get_by_text("7 answers waiting to sync").wait_for()
    assert len(user_reviews(user.id)) == 4 and len(queued(page, user.id)) == 7
    page.unroute("**/api/v1/reviews")
    page.context.set_offline(False)
    wait_all_synced(page)
    rows = user_reviews(user.id)
    assert [r.client_id for r in rows] == [a["client_id"] for a in queue]
    twin = online_twin(app, make_user, monkeypatch, [(r.question_id, r.rating, r.reviewed_at) for r in rows])
    assert card_states(user.id) == twin


def test_a_card_studied_on_another_device_meanwhile_is_replayed_in_time_order(page, browser, live_server, app,
                                                                              make_user, seed_sets, monkeypatch):
    """Device A answers card X offline; device B answers X online later; after A syncs the server holds both,
    replayed in time order, and A's download carries the replayed state."""
    slug = seed_sets[0].slug
    user = make_user("two-devices@example.org")
    sign_in(page, live_server, user.email)
    study_online(page, live_server, slug)
    page.context.set_offline(True)
    x = answer_offline(page, 3)
    answer_offline(page, 3)
    other = browser.new_context(locale="en-US")
    try:
        tab = other.new_page()
        sign_in(tab, live_server, user.email)
        tab.goto(f"{live_server}/study/{slug}")
        assert int(tab.locator("[data-study=ask]").get_attribute("data-question-id")) == x
        if tab.locator("input[type=text]").count():
            tab.locator("input[type=text]").fill("não sei")
        elif tab.locator("input[type=radio]").count():
            tab.locator("input[type=radio]").first.check()
        tab.locator("[data-study=ask] form.study-answer button[type=submit]").click()
        tab.locator("button[data-rating='1']").click()
        tab.locator("[data-study=ask]").wait_for()
    finally:
        other.close()
    assert [r.question_id for r in user_reviews(user.id)] == [x]
    offline_answer = next(a for a in queued(page, user.id) if a["question_id"] == x)
    page.context.set_offline(False)
    wait_all_synced(page)
    rows = [r for r in user_reviews(user.id) if r.question_id == x]
    assert [r.rating for r in rows] == [3, 1] and rows[0].client_id == offline_answer["client_id"]
    assert rows[0].reviewed_at == when(offline_answer["reviewed_at"]) < rows[1].reviewed_at
    assert rows[1].state_before == rows[0].state_after
    twin = online_twin(app, make_user, monkeypatch, [(r.question_id, r.rating, r.reviewed_at) for r in user_reviews(user.id)])
    assert card_states(user.id) == twin
    device = page.evaluate("([id, slug]) => quizapp.store.getPack(id, slug)", [user.id, slug])
    state = next(c["state"] for c in device["pack"]["cards"] if c["question_id"] == x)
    assert state["reps"] == 2 and when(state["last_review"]) == rows[1].reviewed_at

