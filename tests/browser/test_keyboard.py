"""Studying by keyboard alone: keys keep working after a stray click, `?` lists them, and the
card's own actions have keys too."""
import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card, ReviewLog
from tests.browser.conftest import sign_in
from tests.browser.test_study_quiz import answer_with_keys

pytestmark = pytest.mark.browser


def test_space_rates_after_a_click_on_the_page(page, live_server, make_user, seed_sets):
    """On the rating screen, a click on the text moves nothing: Space still takes the highlighted rating."""
    make_user("keys@example.org")
    sign_in(page, live_server, "keys@example.org")
    page.goto(f"{live_server}/study/{seed_sets[0].slug}")
    answer_with_keys(page)
    page.locator("html[data-keys-ready=rate]").wait_for(state="attached")
    page.locator(".study-prompt").click()
    assert page.evaluate("() => document.activeElement.dataset.rating") is not None
    page.keyboard.press("Space")
    page.locator("[data-study=ask], [data-study=done]").first.wait_for()
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1


def test_question_mark_opens_the_shortcuts(page, live_server, make_user, seed_sets):
    """`?` opens the list of shortcuts and closes it again."""
    make_user("keys@example.org")
    sign_in(page, live_server, "keys@example.org")
    page.goto(f"{live_server}/study/{seed_sets[0].slug}")
    page.locator("html[data-keys-ready=ask]").wait_for(state="attached")
    page.locator(".study-prompt").click()
    page.keyboard.press("?")
    assert page.locator("[data-shortcuts]").get_attribute("open") is not None
    assert page.get_by_text("Bury until tomorrow").first.is_visible()
    page.keyboard.press("?")
    assert page.locator("[data-shortcuts]").get_attribute("open") is None


def test_bury_by_key(page, live_server, make_user, seed_sets):
    """`-` buries the card shown, and the next card comes."""
    user = make_user("keys@example.org")
    sign_in(page, live_server, "keys@example.org")
    page.goto(f"{live_server}/study/{seed_sets[0].slug}")
    page.locator("html[data-keys-ready=ask]").wait_for(state="attached")
    shown = page.locator("[data-question-id]").get_attribute("data-question-id")
    page.locator(".study-prompt").click()
    page.keyboard.press("-")
    page.get_by_text("The card is buried until tomorrow.").wait_for()
    db.session.commit()
    card = db.session.scalar(sa.select(Card).where(Card.user_id == user.id, Card.question_id == int(shown)))
    assert card is not None and card.buried_until is not None
    assert page.locator("[data-question-id]").get_attribute("data-question-id") != shown
