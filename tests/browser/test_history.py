"""History in a real browser: the progress page with its charts, and a quiz found again in the history."""
import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.forms import PASSWORD
from tests.history.conftest import fixed_clock, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def sign_in(page, live_server, email):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="History").wait_for()


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
    assert forecast.locator("table").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "history-progress.png"), full_page=True)
    page.goto(live_server + "/history/")
    page.screenshot(path=str(ARTIFACTS / "history-index.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/history/sets/rivers")
    page.screenshot(path=str(ARTIFACTS / "history-progress-phone.png"), full_page=True)
