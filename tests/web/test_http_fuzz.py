"""Every route of ``app.url_map``, as every role, with malformed paths, queries and bodies: never a 5xx.

For each rule the URL is built with real values (the role's own set, class, attempt, question), then
with each path argument swapped for a hostile one (ids past any column, NUL, long, traversal,
unknown names); GETs also get hostile queries, POSTs hostile forms, JSON bodies and file uploads,
each with a valid CSRF token so the view itself is reached. Errors must come as a page or, under
``/api/``, as JSON. ``QUIZAPP_FUZZ=long`` tries every hostile value instead of a few per rule.
Runs on PostgreSQL too with ``DATABASE_URL`` (see README).
"""
from __future__ import annotations

import io
import os
import random

import pytest

from quizapp.extensions import db
from tests.forms import csrf_token_from

LONG = os.environ.get("QUIZAPP_FUZZ") == "long"
BIG = str(10**20)

HOSTILE_INTS = ["0", "2147483647", "2147483648", "9223372036854775808", BIG]
HOSTILE_STRINGS = ["nope", "a%00b", "..%2F..%2Fetc", "x" * 300, "%C3%A7%C3%A3o", "%FF%FE", "-", "{{x}}", "%20"]
HOSTILE_QUERIES = [
    f"page={BIG}", "page=-1", "page=abc", "per_page=0", f"per_page={BIG}", "to=9999-12-31", "from=0001-01-01",
    "from=2025-13-45", "from=2026-01-02&to=2026-01-01", "set=%00", "set=nope", "cursor=garbage", "cursor=" + "A" * 500,
    "q=" + "x" * 5000, "only=nope", "t=garbage", f"dropped={BIG}", "lang=xx", "next=//evil.example", "code=%00",
    "v=%FF", "page=1&page=2", "format=nope", "kind=" + "%00",
]
FIELDS = ["email", "password", "confirm", "answer", "code", "name", "title", "language", "description", "prompt",
          "type", "choices", "accept", "tolerance", "explanation", "tags", "text", "q", "rating", "t", "count", "days",
          "set", "due", "role", "note", "desired_retention", "new_per_day", "reviews_per_day", "timezone", "mode",
          "token", "format", "separator", "position", "direction", "checked", "s", "slug", "display_name",
          "text_format", "truth", "accept_skipped", "with_history", "due_on", "remember", "action", "submit"]
FORM_VALUES = ["", "\x00", "x" * 20_000, BIG, "-1", "nan", "inf", "1e400", "9999-12-31", "{{", "{{a\nb}}",
               "=HYPERLINK(\"http://evil.example\")", "../../etc/passwd", "ção", "true", "[]"]
JSON_BODIES = [{}, [], "x", 1, None, {"question_id": BIG}, {"question_id": int(BIG), "rating": 3, "client_id": "a"},
               {"question_id": 1, "rating": True, "answer": ["x"], "client_id": "x" * 500},
               {"question_id": 1, "answer": "a\x00", "client_id": "n"},
               {"question_id": 1, "rating": 3, "client_id": "d", "duration_ms": int(BIG), "reviewed_at": "9999-12-31T00:00:00Z"},
               {"question_id": 1, "rating": 3, "client_id": "e", "reviewed_at": "x", "known_last_review": 5}]
RAW_BODIES = [b"{", b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b'{"a": 1e99999}']
UPLOADS = [b"title: T\nquestions: [\n", b"\x00" * 100, b"Q {#9e999999..9e999999}\n", b"PK\x03\x04broken",
           b"title: !!int abc\nquestions: []\n"]

ROLES = ["visitor", "student", "teacher", "admin"]


@pytest.fixture
def world(app, make_user, seed_sets):
    """Real rows every route can name: a teacher's set with questions, a class the student joined with the
    set assigned, the student's quiz attempt and card."""
    from quizapp import attempts, classes, formats
    from quizapp.sets import import_set
    from tests.study.conftest import STUDY_SET_YAML

    users = {role: make_user(f"{role}@example.org", role=role) for role in ("student", "teacher", "admin")}
    question_set = import_set(formats.read(STUDY_SET_YAML.encode(), "yaml").set, owner=users["teacher"]).question_set
    classroom = classes.create_class(users["teacher"], "Fuzz class")
    db.session.flush()
    classes.join_class(users["student"], classroom)
    classes.assign_set(classroom, question_set)
    attempt = attempts.start_attempt(users["student"], question_set, 3)
    db.session.commit()
    question = question_set.questions[0]
    return {"users": users, "slug": question_set.slug, "ids": {
        "question_id": question.id, "set_id": question_set.id, "class_id": classroom.id, "attempt_id": attempt.id,
        "user_id": users["student"].id, "card_id": question.id}}


