"""History in a real browser: the progress page with its charts, and a quiz found again in the history."""
import re

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.history.conftest import fixed_clock, world  # noqa: F401  (fixtures)
from tests.history.test_teacher import classes  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_progress_page_with_charts(page, live_server, world):
    """The set's progress page shows the numbers and four charts whose data tables open on click."""
    sign_in(page, live_server, "student@example.org")
    page.get_by_role("link", name="History").click()
    page.get_by_role("heading", name="History").wait_for()
    page.get_by_role("link", name="Rivers").first.click()
    page.get_by_role("heading", name="Rivers").wait_for()
    assert page.locator("#stat-retention").inner_text() == "60%"
    assert page.locator("#stat-due-today").inner_text() == "3"
    charts = page.get_by_role("img")
    assert page.locator("svg.chart[role=img]").count() == 4
    forecast = page.locator("#chart-forecast-figure")
    assert not forecast.locator("table").is_visible()
    forecast.get_by_text("Show the numbers").click()
    forecast.locator("table").wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "history-progress.png"), full_page=True)
    page.goto(live_server + "/history/")
    page.screenshot(path=str(ARTIFACTS / "history-index.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/history/sets/rivers")
    page.screenshot(path=str(ARTIFACTS / "history-progress-phone.png"), full_page=True)


def test_a_quiz_taken_shows_in_the_history_with_its_score(app, page, live_server, make_user):
    """Answer a 4-question quiz (3 right) in the browser, then find it in the history at 75 % and review it."""
    from quizapp.extensions import db
    from tests.history.history_factories import gen_set

    make_user("quizzer@example.org")
    gen_set("Capitals", questions=4, slug="capitals")
    db.session.commit()
    sign_in(page, live_server, "quizzer@example.org")
    page.goto(live_server + "/quiz/capitals")
    page.get_by_label("Number of questions").fill("4")
    page.get_by_role("button", name="Start the quiz").click()
    missed = None
    for _ in range(4):
        prompt = page.locator("#prompt").inner_text()
        number = re.search(r"question (\d)\?", prompt).group(1)
        # Miss the first question asked, answer the rest right.
        choice = f"wrong {number}" if missed is None else f"right {number}"
        missed = missed or number
        page.get_by_label(choice).check()
        page.locator("form[data-submit-keys] button[type=submit]").click()
        page.wait_for_load_state()
    page.get_by_role("link", name="History").click()
    row = page.locator("table.attempts tbody tr").first
    assert "Capitals" in row.inner_text() and "75%" in row.inner_text() and "(3 of 4)" in row.inner_text()
    row.get_by_role("link", name="Review").click()
    assert page.locator("#attempt-score").inner_text() == "75%"
    wrong = page.locator(".review-item.is-wrong")
    assert wrong.count() == 1 and f"wrong {missed}" in wrong.inner_text() and f"right {missed}" in wrong.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "history-attempt-review.png"), full_page=True)
    page.goto(live_server + "/history/sets/capitals")
    # The quiz moved the four cards: none is new any more.
    assert page.locator("#stat-new").inner_text() == "0"


def test_teacher_results_page(page, live_server, world, classes):
    """The set's owner sees the flagged question and class A's students; a screenshot is kept."""
    sign_in(page, live_server, "teacher@example.org")
    page.goto(live_server + "/history/")
    page.get_by_role("link", name="Results of your sets").click()
    page.get_by_role("link", name="Rivers").click()
    page.get_by_role("heading", name="Questions, hardest first").wait_for()
    assert page.locator("tr.flagged").count() == 1
    assert page.locator("section.class-progress h3").all_inner_texts() == ["Class A"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "history-teacher.png"), full_page=True)
