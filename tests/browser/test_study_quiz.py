"""A student in a real browser: studies five cards of the seed set with the keyboard alone, then takes a quiz."""
import re

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ReviewLog
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def answer_with_keys(page):
    """Answer the card on screen with the keyboard only, whatever its type."""
    page.locator("html[data-keys-ready=ask]").wait_for(state="attached")
    if page.locator("input[inputmode=decimal]").count():
        page.keyboard.type("1")  # a number field refuses words
        page.keyboard.press("Enter")
    elif page.locator("input[type=text]").count():
        page.keyboard.type("not sure")
        page.keyboard.press("Enter")
    elif page.locator("input[type=radio]").count():
        page.keyboard.press("1")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Space")  # the focused "Show answer" button


def test_study_five_cards_with_the_keyboard_then_take_a_quiz(page, live_server, make_user, seed_sets):
    """Five cards answered and rated by keys alone are five reviews; a paged quiz ends on its score."""
    seed = seed_sets[0]
    make_user("keys@example.org")
    sign_in(page, live_server, "keys@example.org")
    page.get_by_role("link", name=seed.title).first.click()
    page.get_by_role("link", name=re.compile(r"^Study \(")).click()
    for n in range(5):
        page.locator("[data-study=ask]").wait_for()
        if n == 0:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "study-card.png"), full_page=True)
        answer_with_keys(page)
        page.locator("html[data-keys-ready=rate]").wait_for(state="attached")
        if n == 0:
            page.screenshot(path=str(ARTIFACTS / "study-check.png"), full_page=True)
        page.keyboard.press("3" if n % 2 else "4")
        page.locator("[data-study=ask], [data-study=done]").first.wait_for()
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 5

    page.goto(live_server + f"/quiz/{seed.slug}")
    page.get_by_label("Number of questions").fill("3")
    page.get_by_role("button", name="Start the quiz").click()
    for n in range(3):
        page.get_by_text(f"Question {n + 1} of 3").wait_for()
        answer_with_keys(page)
    page.get_by_role("heading", name="Quiz result").wait_for()
    assert re.search(r"\d+ of 3 right", page.content())
    assert page.locator(".score").inner_text().endswith("%")
    page.screenshot(path=str(ARTIFACTS / "quiz-result.png"), full_page=True)


def test_study_works_without_javascript(browser, live_server, make_user, study_set_for_browser):
    """With scripts off, a card is answered and rated by clicking the buttons."""
    make_user("nojs-study@example.org")
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        sign_in(tab, live_server, "nojs-study@example.org")
        tab.goto(live_server + f"/study/{study_set_for_browser.slug}")
        tab.get_by_role("radio", name=re.compile("Paris")).check()
        tab.get_by_role("button", name=re.compile("Check")).click()
        tab.get_by_text("Right").first.wait_for()
        tab.get_by_role("button", name=re.compile("Good")).click()
        tab.get_by_label("Your answer").wait_for()
    finally:
        context.close()
    db.session.commit()
    assert db.session.scalars(sa.select(ReviewLog)).one().rating == 3


@pytest.fixture
def study_set_for_browser(study_set):
    return study_set


from tests.study.conftest import study_set  # noqa: E402,F401
