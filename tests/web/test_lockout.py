"""Failed sign-ins: someone who only knows an email cannot lock its owner out of a browser the owner
signed in from before (a "known device" cookie), while the per-account and per-address limits still
stop guessing from anywhere else."""
import pytest

from tests.forms import PASSWORD, csrf_token_from


@pytest.fixture
def app_config():
    return {"QUIZAPP_LOGIN_LIMIT": "3 per minute"}


def _try(client, email, password, address):
    html = client.get("/login", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_token_from(html)},
                       environ_base={"REMOTE_ADDR": address}).status_code


def _sign_out(client, address):
    html = client.get("/", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token_from(html)}, environ_base={"REMOTE_ADDR": address})


def test_the_owners_known_browser_still_signs_in_while_the_account_is_attacked(app, make_user):
    """Failures from elsewhere lock the account for strangers, not for the owner's own browser."""
    make_user("ana@example.org")
    owner = app.test_client()
    assert _try(owner, "ana@example.org", PASSWORD, "10.0.0.1") == 302
    assert owner.get_cookie("quizapp_device") is not None
    _sign_out(owner, "10.0.0.1")
    attacker = app.test_client()
    for n in range(3):
        assert _try(attacker, "ana@example.org", f"guess {n} wrong", f"10.6.6.{n}") == 400
    assert _try(app.test_client(), "ana@example.org", PASSWORD, "10.7.7.7") == 429, "the account limit is gone"
    assert _try(owner, "ana@example.org", PASSWORD, "10.0.0.1") == 302


def test_a_known_device_cookie_is_only_for_its_own_account(app, make_user):
    """A browser that signed in to one account gets no exemption for another."""
    make_user("ana@example.org")
    make_user("bea@example.org")
    browser = app.test_client()
    assert _try(browser, "ana@example.org", PASSWORD, "10.0.0.1") == 302
    _sign_out(browser, "10.0.0.1")
    for n in range(3):
        _try(app.test_client(), "bea@example.org", "wrong wrong", f"10.6.6.{n}")
    assert _try(browser, "bea@example.org", PASSWORD, "10.0.0.1") == 429


def test_a_forged_device_cookie_gives_no_exemption(app, make_user):
    """A device cookie that the app did not sign is ignored."""
    make_user("ana@example.org")
    for n in range(3):
        _try(app.test_client(), "ana@example.org", "wrong wrong", f"10.6.6.{n}")
    forger = app.test_client()
    forger.set_cookie("quizapp_device", "WyJhYmMiXQ.forged")
    assert _try(forger, "ana@example.org", PASSWORD, "10.0.0.9") == 429


def test_the_per_address_limit_applies_to_known_browsers_too(app, make_user):
    """A known browser guessing from one address is still stopped by the address limit."""
    make_user("ana@example.org")
    browser = app.test_client()
    assert _try(browser, "ana@example.org", PASSWORD, "10.0.0.1") == 302
    _sign_out(browser, "10.0.0.1")
    for n in range(3):
        assert _try(browser, "ana@example.org", "wrong wrong", "10.0.0.1") == 400
    assert _try(browser, "ana@example.org", "wrong wrong", "10.0.0.1") == 429
