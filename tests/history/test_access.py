"""Who may see which history: a student only their own, a teacher only their own sets and classes."""
import pytest

from tests.history.test_teacher import classes  # noqa: F401  (fixture)

STUDENT_PAGES = ["/history/", "/history/sets/rivers", "/history/export.csv"]
TEACHER_PAGES = ["/history/teach/", "/history/teach/rivers", "/history/teach/rivers/questions.csv",
                 "/history/teach/rivers/students.csv"]


@pytest.mark.parametrize("url", STUDENT_PAGES + TEACHER_PAGES + ["/history/attempts/1"])
def test_anonymous_is_sent_to_sign_in(client, world, url):
    """Every history page asks a visitor to sign in first."""
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("url", TEACHER_PAGES)
def test_students_may_not_open_teacher_pages(client, auth, world, url):
    """Teacher pages answer 403 to students."""
    auth.login("student@example.org")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", TEACHER_PAGES[1:])
def test_other_teachers_get_404_for_a_set_they_do_not_own(client, auth, world, classes, url):
    """A teacher who does not own the set cannot see its results, even with a class using it."""
    auth.login("rival@example.org")
    assert client.get(url).status_code == 404


def test_admin_sees_every_class_of_the_set(client, auth, world, classes, make_user):
    """Admins see the set's results with every class that has it assigned."""
    make_user("admin@example.org", role="admin")
    auth.login("admin@example.org")
    html = client.get("/history/teach/rivers").get_data(as_text=True)
    assert "Class A" in html and "Class B" in html


def test_a_student_cannot_open_another_students_attempt(client, auth, world):
    """Someone else's attempt is a 404, as if it did not exist."""
    auth.login("student@example.org")
    assert client.get(f"/history/attempts/{world.theirs.id}").status_code == 404
    assert client.get(f"/history/attempts/{world.first.id}").status_code == 200


def test_history_shows_only_own_attempts_and_numbers(client, auth, world):
    """The other student sees their one attempt and their own counts for the same set."""
    auth.login("other@example.org")
    html = client.get("/history/").get_data(as_text=True)
    assert html.count("/history/attempts/") == 1 and f"/history/attempts/{world.theirs.id}" in html
    page = client.get("/history/sets/rivers").get_data(as_text=True)
    assert 'id="stat-new">7<' in page and 'id="stat-review">1<' in page and 'id="stat-retention">0%<' in page


def test_a_teacher_sees_only_own_students_history_through_the_set(client, auth, world, classes):
    """The owner's class list holds class A's members only (class B's rows stay with its teacher)."""
    auth.login("teacher@example.org")
    html = client.get("/history/teach/rivers").get_data(as_text=True)
    assert html.count('data-student="student@example.org"') == 1


def test_someone_elses_draft_is_as_good_as_missing_in_the_history(client, auth, make_user):
    """A student cannot open, filter by, or quiz the mistakes of another teacher's draft: all answer like a missing set."""
    from quizapp.extensions import db
    from quizapp.models import QuestionSet
    from tests.forms import post_form

    owner = make_user("drafter@example.org", role="teacher")
    db.session.add(QuestionSet(slug="secret-draft", title="Secret draft", owner_id=owner.id, is_published=False))
    db.session.commit()
    make_user("nosy@example.org")
    auth.login("nosy@example.org")
    assert client.get("/history/sets/secret-draft").status_code == 404
    response = client.get("/api/v1/history?set=secret-draft")
    assert response.status_code == 400 and "There is no set" in response.get_json()["error"]
    assert client.get("/api/v1/history?set=no-such-set").get_json()["error"] == response.get_json()["error"].replace(
        "secret-draft", "no-such-set")
    page = client.get("/history/").get_data(as_text=True)
    assert "Secret draft" not in page
    response = post_form(client, "/history/mistakes", {"set": "secret-draft", "days": "7"}, page="/history/")
    assert response.status_code == 302 and "/quiz/" not in response.headers["Location"]
