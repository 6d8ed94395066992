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


def test_signup_takes_the_browser_zone(app, browser, live_server):
    """An account made in a browser in São Paulo studies on São Paulo's days."""
    import sqlalchemy as sa

    from quizapp.extensions import db
    from quizapp.models import User
    from tests.forms import PASSWORD

    context = browser.new_context(timezone_id="America/Sao_Paulo", locale="en-US")
    page = context.new_page()
    page.goto(live_server + "/signup")
    page.get_by_label("Email").fill("new@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Question sets").wait_for()
    context.close()
    db.session.commit()
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user.timezone == "America/Sao_Paulo"
