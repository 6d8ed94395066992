"""Twenty simultaneous submits over real HTTP: one review per client_id, one score per attempt, no errors.

Runs on the database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL).
"""
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.grading import grade
from quizapp.models import Question, QuizAnswer, QuizAttempt, ReviewLog
from tests.browser.conftest import live_server  # noqa: F401  (real HTTP, threaded server)
from tests.forms import PASSWORD

SUBMITS = 20


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpUser:
    """A signed-in browser over plain HTTP: the session cookie and CSRF token, shared by threads."""

    def __init__(self, base, email):
        self.base = base
        self.opener = urllib.request.build_opener(_NoRedirect)
        self.cookies = {}
        html = self.request("GET", "/login")[1]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        status, _ = self.request("POST", "/login", form={"email": email, "password": PASSWORD, "csrf_token": token})
        assert status == 302
        self.csrf = json.loads(self.request("GET", "/api/v1/me")[1])["csrf_token"]

    def request(self, method, path, *, form=None, body=None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            data = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "X-CSRFToken": self.csrf})
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text, headers = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, headers = error.code, error.read().decode(), error.headers
        self.location = headers.get("Location")
        for set_cookie in headers.get_all("Set-Cookie") or []:
            name, _, value = set_cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return status, text

    @property
    def cookie(self) -> str:
        """The Cookie header: every cookie the server set so far."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def at_once(call):
    """Run ``call`` from SUBMITS threads released together; their results."""
    barrier = threading.Barrier(SUBMITS)

    def run(_):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(SUBMITS) as pool:
        return list(pool.map(run, range(SUBMITS)))


@pytest.fixture
def http_student(live_server, make_user, study_set):  # noqa: F811
    make_user("ana@example.org")
    db.session.commit()
    return HttpUser(live_server, "ana@example.org"), study_set


def test_twenty_concurrent_reviews_with_one_client_id_record_one(http_student):
    """20 simultaneous POST /api/v1/reviews with one client_id: one review, one 201, nineteen 200 repeats."""
    user, study_set = http_student
    body = {"question_id": study_set.questions[0].id, "rating": 3, "client_id": "tap-once"}
    results = at_once(lambda: user.request("POST", "/api/v1/reviews", body=body))
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (SUBMITS - 1) + [201], results
    ids = {json.loads(text)["review"]["id"] for _, text in results}
    assert len(ids) == 1
    db.session.commit()  # end the test's read snapshot to see the server's writes
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1


def test_twenty_concurrent_rating_forms_record_one(http_student):
    """20 simultaneous submits of one study rating form: one review, every answer a redirect."""
    user, study_set = http_student
    slug = study_set.slug
    html = user.request("GET", f"/study/{slug}")[1]
    token = re.search(r'name="t" value="([^"]+)"', html).group(1)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    status, _ = user.request("POST", f"/study/{slug}/answer", form={"csrf_token": csrf, "t": token, "answer": "Paris"})
    assert status == 302
    checked = urllib.parse.parse_qs(urllib.parse.urlparse(user.location).query)["t"][0]
    form = {"csrf_token": csrf, "t": checked, "rating": "3"}
    results = at_once(lambda: user.request("POST", f"/study/{slug}/review", form=form))
    assert [status for status, _ in results] == [302] * SUBMITS, results
    db.session.commit()  # end the test's read snapshot to see the server's writes
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1


def test_twenty_concurrent_quiz_submits_score_once(http_student):
    """20 simultaneous submits of one quiz attempt: scored once, answers and FSRS reviews stored once."""
    user, study_set = http_student
    html = user.request("GET", f"/quiz/{study_set.slug}")[1]
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    status, _ = user.request("POST", f"/quiz/{study_set.slug}", form={"csrf_token": csrf, "count": "5", "mode": "single"})
    assert status == 302
    db.session.commit()  # end the test's read snapshot to see the server's writes
    attempt = db.session.scalars(sa.select(QuizAttempt)).one()
    form = {"csrf_token": csrf}
    for qid in attempt.question_ids:
        form[f"answer-{qid}"] = grade(db.session.get(Question, qid), "").expected
    results = at_once(lambda: user.request("POST", f"/quiz/attempts/{attempt.id}/finish", form=form))
    assert [status for status, _ in results] == [302] * SUBMITS, results
    db.session.commit()  # end the test's read snapshot to see the server's writes
    attempt = db.session.get(QuizAttempt, attempt.id)
    assert attempt.correct_count == 5 and attempt.score == 1.0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuizAnswer)) == 5
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog).where(ReviewLog.origin == "quiz")) == 5
