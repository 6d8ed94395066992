"""Sign-up, sign-in, sign-out, password storage, CSRF and sign-in rate limits."""
import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import User
from tests.forms import PASSWORD, csrf_token_from, post_form


def test_signup_creates_a_student_and_signs_in(client, auth):
    """A visitor who signs up becomes a signed-in student whose password is stored hashed."""
    response = auth.signup("New@Example.org ")
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user is not None and user.role == "student"
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:", "argon2"))
    assert "new@example.org" in client.get("/").get_data(as_text=True)


def test_signup_refuses_a_taken_email(client, auth, make_user):
    """Signing up twice with one email (in any case) is refused with a clear message."""
    make_user("taken@example.org")
    response = auth.signup("Taken@example.org")
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "not-an-email", "password": PASSWORD, "confirm": PASSWORD}, "Invalid email"),
        ({"email": "a@example.org", "password": "short", "confirm": "short"}, "at least 8"),
        ({"email": "a@example.org", "password": PASSWORD, "confirm": PASSWORD + "x"}, "The passwords differ"),
    ],
)
def test_signup_validation_messages(client, data, message):
    """Invalid sign-up forms are answered with the reason and create no account."""
    response = post_form(client, "/signup", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_login_and_logout(client, auth, make_user):
    """A user signs in with the right password and signs out with a POST."""
    make_user("ana@example.org")
    assert auth.login("ANA@example.org").status_code == 302
    assert "ana@example.org" in client.get("/").get_data(as_text=True)
    assert auth.logout().status_code == 302
    assert "ana@example.org" not in client.get("/").get_data(as_text=True)
    assert client.get("/history/").status_code == 302  # signed out: pages that need an account send to sign-in


def test_wrong_password_and_unknown_email_get_the_same_answer(client, auth, make_user):
    """Sign-in does not reveal which emails have accounts."""
    make_user("ana@example.org")
    wrong_password = auth.login("ana@example.org", "not the password")
    unknown_email = auth.login("nobody@example.org", "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 400
    page_a = wrong_password.get_data(as_text=True)
    page_b = unknown_email.get_data(as_text=True)
    assert "Wrong email or password." in page_a and "Wrong email or password." in page_b
    assert page_a.replace("ana@example.org", "X") .count("Wrong") == page_b.count("Wrong")


def test_login_follows_only_local_next(client, auth, make_user):
    """After sign-in the user returns to the page they asked for, never to another site."""
    make_user("ana@example.org")
    response = auth.login("ana@example.org", page="/login", query_string={"next": "/sets/x"})
    assert response.headers["Location"].endswith("/sets/x")
    auth.logout()
    response = post_form(client, "/login?next=https://evil.example/", {"email": "ana@example.org", "password": PASSWORD})
    assert "evil" not in response.headers["Location"]


@pytest.mark.parametrize("url, data", [
    ("/signup", {"email": "a@example.org", "password": PASSWORD, "confirm": PASSWORD}),
    ("/login", {"email": "a@example.org", "password": PASSWORD}),
])
def test_forms_without_csrf_token_are_refused(client, url, data):
    """A POST without the form's CSRF token changes nothing and says why."""
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_logout_without_csrf_token_keeps_the_session(client, auth, make_user):
    """Another site cannot sign a user out: logout needs the CSRF token."""
    make_user("ana@example.org")
    auth.login("ana@example.org")
    assert client.post("/logout").status_code == 400
    assert "ana@example.org" in client.get("/").get_data(as_text=True)


@pytest.fixture
def app_config():
    return {"QUIZAPP_LOGIN_LIMIT": "3 per minute"}


def test_sign_in_attempts_are_limited_per_account(client, make_user):
    """After too many failed sign-ins for one account, further tries are refused, even from elsewhere."""
    make_user("ana@example.org")
    for _ in range(3):
        assert post_form(client, "/login", {"email": "ana@example.org", "password": "nope nope"}).status_code == 400
    other_address = {"REMOTE_ADDR": "10.9.9.9"}
    html = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"email": "ana@example.org", "password": PASSWORD,
                                           "csrf_token": csrf_token_from(html)}, environ_base=other_address)
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_sign_in_attempts_are_limited_per_address(client, make_user):
    """One address trying many accounts is slowed down too."""
    for n in range(3):
        post_form(client, "/login", {"email": f"guess{n}@example.org", "password": "nope nope"})
    response = post_form(client, "/login", {"email": "another@example.org", "password": "nope nope"})
    assert response.status_code == 429


def test_session_cookie_flags(database_uri, tmp_path):
    """Session cookies are HttpOnly, SameSite=Lax and, by default, Secure."""
    from quizapp import create_app
    from tests.conftest import make_test_config

    config = make_test_config(database_uri)
    del config["SESSION_COOKIE_SECURE"], config["REMEMBER_COOKIE_SECURE"]
    app = create_app(config)
    client = app.test_client()
    response = client.get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    with app.app_context():
        db.engine.dispose()

