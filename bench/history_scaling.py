"""Does a request get slower as a student's past grows? p50/p99 at 5k and 50k reviews, and statements.

    .venv/bin/python bench/history_scaling.py [--cards 5000] [--sizes 5000,50000] [--repeat 60]
                                              [--database sqlite|postgresql]

Needs only the project's own dependencies (PostgreSQL on 127.0.0.1:5432, user postgres, trust, for
``--database postgresql``). For each size it builds a fresh, migrated database with one set of
``--cards`` questions and one student who has a card for each of them and ``size`` reviews spread
over the past two years (bulk SQL through SQLAlchemy Core: seconds, not minutes; the per-day summary
is rebuilt the way the migration backfills it). Then it signs the student in through the real
/login form and times each request in-process (Flask's test client: no network, no server, so
what is measured is the app and its database) ``--repeat`` times after two warm-up calls:

* ``GET /api/v1/sets/<slug>/next``, ``GET /``, ``GET /study/<slug>``, ``GET /history/``,
  ``GET /api/v1/history`` (first page), ``POST /api/v1/reviews`` (a rating with a fresh client_id).

"queries" is how many SQL statements one request sends to the database besides transaction
control, and "+txn" the ``BEGIN``/``COMMIT``/``ROLLBACK`` around them, counted by SQLite's own trace
hook (so the pool's ping would count too); PostgreSQL counts what SQLAlchemy sends. The last column is p50 at the largest size over p50 at the smallest (goal ≤ 1.3:
the student's past should not make a request slower); next-card should need at most 4 queries.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.support.statements import StatementCounter  # noqa: E402

PASSWORD = "history-scaling-password"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SLUG = "scaling"
GOAL_RATIO = 1.3
GOAL_NEXT_STATEMENTS = 4


def requests_to_time(slug: str) -> dict[str, tuple[str, str]]:
    return {
        "next": ("GET", f"/api/v1/sets/{slug}/next"),
        "home": ("GET", "/"),
        "study": ("GET", f"/study/{slug}"),
        "history": ("GET", "/history/"),
        "api history": ("GET", "/api/v1/history"),
        "review": ("POST", "/api/v1/reviews"),
    }


def build(app, cards: int, reviews: int) -> tuple[int, list[int]]:
    """A set of ``cards`` questions, a student with a card each and ``reviews`` review rows."""
    from werkzeug.security import generate_password_hash

    from quizapp.extensions import db
    from quizapp.models import Card, Question, QuestionSet, ReviewLog, User

    rng = random.Random(15)
    now = datetime.now(timezone.utc)
    with app.app_context():
        conn = db.session.connection()
        user_id = conn.execute(sa.insert(User).values(
            email="student@scaling.example.org", role="student", password_hash=generate_password_hash(PASSWORD),
        ).returning(User.id)).scalar_one()
        set_id = conn.execute(sa.insert(QuestionSet).values(
            slug=SLUG, title="Scaling", language="en", description="", sources=[], is_published=True,
            created_at=now, updated_at=now,
        ).returning(QuestionSet.id)).scalar_one()
        conn.execute(sa.insert(Question), [
            {"set_id": set_id, "key": f"q{i}", "type": "flashcard", "prompt": f"Front {i}", "answer": f"Back {i}",
             "choices": [], "accept": [], "tags": [], "position": i, "updated_at": now}
            for i in range(cards)
        ])
        qids = list(conn.scalars(sa.select(Question.id).where(Question.set_id == set_id).order_by(Question.id)))
        # Most cards are in review and due over the next weeks; a few are due now.
        conn.execute(sa.insert(Card), [
            {"user_id": user_id, "question_id": qid, "due": now + timedelta(hours=rng.uniform(-24, 24 * 40)),
             "stability": rng.uniform(1, 90), "difficulty": rng.uniform(2, 8), "state": 2, "step": None,
             "reps": 3, "lapses": 0, "last_review": now - timedelta(days=rng.uniform(1, 60)),
             "suspended": False, "leech": False}
            for qid in qids
        ])
        state = {"due": now.isoformat(), "stability": 3.0, "difficulty": 5.0, "state": 2, "step": None,
                 "reps": 2, "lapses": 0, "last_review": None}
        span = 730 * 86400
        for start in range(0, reviews, 10_000):
            conn.execute(sa.insert(ReviewLog), [
                {"user_id": user_id, "question_id": qids[i % len(qids)], "client_id": f"bulk-{i}",
                 "rating": rng.choice((1, 3, 3, 3, 4)), "answer_given": None, "correct": None,
                 "duration_ms": rng.randint(1000, 20000), "origin": "study", "state_before": state,
                 "state_after": state, "reviewed_at": now - timedelta(seconds=span * (i + 1) / reviews)}
                for i in range(start, min(reviews, start + 10_000))
            ])
        rebuild = _summary_rebuilder()
        if rebuild is not None:
            rebuild(user_id)
        db.session.commit()
    return user_id, qids


def _summary_rebuilder():
    """The per-day history summary's rebuild, where this version of the app has one."""
    try:
        from quizapp.models.review_days import rebuild_user
    except ImportError:
        return None
    return rebuild_user


