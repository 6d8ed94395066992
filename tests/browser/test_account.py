"""Sessions in Chromium: the account page lists the browsers signed in and signs one out, a
password change signs the others out, and a reset link (from the log, or from an admin) sets a
new password."""
import logging
import re

import pytest

from tests.browser.conftest import sign_in
from tests.forms import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a brand new secret"
LINK = re.compile(r"https?://[^\s\"<]+/password/reset/[A-Za-z0-9_.\-]+")


@pytest.fixture
def two_browsers(browser):
    contexts = [browser.new_context(locale="en-US") for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(15_000)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _is_signed_out(page, base):
    page.goto(base + "/settings/account")
    return "/login" in page.url


def test_the_account_page_signs_another_browser_out(two_browsers, live_server, make_user):
    """Two browsers signed in; the second sees both and signs the first out."""
    make_user("ana@example.org")
    phone, laptop = two_browsers
    sign_in(phone, live_server, "ana@example.org")
    sign_in(laptop, live_server, "ana@example.org")
    laptop.goto(live_server + "/settings")
    laptop.get_by_role("link", name="Password and signed-in browsers").click()
    rows = laptop.locator("table.devices tbody tr")
    assert rows.count() == 2
    assert laptop.locator("tr.current").get_by_text("this browser").is_visible()
    laptop.locator("tbody tr:not(.current)").get_by_role("button", name=re.compile("^Sign out")).click()
    laptop.get_by_text("That browser is signed out.").wait_for()
    assert rows.count() == 1
    assert _is_signed_out(phone, live_server)
    assert not _is_signed_out(laptop, live_server)


def test_a_password_change_signs_the_other_browser_out(two_browsers, live_server, make_user):
    """Changing the password in one browser signs the other out; the new password then works."""
    make_user("ana@example.org")
    phone, laptop = two_browsers
    sign_in(phone, live_server, "ana@example.org")
    sign_in(laptop, live_server, "ana@example.org")
    laptop.goto(live_server + "/settings/account")
    laptop.get_by_label("Current password").fill(PASSWORD)
    laptop.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    laptop.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    laptop.get_by_role("button", name="Change password").click()
    laptop.get_by_text("Your password is changed.").wait_for()
    assert _is_signed_out(phone, live_server)
    phone.get_by_label("Email").fill("ana@example.org")
    phone.get_by_label("Password").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_role("heading", name="Password and devices").wait_for()  # back where it was sent from


def test_sign_out_everywhere(two_browsers, live_server, make_user):
    """"Sign out everywhere" ends both browsers."""
    make_user("ana@example.org")
    phone, laptop = two_browsers
    sign_in(phone, live_server, "ana@example.org")
    sign_in(laptop, live_server, "ana@example.org")
    laptop.goto(live_server + "/settings/account")
    laptop.get_by_role("button", name="Sign out everywhere").click()
    laptop.get_by_text("You are signed out everywhere.").wait_for()
    assert _is_signed_out(phone, live_server) and _is_signed_out(laptop, live_server)


def test_forgotten_password_reset_by_the_logged_link(two_browsers, live_server, make_user, caplog):
    """"Forgot your password?" writes the link to the log (no SMTP server); it sets a new password
    and the browser that was signed in before is signed out."""
    make_user("ana@example.org")
    old, page = two_browsers
    sign_in(old, live_server, "ana@example.org")
    page.goto(live_server + "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    with caplog.at_level(logging.WARNING):
        page.get_by_label("Email").fill("ana@example.org")
        page.get_by_role("button", name="Send me a link").click()
        page.get_by_text("a link to reset its password is on its way").wait_for()
    link = LINK.search(caplog.text).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    page.get_by_role("heading", name="Question sets").wait_for()
    assert _is_signed_out(old, live_server)
    page.goto(link)
    assert page.get_by_role("heading", name="This link no longer works").is_visible()


def test_an_admin_hands_over_a_reset_link(two_browsers, live_server, make_user):
    """The admin gets a link on the users page; the owner opens it and sets a password."""
    make_user("root@example.org", role="admin")
    make_user("ana@example.org")
    admin, owner = two_browsers
    sign_in(admin, live_server, "root@example.org")
    admin.goto(live_server + "/admin/users")
    admin.get_by_role("button", name="Reset link for ana@example.org").click()
    link = admin.get_by_label("Link").input_value()
    assert LINK.fullmatch(link)
    owner.goto(link)
    owner.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    owner.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    owner.get_by_role("button", name="Set the new password").click()
    owner.get_by_role("heading", name="Question sets").wait_for()
