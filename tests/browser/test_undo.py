"""Undo in a real browser: three answers taken back one by one, each card shown again in reverse order."""
import re

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ReviewLog
from tests.browser.conftest import sign_in
from tests.browser.test_study_quiz import answer_with_keys

pytestmark = pytest.mark.browser


def test_three_answers_are_undone_in_order(page, live_server, make_user, seed_sets):
    """Answer three cards, press "Undo last answer" three times: the cards come back newest first."""
    seed = seed_sets[0]
    make_user("undo@example.org")
    sign_in(page, live_server, "undo@example.org")
    page.goto(live_server + f"/study/{seed.slug}")
    answered = []
    for _ in range(3):
        card = page.locator("[data-study=ask]")
        card.wait_for()
        answered.append(card.get_attribute("data-question-id"))
        answer_with_keys(page)
        page.locator("html[data-keys-ready=rate]").wait_for(state="attached")
        page.keyboard.press("3")
        page.locator("[data-study=ask], [data-study=done]").first.wait_for()
    for expected in reversed(answered):
        page.get_by_role("button", name="Undo last answer").click()
        page.get_by_text(re.compile("Your last answer was undone")).wait_for()
        assert page.locator("[data-study=ask]").get_attribute("data-question-id") == expected
    assert page.get_by_role("button", name="Undo last answer").count() == 0
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0
