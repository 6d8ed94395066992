"""Sets titled alike, uploaded or copied at the same moment by two teachers over real HTTP: every
request succeeds (or is refused with a clear 4xx), every set gets its own slug, and each teacher's
questions land only in that teacher's own sets.

Runs on the database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL).
"""
import re
import uuid

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, User
from quizapp.sets import free_slug
from tests.api.test_concurrency import SUBMITS, HttpUser, at_once
from tests.browser.conftest import live_server  # noqa: F401  (real HTTP, threaded server)
from tests.forms import post_form

YAML = """title: Rivers of Iberia
slug: rivers-of-iberia
language: en
questions:
  - id: q1
    type: flashcard
    prompt: "{who}: which river flows through Lisbon?"
    answer: Tagus
"""


class Uploader(HttpUser):
    """A signed-in teacher who can also send a multipart upload."""

    def upload(self, path: str, filename: str, content: bytes, fields: dict):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                 for name, value in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.raw("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def raw(self, method, path, data, content_type):
        import urllib.error
        import urllib.request

        headers = {"Cookie": self.cookie, "Content-Type": content_type}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")

    def form_token(self, path):
        html = self.request("GET", path)[1]
        return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


@pytest.fixture
def teachers(live_server, make_user):  # noqa: F811
    for name in ("ana", "bea"):
        make_user(f"{name}@example.org", role="teacher")
    db.session.commit()
    return [Uploader(live_server, f"{name}@example.org") for name in ("ana", "bea")]


def _sets_by_owner():
    db.session.commit()  # end the test's read snapshot to see the server's writes
    owners = {user.id: user.email.split("@")[0] for user in db.session.scalars(sa.select(User))}
    rows = db.session.execute(sa.select(QuestionSet.slug, QuestionSet.owner_id, Question.prompt)
                              .join(Question, Question.set_id == QuestionSet.id)).all()
    return [(slug, owners.get(owner_id), prompt) for slug, owner_id, prompt in rows]


def _assert_clear(results):
    for status, location in results:
        assert status == 302 or 400 <= status < 500, results
    return [location for status, location in results if status == 302]


def test_twenty_simultaneous_uploads_titled_alike(teachers):
    """20 uploads of one title by two teachers at once: 20 sets, 20 slugs, no question in another's set."""
    tokens = [teacher.form_token("/teach/import") for teacher in teachers]
    calls = iter(range(SUBMITS))

    def upload():
        i = next(calls)
        teacher, token = teachers[i % 2], tokens[i % 2]
        who = "ana" if i % 2 == 0 else "bea"
        content = YAML.format(who=f"{who} {i}").encode()
        return teacher.upload("/teach/import", "rivers.yaml", content, {"csrf_token": token, "format": ""})

    results = at_once(upload)
    assert [status for status, _ in results] == [302] * SUBMITS, results
    rows = _sets_by_owner()
    assert len({slug for slug, _, _ in rows}) == SUBMITS
    for slug, owner, prompt in rows:
        assert prompt.startswith(f"{owner} "), f"{prompt!r} landed in {owner}'s set {slug}"


def test_twenty_simultaneous_copies_of_one_set(teachers, make_user):
    """20 copies of one published set by two teachers at once: 20 new drafts, each its copier's."""
    from tests.history.history_factories import gen_set

    original = gen_set("Lakes", questions=3, slug="lakes")
    db.session.commit()
    tokens = [teacher.form_token("/teach/") for teacher in teachers]
    calls = iter(range(SUBMITS))

    def copy():
        i = next(calls)
        teacher, token = teachers[i % 2], tokens[i % 2]
        return teacher.raw("POST", "/teach/sets/lakes/copy", f"csrf_token={token}".encode(),
                           "application/x-www-form-urlencoded")

    results = at_once(copy)
    locations = _assert_clear(results)
    assert len(locations) == SUBMITS and len(set(locations)) == SUBMITS, results
    db.session.commit()
    copies = db.session.execute(sa.select(QuestionSet.slug, QuestionSet.owner_id, QuestionSet.is_published)
                                .where(QuestionSet.id != original.id)).all()
    assert len(copies) == SUBMITS
    counts = {}
    for slug, owner_id, published in copies:
        assert not published and f"/teach/sets/{slug}" in " ".join(locations)
        counts[owner_id] = counts.get(owner_id, 0) + 1
    assert sorted(counts.values()) == [SUBMITS // 2, SUBMITS // 2]


def test_an_upload_never_updates_another_teachers_set(client, auth, make_user):
    """A file whose slug is another teacher's set becomes a new draft; that set is untouched."""
    from io import BytesIO

    make_user("ana@example.org", role="teacher")
    make_user("bea@example.org", role="teacher")
    for who in ("ana", "bea"):
        auth.login(f"{who}@example.org")
        response = post_form(client, "/teach/import", {"file": (BytesIO(YAML.format(who=who).encode()), "r.yaml")},
                             page="/teach/import", content_type="multipart/form-data")
        assert response.status_code == 302
        auth.logout()
    rows = sorted(_sets_by_owner())
    assert rows == [("rivers-of-iberia", "ana", "ana: which river flows through Lisbon?"),
                    ("rivers-of-iberia-2", "bea", "bea: which river flows through Lisbon?")]


def test_a_slug_taken_meanwhile_is_retried(app, make_user, monkeypatch):
    """When the free slug found is inserted by someone else first, the insert tries the next one."""
    from quizapp import sets
    from quizapp.authoring import create_set

    owner = make_user(role="teacher")
    create_set(owner, "Rivers")
    db.session.commit()
    stale = iter(["rivers", "rivers"])  # what a request that looked before the insert would see
    real = sets.free_slug
    monkeypatch.setattr(sets, "free_slug", lambda text: next(stale, None) or real(text))
    second = create_set(owner, "Rivers")
    db.session.commit()
    assert second.slug == "rivers-2" and free_slug("Rivers") == "rivers-3"
