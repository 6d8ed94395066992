"""The time-zone field in Chromium: an account still on UTC gets the browser's zone filled in."""
import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_browser_zone_is_filled_in(browser, live_server, make_user, seed_sets):
    """With the browser in Lisbon, the settings page proposes Europe/Lisbon and says so."""
    make_user("zone@example.org")
    context = browser.new_context(timezone_id="Europe/Lisbon", locale="en-US")
    page = context.new_page()
    sign_in(page, live_server, "zone@example.org")
    page.goto(live_server + "/settings")
    assert page.get_by_label("Time zone").input_value() == "Europe/Lisbon"
    assert page.get_by_text("Filled in from your browser").is_visible()
    context.close()
