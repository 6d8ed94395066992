"""Undo in offline study, in a real Chromium: an answer still on the device is taken back there (the
server never gets it); one the server has is taken back by the server's undo, as online."""
import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_offline import answer_offline, queued, study_online, user_reviews, wait_all_synced

pytestmark = pytest.mark.browser


def _shown(page):
    card = page.locator("[data-study-offline=ask]")
    card.wait_for()
    return int(card.get_attribute("data-question-id"))


def test_undo_offline_takes_back_an_answer_waiting_on_the_device(page, live_server, make_user, seed_sets):
    """Offline: two answers, Undo: the second card is shown again and only the first waits; after a
    reload it is still taken back, answered again it syncs, and the server holds the two kept answers."""
    slug = seed_sets[0].slug
    user = make_user("undo-offline@example.org")
    sign_in(page, live_server, user.email)
    study_online(page, live_server, slug)
    page.context.set_offline(True)
    first = answer_offline(page, 3)
    second = answer_offline(page, 3)
    page.get_by_text("2 answers waiting to sync").wait_for()
    undone_id = queued(page, user.id)[1]["client_id"]
    page.get_by_role("button", name="Undo last answer").click()
    page.get_by_text("Your last answer was undone.").wait_for()
    assert _shown(page) == second
    page.get_by_text("1 answer waiting to sync").wait_for()
    assert [a["question_id"] for a in queued(page, user.id)] == [first]
    page.reload()
    page.locator("html[data-offline-shell]").wait_for(state="attached")
    assert _shown(page) == second  # its card came back as it was: new again, first in set order
    answer_offline(page, 4)
    kept = queued(page, user.id)
    assert [(a["question_id"], a["rating"]) for a in kept] == [(first, 3), (second, 4)]
    page.evaluate("() => document.activeElement.blur()")  # in an answer field, U is a letter
    page.keyboard.press("u")  # elsewhere it undoes, as on the study pages
    page.get_by_text("Your last answer was undone.").wait_for()
    assert _shown(page) == second and len(queued(page, user.id)) == 1
    answer_offline(page, 4)
    kept = queued(page, user.id)
    page.context.set_offline(False)
    wait_all_synced(page)
    rows = user_reviews(user.id)
    assert [(r.client_id, r.question_id, r.rating) for r in rows] == [
        (a["client_id"], a["question_id"], a["rating"]) for a in kept]
    assert undone_id not in {r.client_id for r in rows}


def test_undo_after_sync_goes_through_the_servers_undo(page, live_server, make_user, seed_sets):
    """An offline answer that has synced is taken back by the server: its review goes and its card is shown first."""
    slug = seed_sets[0].slug
    user = make_user("undo-synced@example.org")
    sign_in(page, live_server, user.email)
    study_online(page, live_server, slug)
    page.context.set_offline(True)
    answered = answer_offline(page, 3)
    page.context.set_offline(False)
    wait_all_synced(page)
    assert len(user_reviews(user.id)) == 1
    page.get_by_role("button", name="Undo last answer").click()
    page.get_by_text("Your last answer was undone.").wait_for()
    card = page.locator("[data-study=ask]")
    card.wait_for()
    assert int(card.get_attribute("data-question-id")) == answered
    assert user_reviews(user.id) == []
