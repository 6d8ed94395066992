"""The command line hands out reset links and signs an account out everywhere."""
from tests.forms import PASSWORD, post_form


def test_users_reset_link_prints_a_working_link(app, runner, make_user):
    """``users reset-link EMAIL --base-url URL`` prints a link under that address that sets a password."""
    make_user("ana@example.org")
    result = runner.invoke(args=["users", "reset-link", "ana@example.org", "--base-url", "https://quiz.example.org"])
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith("https://quiz.example.org/password/reset/")
    client = app.test_client()
    path = link.removeprefix("https://quiz.example.org")
    response = post_form(client, path, {"password": "a new one here", "confirm": "a new one here"})
    assert response.status_code == 302


def test_users_sign_out_ends_every_browser(app, runner, make_user):
    """``users sign-out EMAIL`` signs the account out of every browser."""
    make_user("ana@example.org")
    browsers = [app.test_client() for _ in range(2)]
    for browser in browsers:
        post_form(browser, "/login", {"email": "ana@example.org", "password": PASSWORD})
        assert browser.get("/settings/account").status_code == 200
    result = runner.invoke(args=["users", "sign-out", "ana@example.org"])
    assert result.exit_code == 0 and "2 browser(s)" in result.output
    assert all(browser.get("/settings/account").status_code == 302 for browser in browsers)


def test_users_commands_refuse_unknown_accounts(runner):
    """An unknown email is an error, not a traceback."""
    result = runner.invoke(args=["users", "reset-link", "nobody@example.org"])
    assert result.exit_code != 0 and "nobody@example.org" in result.output
