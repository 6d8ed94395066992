"""Every teacher page against every role: students get 403, teachers and admins get the page."""
import pytest

from quizapp import classes
from quizapp.extensions import db
from tests.teach.conftest import gen_question

# (method, URL template); {slug}, {qid} and {cid} are filled with the teacher's own set and class.
TEACHER_URLS = [
    ("GET", "/teach/"),
    ("GET", "/teach/sets/new"),
    ("POST", "/teach/sets/new"),
    ("GET", "/teach/sets/{slug}"),
    ("POST", "/teach/sets/{slug}/settings"),
    ("POST", "/teach/sets/{slug}/publish"),
    ("POST", "/teach/sets/{slug}/copy"),
    ("GET", "/teach/sets/{slug}/questions/new"),
    ("POST", "/teach/sets/{slug}/questions/new"),
    ("GET", "/teach/sets/{slug}/questions/{qid}"),
    ("POST", "/teach/sets/{slug}/questions/{qid}"),
    ("POST", "/teach/sets/{slug}/questions/{qid}/move"),
    ("POST", "/teach/sets/{slug}/questions/{qid}/delete"),
    ("POST", "/teach/sets/{slug}/import"),
    ("GET", "/teach/sets/{slug}/export/yaml"),
    ("GET", "/teach/sets/{slug}/export/gift"),
    ("GET", "/teach/sets/{slug}/export/aiken"),
    ("GET", "/teach/sets/{slug}/export/csv"),
    ("GET", "/teach/sets/{slug}/export/apkg"),
    ("GET", "/teach/import"),
    ("POST", "/teach/import"),
    ("POST", "/teach/import/confirm"),
    ("GET", "/teach/generate"),
    ("POST", "/teach/generate"),
    ("GET", "/teach/classes/new"),
    ("POST", "/teach/classes/new"),
    ("GET", "/teach/classes/{cid}"),
    ("POST", "/teach/classes/{cid}/assign"),
    ("POST", "/teach/classes/{cid}/sets/{set_id}/unassign"),
    ("POST", "/teach/classes/{cid}/students/{uid}/remove"),
]
GET_PAGES = [url for method, url in TEACHER_URLS if method == "GET"]


@pytest.fixture
def world(app, make_user, gen_set):
    """A teacher who owns a published set with one question and a class that has it assigned."""
    owner = make_user("owner@example.org", role="teacher")
    question_set = gen_set(owner, published=True, questions=[gen_question()])
    classroom = classes.create_class(owner, "Geography 7B")
    classes.assign_set(classroom, question_set)
    db.session.commit()
    return {"slug": question_set.slug, "qid": question_set.questions[0].id, "cid": classroom.id,
            "set_id": question_set.id, "uid": owner.id}


def _token(client) -> str:
    from tests.forms import csrf_token_from

    return csrf_token_from(client.get("/classes/join").get_data(as_text=True))


@pytest.mark.parametrize("method, url", TEACHER_URLS)
@pytest.mark.parametrize("role, allowed", [("student", False), ("teacher", True), ("admin", True)])
def test_teacher_urls_by_role(client, sign_in, world, method, url, role, allowed):
    """Students get 403 on every teacher URL, GET or POST; the owner (teacher) and admins do not."""
    sign_in(role, email="owner@example.org" if role == "teacher" else None)
    target = url.format(**world)
    if method == "GET":
        response = client.get(target)
    else:
        response = client.post(target, data={"csrf_token": _token(client)})
    if allowed:
        assert response.status_code != 403
        if method == "GET":
            assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", GET_PAGES)
def test_visitors_are_sent_to_sign_in(client, world, url):
    """A visitor opening a teacher page is sent to sign in first."""
    response = client.get(url.format(**world))
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("url", [
    "/teach/sets/{slug}", "/teach/sets/{slug}/questions/new", "/teach/sets/{slug}/questions/{qid}",
    "/teach/classes/{cid}",
])
def test_another_teacher_may_not_change_a_set_or_class(client, sign_in, world, url):
    """A teacher who does not own the set or class gets 403 on its pages."""
    sign_in("teacher", email="other@example.org")
    assert client.get(url.format(**world)).status_code == 403


def test_another_teachers_draft_is_404(client, sign_in, make_user, gen_set):
    """Someone else's draft does not even exist for another teacher (as on the catalog)."""
    owner = make_user("owner@example.org", role="teacher")
    draft = gen_set(owner, published=False)
    sign_in("teacher", email="other@example.org")
    assert client.get(f"/teach/sets/{draft.slug}").status_code == 404
    assert client.get(f"/teach/sets/{draft.slug}/export/yaml").status_code == 404


def test_shared_sets_are_edited_by_admins_only(client, auth, sign_in, seed_sets):
    """A set from questions/ has no owner: a teacher gets 403 on its editor, an admin the page."""
    seed = seed_sets[0]
    sign_in("teacher")
    assert client.get(f"/teach/sets/{seed.slug}").status_code == 403
    auth.logout()
    sign_in("admin")
    assert client.get(f"/teach/sets/{seed.slug}").status_code == 200


def test_join_page_needs_sign_in_only(client, sign_in):
    """Any signed-in user may open the join page; visitors are sent to sign in."""
    assert client.get("/classes/join").status_code == 302
    sign_in("student")
    assert client.get("/classes/join").status_code == 200