def sign_in(client) -> str:
    """The real /login form; returns a CSRF token for API POSTs."""
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    answer = client.post("/login", data={"email": "student@scaling.example.org", "password": PASSWORD,
                                         "csrf_token": token.group(1)})
    if answer.status_code != 302:
        sys.exit(f"signing in failed: {answer.status_code}")
    return client.get("/api/v1/me").get_json()["csrf_token"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(database_url: str, cards: int, reviews: int, repeat: int) -> dict[str, tuple[float, float, int]]:
    from quizapp import create_app
    from quizapp.extensions import db

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "history-scaling", "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False, "RATELIMIT_STORAGE_URI": "memory://", "QUIZAPP_LOGIN_LIMIT": "1000 per minute",
    })
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    began = time.perf_counter()
    user_id, qids = build(app, cards, reviews)
    built = time.perf_counter() - began
    with app.app_context():
        counter = StatementCounter(db.engine)
    client = app.test_client()
    csrf = sign_in(client)
    results = {}
    for name, (method, path) in requests_to_time(SLUG).items():
        times, statements = [], []
        for i in range(repeat + 2):
            if method == "POST":
                body = json.dumps({"question_id": qids[i % len(qids)], "rating": 3, "client_id": uuid.uuid4().hex})
                kwargs = {"data": body, "content_type": "application/json", "headers": {"X-CSRFToken": csrf}}
            else:
                kwargs = {"headers": {"Accept": "application/json" if path.startswith("/api/") else "text/html"}}
            counter.reset()
            started = time.perf_counter()
            answer = client.open(path, method=method, **kwargs)
            elapsed = time.perf_counter() - started
            if answer.status_code >= 400:
                sys.exit(f"{method} {path} answered {answer.status_code}: {answer.get_data(as_text=True)[:300]}")
            if i >= 2:
                times.append(elapsed)
                statements.append((counter.queries, counter.control))
        results[name] = (percentile(times, 0.5) * 1000, percentile(times, 0.99) * 1000, statistics.median(q for q, _ in statements),
                         statistics.median(c for _, c in statements))
    with app.app_context():
        db.engine.dispose()
    print(f"  {reviews:>6} reviews: built in {built:.1f} s", file=sys.stderr)
    return results


class Database:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.folder = Path(tempfile.mkdtemp(prefix="history-scaling-"))

    def url(self, size: int) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / f'scaling-{size}.sqlite3'}"
        name = f"history_scaling_{size}_{os.getpid()}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"

    def drop(self, size: int) -> None:
        if self.kind == "sqlite":
            for path in self.folder.glob(f"scaling-{size}.sqlite3*"):
                path.unlink()
        else:
            self._admin(f'DROP DATABASE IF EXISTS "history_scaling_{size}_{os.getpid()}" WITH (FORCE)')

    @staticmethod
    def _admin(*statements: str) -> None:
        engine = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        finally:
            engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000, help="questions in the set (one card each)")
    parser.add_argument("--sizes", default="5000,50000", help="numbers of review rows, comma-separated")
    parser.add_argument("--repeat", type=int, default=60, help="timed requests of each kind per size")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    database = Database(args.database)
    print(f"one student, {args.cards} cards, {args.database}; {args.repeat} timed requests of each kind, "
          f"in-process; load average {os.getloadavg()[0]:.2f} at the start", file=sys.stderr)
    by_size = {}
    for size in sizes:
        try:
            by_size[size] = measure(database.url(size), args.cards, size, args.repeat)
        finally:
            database.drop(size)
    low, high = min(sizes), max(sizes)
    header = f"{'request':<26}" + "".join(f" {f'p50 {s}':>11} {f'p99 {s}':>11}" for s in sizes)
    print(header + f" {'queries':>7} {'+txn':>4} {f'p50 {high}/{low}':>14}")
    failed = []
    for name, (method, path) in requests_to_time(SLUG).items():
        line = f"{method + ' ' + path.replace(SLUG, '<slug>'):<26}"
        for size in sizes:
            p50, p99, *_ = by_size[size][name]
            line += f" {p50:>9.1f}ms {p99:>9.1f}ms"
        ratio = by_size[high][name][0] / by_size[low][name][0]
        statements, control = by_size[high][name][2:]
        line += f" {statements:>7.0f} {control:>4.0f} {ratio:>14.2f}"
        print(line)
        if ratio > GOAL_RATIO:
            failed.append(f"{name}: p50 grows {ratio:.2f}x (goal <= {GOAL_RATIO})")
        if name == "next" and statements > GOAL_NEXT_STATEMENTS:
            failed.append(f"next-card: {statements:.0f} queries (goal <= {GOAL_NEXT_STATEMENTS})")
    for problem in failed:
        print(f"  over the goal: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
