"""Custom study in a real browser: the form refuses a bad number, starts a one-tag session, and ends it."""
import pytest

from quizapp import formats
from quizapp.extensions import db
from quizapp.models import Question
from quizapp.sets import import_set
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

TAGGED_YAML = """
title: Tagged words
slug: tagged-words
questions:
  - {id: n1, type: flashcard, front: Noun one, back: one, tags: [nouns]}
  - {id: v1, type: flashcard, front: Verb one, back: one, tags: [verbs]}
  - {id: n2, type: flashcard, front: Noun two, back: two, tags: [nouns]}
  - {id: v2, type: flashcard, front: Verb two, back: two, tags: [verbs]}
"""


def test_one_tag_session_through_the_form(page, live_server, make_user):
    """From the study page to the custom study form: an empty day count is refused with its message,
    "Study one tag" with verbs serves only verb cards under a banner, and "End custom study" ends it."""
    import_set(formats.read(TAGGED_YAML.encode(), "yaml").set)
    db.session.commit()
    verbs = {q.id for q in db.session.query(Question).filter(Question.key.in_(["v1", "v2"]))}
    make_user("custom@example.org")
    sign_in(page, live_server, "custom@example.org")
    page.goto(live_server + "/study/tagged-words")
    assert page.locator("[data-study=ask]").get_attribute("data-question-id") not in {str(v) for v in verbs}
    page.get_by_role("link", name="Custom study").click()
    page.get_by_label("Review ahead").check()
    page.get_by_role("button", name="Start custom study").click()
    page.get_by_text("Give a whole number from 1 to 365.").wait_for()
    page.get_by_label("Study one tag").check()
    page.get_by_label("Tag", exact=True).select_option("verbs")
    page.get_by_role("button", name="Start custom study").click()
    page.get_by_text("Custom study: only the cards tagged “verbs”.").wait_for()
    seen = set()
    for _ in range(2):
        card = page.locator("[data-study=ask]")
        seen.add(int(card.get_attribute("data-question-id")))
        page.get_by_role("button", name="Show answer").click()
        page.get_by_role("button", name="Easy").click()
    assert seen == verbs
    page.locator("[data-study=done]").wait_for()
    page.get_by_role("button", name="End custom study").click()
    page.get_by_text("Custom study is over").wait_for()
    assert page.locator("[data-custom-session]").count() == 0
    assert int(page.locator("[data-study=ask]").get_attribute("data-question-id")) not in verbs