def real_values(rule, world) -> dict:
    values = {}
    for name in rule.arguments:
        if name in world["ids"]:
            values[name] = str(world["ids"][name])
        elif name == "slug":
            values[name] = world["slug"]
        elif name == "format":
            values[name] = "yaml"
        elif name == "action":
            values[name] = "flag"
        elif name == "filename":
            values[name] = "app.css"
        else:
            values[name] = "0" * 64
    return values


def build(rule, values: dict) -> str:
    path = rule.rule
    for name, value in values.items():
        path = path.replace(f"<int:{name}>", value).replace(f"<path:{name}>", value).replace(f"<{name}>", value)
    return path


def pick(rng: random.Random, values: list, count: int) -> list:
    return list(values) if LONG else rng.sample(values, min(count, len(values)))


def requests_for(rule, world, rng: random.Random):
    """(method, url, keyword arguments for the client) for one rule."""
    base = real_values(rule, world)
    urls = [build(rule, base)]
    for name in rule.arguments:
        hostile = HOSTILE_INTS if f"<int:{name}>" in rule.rule else HOSTILE_STRINGS
        urls += [build(rule, {**base, name: value}) for value in pick(rng, hostile, 2)]
    methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
    for method in methods:
        if method == "GET":
            for url in urls:
                yield "GET", url, {}
            for query in pick(rng, HOSTILE_QUERIES, 4):
                yield "GET", urls[0] + "?" + query, {}
            continue
        for url in urls:
            yield method, url, {"data": {}}
        for value in pick(rng, FORM_VALUES, 4):
            yield method, urls[0], {"data": dict.fromkeys(FIELDS, value)}
        yield method, urls[0], {"data": {}, "csrf": False}
        if rule.rule.startswith("/api/"):
            for body in pick(rng, JSON_BODIES, 4):
                yield method, urls[0], {"json": body}
            for raw in pick(rng, RAW_BODIES, 2):
                yield method, urls[0], {"data": raw, "content_type": "application/json"}
        if "import" in rule.endpoint or "generate" in rule.endpoint:
            for upload in pick(rng, UPLOADS, 3):
                yield method, urls[0], {"data": {"file": (io.BytesIO(upload), "upload.yaml"), "format": "", "text": "x",
                                                 "title": "T"}, "content_type": "multipart/form-data"}


def _last(rule) -> bool:
    """Routes that end the session or remove the rows the others name run after them."""
    return any(word in rule.endpoint for word in ("logout", "delete", "remove", "unassign", "role"))


@pytest.mark.parametrize("role", ROLES)
def test_no_route_answers_a_server_error(app, client, auth, world, role):
    """Every rule x hostile path, query and body, as this role: each answer is below 500, and an error
    under /api/ is JSON."""
    if role != "visitor":
        auth.login(f"{role}@example.org")
    token = csrf_token_from(client.get("/login" if role == "visitor" else "/settings").get_data(as_text=True))
    rng = random.Random(f"fuzz:{role}")
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: (_last(rule), rule.rule))
    failures, sent = [], 0
    for rule in rules:
        for method, url, options in requests_for(rule, world, rng):
            options = dict(options)
            with_csrf = options.pop("csrf", True)
            headers = {"X-CSRFToken": token} if with_csrf else {}
            data = options.get("data")
            if with_csrf and isinstance(data, dict):
                data["csrf_token"] = token
            response = client.open(url, method=method, headers=headers, **options)
            response.get_data()  # a streamed CSV runs to its end (and errors there) before the next request
            response.close()
            sent += 1
            status = response.status_code
            if status >= 500:
                failures.append(f"{status} {method} {url[:120]} {str(options)[:120]}")
            elif status >= 400 and url.startswith("/api/") and not response.is_json:
                failures.append(f"{status} not JSON: {method} {url[:120]}")
    print(f"{role}: {sent} requests over {len(rules)} rules, {len(failures)} failures")
    assert sent >= 6 * len(rules)
    assert failures == []
