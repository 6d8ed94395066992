"""Sessions that end: sign-out, "sign out everywhere", a password change or reset end every copy of
a browser's cookies, remember tokens are new at each sign-in, and the account page lists browsers."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import SignIn, User, utcnow
from tests.forms import PASSWORD, post_form

NEW_PASSWORD = "a brand new secret"


def _signed_in(client) -> bool:
    return client.get("/settings/account").status_code == 200


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie is not None else None


def _browser(app, email="ana@example.org", *, remember=False, agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"):
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    response = post_form(client, "/login", {"email": email, "password": PASSWORD, "remember": "y" if remember else ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _replay(app, session=None, remember=None):
    """A new browser holding copies of the given cookies."""
    thief = app.test_client()
    if session:
        thief.set_cookie("session", session)
    if remember:
        thief.set_cookie("remember_token", remember)
    return thief


@pytest.fixture
def ana(make_user):
    return make_user("ana@example.org")


def test_a_session_cookie_saved_before_sign_out_no_longer_works(app, ana):
    """After "Sign out", a copy of the session cookie taken before is signed out too."""
    browser = _browser(app)
    saved = _cookie(browser, "session")
    assert _signed_in(_replay(app, session=saved))
    post_form(browser, "/logout", {}, page="/")
    assert not _signed_in(browser)
    assert not _signed_in(_replay(app, session=saved))


def test_a_remember_token_saved_before_sign_out_no_longer_works(app, ana):
    """The remember-me cookie alone signs in until sign-out, never after."""
    browser = _browser(app, remember=True)
    token = _cookie(browser, "remember_token")
    assert token and _signed_in(_replay(app, remember=token))
    post_form(browser, "/logout", {}, page="/")
    assert not _signed_in(_replay(app, remember=token))


def test_remember_tokens_differ_at_each_sign_in(app, ana):
    """Two sign-ins of one account get two remember tokens, neither the bare user id."""
    first = _cookie(_browser(app, remember=True), "remember_token")
    second = _cookie(_browser(app, remember=True), "remember_token")
    assert first != second
    assert not first.startswith(f"{ana.id}|")


def test_sign_out_everywhere_ends_every_browser(app, ana):
    """"Sign out everywhere" on one browser signs out the others, their remember tokens and itself."""
    phone = _browser(app, remember=True)
    laptop = _browser(app)
    copies = [_cookie(phone, "session"), _cookie(phone, "remember_token"), _cookie(laptop, "session")]
    response = post_form(laptop, "/settings/devices/sign-out-all", {}, page="/settings/account")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert not _signed_in(laptop) and not _signed_in(phone)
    assert not _signed_in(_replay(app, session=copies[0])) and not _signed_in(_replay(app, remember=copies[1]))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignIn)) == 0


def test_sign_out_other_browsers_keeps_this_one(app, ana):
    """"Sign out all other browsers" keeps the browser that asked."""
    phone = _browser(app, remember=True)
    laptop = _browser(app)
    post_form(laptop, "/settings/devices/sign-out-others", {}, page="/settings/account")
    assert _signed_in(laptop) and not _signed_in(phone)


def test_the_account_page_lists_browsers_and_signs_one_out(app, ana):
    """Each sign-in is listed with its browser; signing one out ends only that one."""
    phone = _browser(app, agent="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36")
    laptop = _browser(app)
    html = laptop.get("/settings/account").get_data(as_text=True)
    assert "Chrome · Android" in html and "Firefox · Linux" in html and "this browser" in html
    phone_row = db.session.scalar(sa.select(SignIn).where(SignIn.user_agent.contains("Android")))
    response = post_form(laptop, f"/settings/devices/{phone_row.id}/sign-out", {}, page="/settings/account")
    assert response.status_code == 302
    assert not _signed_in(phone) and _signed_in(laptop)
    assert "Android" not in laptop.get("/settings/account").get_data(as_text=True)


def test_one_cannot_sign_out_another_accounts_browser(app, ana, make_user):
    """A sign-in id of another account is not theirs to end."""
    make_user("bea@example.org")
    bea = _browser(app, "bea@example.org")
    mallory = _browser(app)
    bea_row = db.session.scalar(sa.select(SignIn).join(User).where(User.email == "bea@example.org"))
    post_form(mallory, f"/settings/devices/{bea_row.id}/sign-out", {}, page="/settings/account")
    assert _signed_in(bea)


def test_an_expired_sign_in_signs_nobody_in(app, ana):
    """A sign-in past its expiry no longer signs in, even with its cookie."""
    browser = _browser(app)
    db.session.execute(sa.update(SignIn).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert not _signed_in(browser)


def test_a_forged_token_signs_nobody_in(app, ana):
    """The right user and sign-in id with another secret is refused."""
    browser = _browser(app, remember=True)
    token = _cookie(browser, "remember_token")
    user_part, _, mac = token.partition("|")
    forged_id = ".".join(user_part.split(".")[:2] + ["guessed"])
    from flask_login.utils import encode_cookie

    with app.test_request_context():
        forged = encode_cookie(forged_id)
    assert not _signed_in(_replay(app, remember=forged))


def test_a_password_change_signs_other_browsers_out(app, ana):
    """Changing the password ends every other browser's sign-in; this one stays, with the new password."""
    phone = _browser(app, remember=True)
    phone_token = _cookie(phone, "remember_token")
    laptop = _browser(app)
    response = post_form(laptop, "/settings/password",
                         {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                         page="/settings/account")
    assert response.status_code == 302
    assert _signed_in(laptop) and not _signed_in(phone) and not _signed_in(_replay(app, remember=phone_token))
    fresh = app.test_client()
    assert post_form(fresh, "/login", {"email": "ana@example.org", "password": PASSWORD}).status_code == 400
    assert post_form(fresh, "/login", {"email": "ana@example.org", "password": NEW_PASSWORD}).status_code == 302


def test_a_password_change_needs_the_current_password(app, ana):
    """A wrong current password changes nothing and says so."""
    laptop = _browser(app)
    response = post_form(laptop, "/settings/password",
                         {"current": "not it at all", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                         page="/settings/account")
    assert response.status_code == 400 and "not your current password" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, ana.id).check_password(PASSWORD)


def test_loading_the_user_costs_one_statement(app, ana):
    """The signed-in user and their sign-in come in one SELECT, as the bare user did."""
    browser = _browser(app)
    statements = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT") and "sign_in" in statement:
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        browser.get("/settings/account")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    loads = [s for s in statements if "JOIN sign_in" in s]
    assert len(loads) == 1, statements
