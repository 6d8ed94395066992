"""Who may open which page: every protected URL against every role."""
import pytest

from quizapp.extensions import db

TEACHER_PAGES = ["/teach/"]
ADMIN_PAGES = ["/admin/users"]
SIGNED_IN_PAGES = ["/history/", "/cards/"]


@pytest.fixture
def signed_in(client, auth, make_user, seed_sets):
    """Sign in as a fresh user of the given role."""

    def sign_in(role):
        user = make_user(f"{role}@example.org", role=role)
        auth.login(user.email)
        return user

    return sign_in


@pytest.mark.parametrize("url", TEACHER_PAGES + ADMIN_PAGES + SIGNED_IN_PAGES)
def test_visitors_are_sent_to_sign_in(client, seed_sets, url):
    """Protected pages redirect a visitor to the sign-in page, remembering where they were going."""
    response = client.get(url)
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("role, url, status", [
    ("student", "/teach/", 403), ("teacher", "/teach/", 200), ("admin", "/teach/", 200),
    ("student", "/admin/users", 403), ("teacher", "/admin/users", 403), ("admin", "/admin/users", 200),
    ("student", "/sets/russia-coreia-do-norte", 200), ("teacher", "/sets/russia-coreia-do-norte", 200),
])
def test_role_rules(client, signed_in, role, url, status):
    """Teacher pages answer 403 to students, admin pages 403 to everyone but admins."""
    signed_in(role)
    response = client.get(url)
    assert response.status_code == status
    if status == 403:
        assert "not allowed" in response.get_data(as_text=True)


def test_draft_sets_are_private_to_their_owner(client, auth, make_user):
    """A draft set is invisible (404, not 403) to everyone but its owner and admins."""
    from quizapp.models import QuestionSet

    owner = make_user("owner@example.org", role="teacher")
    db.session.add(QuestionSet(slug="draft", title="Secret draft", owner_id=owner.id, is_published=False))
    db.session.commit()
    make_user("other@example.org", role="teacher")
    auth.login("other@example.org")
    assert client.get("/sets/draft").status_code == 404
    assert "Secret draft" not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("owner@example.org")
    assert client.get("/sets/draft").status_code == 200
    assert "Secret draft" in client.get("/").get_data(as_text=True)


def test_admin_changes_a_role(client, auth, make_user):
    """An admin makes a student a teacher from the users page."""
    from quizapp.models import User
    from tests.forms import post_form

    student = make_user("s@example.org")
    make_user("root@example.org", role="admin")
    auth.login("root@example.org")
    response = post_form(client, f"/admin/users/{student.id}/role", {"role": "teacher"}, page="/admin/users")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, student.id).role == "teacher"


def test_admin_cannot_demote_themselves(client, auth, make_user):
    """The last admin cannot lock everyone out by demoting themselves."""
    from quizapp.models import User
    from tests.forms import post_form

    admin = make_user("root@example.org", role="admin")
    auth.login("root@example.org")
    post_form(client, f"/admin/users/{admin.id}/role", {"role": "student"}, page="/admin/users")
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == "admin"


def test_errors_answer_json_to_json_clients(client):
    """A client that asks for JSON gets the error as JSON with a clear message."""
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {"error": "There is nothing here.", "status": 404}


def test_api_asks_visitors_to_sign_in_with_json(client):
    """The API answers a visitor 401 in JSON, not a redirect to a page."""
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json()["error"] == "Sign in first."


def test_api_me_gives_the_account_and_a_csrf_token(client, auth, make_user):
    """A signed-in script learns who it is and the token for its POSTs."""
    make_user("ana@example.org")
    auth.login("ana@example.org")
    body = client.get("/api/v1/me").get_json()
    assert body["email"] == "ana@example.org" and body["role"] == "student" and body["csrf_token"]
