"""How many requests quizapp serves behind gunicorn, on SQLite and on PostgreSQL, beside a hello app.

    .venv/bin/python bench/serve_throughput.py [--rounds 5] [--requests 40] [--threads 8]
                                                [--workers 1,4] [--backends sqlite,postgresql]
                                                [--client auto|wrk|python] [--seconds 3]

The issue's measurement (SQLite, two workers, wrk at concurrency 16):

    .venv/bin/python bench/serve_throughput.py --workers 2 --backends sqlite --threads 16 --rounds 3

Needs gunicorn (``pip install -e '.[serve]'``) and, for the GET requests, ``wrk``
(``apt-get install -y wrk``); without wrk the GETs are made by the Python client below, which
on a small machine takes CPU from the server and so understates every ratio.

Every cell (database x number of gunicorn sync workers) gets a fresh database built with the
command line a deployment uses (``flask --app quizapp db upgrade``, ``quizapp sets import
questions/seed.yaml``, ``quizapp users create``) and its own
``gunicorn -w N -k sync -b 127.0.0.1:PORT 'quizapp:create_app()'`` with one SECRET_KEY shared by
all workers. One student per client thread signs in through the /login form. Three requests
are measured:

* ``GET /api/v1/sets/<slug>/next``  the signed-in student's next card;
* ``GET /``                         the signed-in student's home page (sets with due counts);
* ``GET /study/<slug>``             the study page with the next card;
* ``POST /api/v1/reviews``          a rating with a unique client_id, CSRF token from /api/v1/me.

Beside them, in the same rounds, the 5-line Flask app of ``bench/support/hello_app.py`` is served by
gunicorn with the same number of sync workers; "vs hello" is a request's req/s over the hello
app's in the same run, which takes the machine out of the figure (goals: next ≥ 0.50, home and
study ≥ 0.35). With wrk, a GET measurement is ``wrk -c THREADS`` for ``--seconds`` on one
signed-in student's cookie (wrk reconnects after each answer, as sync workers close).
"queries" is how many SQL statements besides BEGIN/COMMIT/ROLLBACK one request of each kind
sends, counted in-process on the SQLite cell's database afterwards (``bench/support/statements.py``).

A measurement is every client thread making a fixed number of requests back to back, each on
a fresh loopback connection (sync workers close it after each answer); latency runs from
connecting to the last byte. The cells take turns over several rounds, so that load from
elsewhere on the machine falls on all of them alike; req/s is the median over the rounds and
the percentiles pool every request. Each round records the same number of reviews in every
cell, and the reads run before the reviews of their round, so all cells read the same history
(both reads count the day's reviews; their cost grows with them).

After the run, the review rows in each database must equal the reviews answered 201 (none lost
or recorded twice), and the server logs must hold no traceback. SQLite is a WAL file in a
temporary folder; PostgreSQL is a database created on 127.0.0.1:5432 (user postgres, trust) and
dropped again. The client is standard-library Python on the same machine, so it takes some of
the CPU the workers could use: "client CPU" is its share of one core while measuring.
"""
from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support import wrk_client  # noqa: E402
from bench.support.statements import StatementCounter  # noqa: E402
from bench.support.wrk_client import Measurement  # noqa: E402
BIN = Path(sys.executable).parent
SEED = ROOT / "questions" / "seed.yaml"
NAME = "servebench"
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PASSWORD = "servebench-password"
SECRET_KEY = uuid.uuid4().hex
ENDPOINTS = ("next", "home", "study", "review")  # the reads first: they see the same fresh state in every cell
LABELS = {"next": "GET /api/v1/sets/<slug>/next", "review": "POST /api/v1/reviews", "home": "GET /",
          "study": "GET /study/<slug>", "hello": "GET / (hello app)"}
GOALS = {"next": 0.50, "home": 0.35, "study": 0.35}


# ---- set-up ------------------------------------------------------------------------------


def gunicorn_path() -> Path | None:
    path = BIN / "gunicorn"
    if path.exists():
        return path
    found = shutil.which("gunicorn")
    return Path(found) if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slug_of(path: Path) -> str:
    match = re.search(r"^slug:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
    if not match:
        sys.exit(f"{path} has no slug: line")
    return match.group(1)


def server_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "FLASK_APP")}
    env.update(DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, QUIZAPP_SECURE_COOKIES="0",
               QUIZAPP_RATELIMIT_PREFIX=f"{NAME}-{uuid.uuid4().hex}")
    return env


def run(cmd: list, env: dict) -> None:
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{done.stdout}{done.stderr}")


def prepare_database(env: dict, students: list[str]) -> None:
    """Schema, the seed set and the student accounts, through the command line."""
    run([BIN / "flask", "--app", "quizapp", "db", "upgrade"], env)
    run([BIN / "quizapp", "sets", "import", str(SEED)], env)
    # Accounts are independent: create them a few at a time (each command hashes a password).
    for start in range(0, len(students), 4):
        procs = [subprocess.Popen([BIN / "quizapp", "users", "create", email, "--password", PASSWORD], cwd=ROOT,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for email in students[start:start + 4]]
        for email, proc in zip(students[start:start + 4], procs):
            out, _ = proc.communicate()
            if proc.returncode != 0:
                sys.exit(f"quizapp users create {email} failed:\n{out}")


class Backend:
    name = ""

    def url(self, workers: int) -> str: ...
    def create(self, workers: int) -> None: ...
    def drop(self, workers: int) -> None: ...


class SQLiteBackend(Backend):
    name = "SQLite"

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"{NAME}-"))

    def path(self, workers: int) -> Path:
        return self.dir / f"{NAME}-w{workers}.db"

    def url(self, workers: int) -> str:
        return f"sqlite:///{self.path(workers)}"

    def create(self, workers: int) -> None:
        self.drop(workers)

    def drop(self, workers: int) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path(workers)) + suffix).unlink(missing_ok=True)

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


class PostgresBackend(Backend):
    name = "PostgreSQL"

    @staticmethod
    def available() -> str | None:
        """None when a server answers on 127.0.0.1:5432; else why not."""
        try:
            import psycopg
        except ImportError:
            return "psycopg is not installed (.venv/bin/pip install -e '.[postgres]')"
        try:
            psycopg.connect(PG_ADMIN).close()
        except psycopg.Error as error:
            return f"no PostgreSQL on 127.0.0.1:5432 for user postgres ({str(error).strip()})"
        return None

    def dbname(self, workers: int) -> str:
        return f"{NAME}_w{workers}"

    def url(self, workers: int) -> str:
        return f"postgresql://postgres@127.0.0.1:5432/{self.dbname(workers)}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(sql)

    def create(self, workers: int) -> None:
        self.drop(workers)
        self._admin(f'CREATE DATABASE "{self.dbname(workers)}"')

    def drop(self, workers: int) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.dbname(workers)}" WITH (FORCE)')

    def cleanup(self) -> None:
        pass


def query(database_url: str, sql: str, **params) -> list:
    """The first column of every row the query returns, on an engine of its own."""
    import sqlalchemy as sa

    from quizapp.config import normalize_database_url

    engine = sa.create_engine(normalize_database_url(database_url))
    try:
        with engine.connect() as conn:
            return list(conn.scalars(sa.text(sql), params))
    finally:
        engine.dispose()


def count_reviews(database_url: str) -> int:
    return query(database_url, "SELECT count(*) FROM review_log")[0]


def question_ids(database_url: str, slug: str) -> list[int]:
    return query(database_url, "SELECT q.id FROM question q JOIN question_set s ON s.id = q.set_id "
                               "WHERE s.slug = :slug AND q.removed_at IS NULL ORDER BY q.position", slug=slug)


class Server:
    """gunicorn with N sync workers on a free loopback port; its log goes to a file."""

    def __init__(self, gunicorn: Path, workers: int, env: dict, log: Path, app: str = "quizapp:create_app()",
                 cwd: Path = ROOT, probe: str = "/login") -> None:
        self.port = free_port()
        self.log = log
        self._log_file = open(log, "w")
        self.proc = subprocess.Popen(
            [gunicorn, "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{self.port}", "--timeout", "60", app],
            cwd=cwd, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}{probe}", timeout=2).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    sys.exit(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        # Let every worker finish booting (importing the app) before measuring.
        time.sleep(0.5 * workers)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()

    def tracebacks(self) -> list[str]:
        text = self.log.read_text(errors="replace")
        return [line for line in text.splitlines() if "Traceback" in line or "database is locked" in line
                or re.search(r"\[ERROR\]", line)]


# ---- the client --------------------------------------------------------------------------


@dataclass
class Student:
    email: str
    cookie: str = ""
    csrf: str = ""


def sign_in(port: int, email: str) -> Student:
    """Through the real form: GET /login for the CSRF token, POST it, then GET /api/v1/me."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    with opener.open(f"{base}/login", timeout=30) as page:
        html = page.read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    if token is None:
        sys.exit("no csrf_token field on /login")
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token.group(1)}).encode()
    with opener.open(f"{base}/login", data=form, timeout=30) as answer:  # follows the redirect home
        answer.read()
    if answer.status != 200 or answer.url.rstrip("/").endswith("/login"):
        sys.exit(f"signing in {email} failed: {answer.status} {answer.url}")
    with opener.open(f"{base}/api/v1/me", timeout=30) as answer:
        me = json.loads(answer.read())
    if me.get("email") != email:
        sys.exit(f"/api/v1/me answered {me!r} for {email}")
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    return Student(email, cookie=cookies, csrf=me["csrf_token"])


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.latencies += other.latencies
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        self.failures += other.failures[:5]


def request(port: int, method: str, path: str, student: Student, body: bytes | None = None) -> tuple[int, float, bytes]:
    """One request on a fresh connection: (status, seconds from connecting to the last byte, body)."""
    headers = {"Cookie": student.cookie, "Accept": "application/json" if path.startswith("/api/") else "text/html"}
    if body is not None:
        headers.update({"Content-Type": "application/json", "X-CSRFToken": student.csrf})
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    return response.status, time.perf_counter() - started, content


def make_call(endpoint: str, port: int, slug: str, qids: list[int]):
    """A function(student, i) performing one request of the endpoint."""
    if endpoint == "next":
        return lambda student, i: request(port, "GET", f"/api/v1/sets/{slug}/next", student)
    if endpoint in ("home", "hello"):
        return lambda student, i: request(port, "GET", "/", student)
    if endpoint == "study":
        return lambda student, i: request(port, "GET", f"/study/{slug}", student)

    def review(student: Student, i: int):
        body = json.dumps({"question_id": qids[i % len(qids)], "rating": 3, "client_id": uuid.uuid4().hex}).encode()
        return request(port, "POST", "/api/v1/reviews", student, body)

    return review


def drive(call, students: list[Student], per_thread: int) -> Measurement:
    """Each student in a thread of its own makes ``per_thread`` calls back to back."""
    tallies = [Tally() for _ in students]
    start = threading.Barrier(len(students) + 1)

    def worker(student: Student, tally: Tally, offset: int) -> None:
        start.wait()
        for i in range(offset, offset + per_thread):
            try:
                status, elapsed, content = call(student, i)
            except OSError as error:  # no answer at all counts as status 0, and the run goes on
                status, elapsed, content = 0, None, str(error).encode()
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if elapsed is not None:
                tally.latencies.append(elapsed)
            if not 200 <= status < 300 and len(tally.failures) < 5:
                tally.failures.append(f"{status} {content[:200]!r}")

    threads = [threading.Thread(target=worker, args=(s, t, n * 7)) for n, (s, t) in enumerate(zip(students, tallies))]
    for thread in threads:
        thread.start()
    began, cpu = time.perf_counter(), time.process_time()
    start.wait()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return Measurement(len(total.latencies), wall, percentile(total.latencies, 0.50), percentile(total.latencies, 0.99),
                       total.statuses, total.failures, client_cpu=(time.process_time() - cpu) / wall)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Cell:
    """One gunicorn being measured; its measurements per request kind, round by round."""

    label = ""
    endpoints: tuple[str, ...] = ()

    def __init__(self, workers: int, args) -> None:
        self.workers, self.args = workers, args
        self.measurements: dict[str, list[Measurement]] = {e: [] for e in self.endpoints}
        self.server: Server
        self.students: list[Student] = []
        self.slug, self.qids = "", []

    def _measure(self, endpoint: str, per_thread: int) -> Measurement:
        port = self.server.port
        if endpoint != "review" and self.args.client == "wrk":
            path = "/" if endpoint in ("home", "hello") else make_path(endpoint, self.slug)
            headers = {"Cookie": self.students[0].cookie} if self.students else {}
            headers["Accept"] = "application/json" if path.startswith("/api/") else "text/html"
            seconds = self.args.seconds if per_thread == self.args.requests else 1
            return wrk_client.measure(f"http://127.0.0.1:{port}{path}", headers, connections=self.args.threads,
                                      seconds=seconds)
        students = self.students or [Student("") for _ in range(self.args.threads)]
        return drive(make_call(endpoint, port, self.slug, self.qids), students, per_thread)

    def run(self, endpoint: str, per_thread: int, *, keep: bool = True) -> Measurement:
        measurement = self._measure(endpoint, per_thread)
        if keep:
            self.measurements[endpoint].append(measurement)
        elif measurement.non_2xx:
            measurement.wall = 0.0  # a failed warm-up answer still counts as one
            self.measurements[endpoint].append(measurement)
        return measurement

    def problems(self) -> list[str]:
        problems = [f"{self.label}, server log: {line}" for line in self.server.tracebacks()[:5]]
        for endpoint, runs in self.measurements.items():
            problems += [f"{self.label}, {LABELS[endpoint]}: {f}" for m in runs for f in m.failures[:3]]
        return problems

    def finish(self) -> list[str]:
        self.server.stop()
        problems = self.problems()
        if not problems:
            self.server.log.unlink(missing_ok=True)
        return problems


def make_path(endpoint: str, slug: str) -> str:
    return {"next": f"/api/v1/sets/{slug}/next", "study": f"/study/{slug}"}[endpoint]


class HelloCell(Cell):
    """``bench/support/hello_app.py`` behind the same gunicorn: the yardstick of the ratios."""

    endpoints = ("hello",)

    def __init__(self, workers: int, gunicorn: Path, args) -> None:
        super().__init__(workers, args)
        self.label = f"hello app, {workers} workers"
        log = Path(tempfile.gettempdir()) / f"{NAME}-hello-w{workers}.log"
        self.server = Server(gunicorn, workers, dict(os.environ), log, app="hello_app:app", cwd=ROOT / "bench" / "support",
                             probe="/")


class Deployment(Cell):
    """One database and one gunicorn on it, with its students signed in."""

    endpoints = ENDPOINTS

    def __init__(self, backend: Backend, workers: int, gunicorn: Path, args, slug: str) -> None:
        super().__init__(workers, args)
        self.backend, self.slug = backend, slug
        self.label = f"{backend.name}, {workers} workers"
        self.emails = [f"student{i + 1}@{NAME}.example.org" for i in range(args.threads)]
        backend.create(workers)
        self.url = backend.url(workers)
        env = server_env(self.url)
        prepare_database(env, self.emails)
        self.qids = question_ids(self.url, slug)
        log = Path(tempfile.gettempdir()) / f"{NAME}-{backend.name.lower()}-w{workers}.log"
        self.server = Server(gunicorn, workers, env, log)
        try:
            self.students = [sign_in(self.server.port, email) for email in self.emails]
        except BaseException:
            self.server.stop()
            raise
        self.created = 0

    def run(self, endpoint: str, per_thread: int, *, keep: bool = True) -> Measurement:
        measurement = super().run(endpoint, per_thread, keep=keep)
        self.created += measurement.statuses.get(201, 0) if endpoint == "review" else 0
        return measurement

    def finish(self) -> list[str]:
        """Stop the server; what went wrong (lost or doubled reviews, tracebacks, failed answers)."""
        self.server.stop()
        problems = []
        stored = count_reviews(self.url)
        if stored != self.created:
            problems.append(f"{self.label}: {self.created} reviews answered 201 but {stored} stored")
        problems += self.problems()
        if not problems:
            self.server.log.unlink(missing_ok=True)
        return problems


def statements_per_request(deployment: Deployment) -> dict[str, int]:
    """SQL statements one request of each kind sends, in-process on the cell's own database."""
    from quizapp import create_app
    from quizapp.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": normalize_url(deployment.url), "SECRET_KEY": SECRET_KEY,
                      "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    client.post("/login", data={"email": deployment.emails[0], "password": PASSWORD, "csrf_token": token.group(1)})
    csrf = client.get("/api/v1/me").get_json()["csrf_token"]
    with app.app_context():
        counter = StatementCounter(db.engine)
    counts = {}
    for endpoint in ENDPOINTS:
        for _ in range(2):  # the second call is counted: nothing of the first (caches, sign-in) is left
            counter.reset()
            if endpoint == "review":
                body = json.dumps({"question_id": deployment.qids[0], "rating": 3, "client_id": uuid.uuid4().hex})
                client.post("/api/v1/reviews", data=body, content_type="application/json",
                            headers={"X-CSRFToken": csrf})
            else:
                path = "/" if endpoint == "home" else make_path(endpoint, deployment.slug)
                client.get(path)
        counts[endpoint] = counter.queries
    with app.app_context():
        db.engine.dispose()
    return counts


def normalize_url(url: str) -> str:
    from quizapp.config import normalize_database_url

    return normalize_database_url(url)


@dataclass
class Row:
    backend: str
    workers: int
    endpoint: str
    requests: int
    rps: float  # median over the rounds
    p50_ms: float  # median over the rounds
    p99_ms: float  # median over the rounds
    non_2xx: int
    client_cpu: float


def row_of(cell: Cell, endpoint: str) -> Row:
    runs = cell.measurements[endpoint]
    measured = [m for m in runs if m.wall > 0]
    non_2xx = sum(m.non_2xx for m in runs)
    backend = cell.backend.name if isinstance(cell, Deployment) else "hello app"
    return Row(backend, cell.workers, endpoint, sum(m.requests for m in measured),
               statistics.median(m.rps for m in measured), statistics.median(m.p50 for m in measured) * 1000,
               statistics.median(m.p99 for m in measured) * 1000, non_2xx,
               statistics.mean(m.client_cpu for m in measured))


# ---- the report ----------------------------------------------------------------------------


def print_table(rows: list[Row], statements: dict[str, int]) -> None:
    hello = {r.workers: r.rps for r in rows if r.endpoint == "hello"}
    print(f"{'database':<11} {'workers':>7}  {'request':<30} {'requests':>8} {'req/s':>8} {'vs hello':>8} "
          f"{'goal':>5} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7} {'client CPU':>10} {'queries':>10}")
    for r in rows:
        ratio = f"{r.rps / hello[r.workers]:.2f}" if r.endpoint != "hello" and hello.get(r.workers) else ""
        goal = f"{GOALS[r.endpoint]:.2f}" if r.endpoint in GOALS else ""
        counted = statements.get(r.endpoint, "") if r.backend == "SQLite" else ""
        print(f"{r.backend:<11} {r.workers:>7}  {LABELS[r.endpoint]:<30} {r.requests:>8} {r.rps:>8.1f} {ratio:>8} "
              f"{goal:>5} {r.p50_ms:>7.1f} {r.p99_ms:>7.1f} {r.non_2xx:>7} {r.client_cpu:>9.0%} {counted:>10}")


def print_ratios(rows: list[Row], workers: list[int], backends: list[str]) -> None:
    by = {(r.backend, r.workers, r.endpoint): r for r in rows}
    low, high = min(workers), max(workers)
    columns = []
    if low != high:
        for b in backends:
            columns.append((f"{b} {high}w/{low}w", (b, high), (b, low)))
    if len(backends) == 2:
        for w in workers:
            columns.append((f"{backends[1][:2]}/{backends[0][:2]} {w}w", (backends[1], w), (backends[0], w)))
    if not columns:
        return
    print()
    print("Throughput ratios (median req/s), same run:")
    print(f"{'request':<30}" + "".join(f" {title:>16}" for title, _, _ in columns))
    for endpoint in ENDPOINTS:
        line = f"{LABELS[endpoint]:<30}"
        for _, (b1, w1), (b2, w2) in columns:
            a, b = by.get((b1, w1, endpoint)), by.get((b2, w2, endpoint))
            line += f" {a.rps / b.rps:>16.2f}" if a and b and b.rps else f" {'n/a':>16}"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measurements of every request kind in every cell")
    parser.add_argument("--requests", type=int, default=40, help="requests per client thread in one measurement")
    parser.add_argument("--threads", type=int, default=8, help="client threads, one student each")
    parser.add_argument("--workers", default="1,4", help="gunicorn worker counts, comma-separated")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="what makes the GET requests: wrk when installed (auto), or the Python client")
    parser.add_argument("--seconds", type=int, default=3, help="length of one wrk measurement")
    args = parser.parse_args()
    if args.client == "auto":
        args.client = "wrk" if wrk_client.available() else "python"
    elif args.client == "wrk" and not wrk_client.available():
        print("wrk is not installed: apt-get install -y wrk (or --client python)", file=sys.stderr)
        return 2

    gunicorn = gunicorn_path()
    if gunicorn is None:
        print("gunicorn is not installed in this environment; install it with\n"
              "    .venv/bin/pip install -e '.[serve]'\nand run this script again.", file=sys.stderr)
        return 2
    workers = [int(w) for w in args.workers.split(",")]
    backends: list[Backend] = []
    for name in args.backends.split(","):
        if name == "sqlite":
            backends.append(SQLiteBackend())
        elif name == "postgresql":
            why_not = PostgresBackend.available()
            if why_not:
                print(f"PostgreSQL rows skipped: {why_not}", file=sys.stderr)
            else:
                backends.append(PostgresBackend())
        else:
            parser.error(f"unknown backend {name!r}")
    slug = slug_of(SEED)
    print(f"quizapp behind gunicorn sync workers on loopback, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at the start; {args.threads} client threads (one student each) x "
          f"{args.requests} requests per measurement, {args.rounds} rounds, the cells taking turns; GETs by "
          + (f"wrk -c {args.threads} for {args.seconds:g} s" if args.client == "wrk" else "the Python client"))
    if args.client == "python":
        print("(wrk is not installed: apt-get install -y wrk. The Python client shares the CPU with the server, "
              "so the ratios to the hello app understate.)")
    print()
    cells: list[Cell] = []
    problems: list[str] = []
    statements: dict[str, int] = {}
    try:
        for w in workers:
            cells.append(HelloCell(w, gunicorn, args))
        for backend in backends:
            for w in workers:
                cells.append(Deployment(backend, w, gunicorn, args, slug))
        for cell in cells:  # every worker has served every request kind before timing starts
            for endpoint in cell.endpoints:
                cell.run(endpoint, 3, keep=False)
        # Rounds, each cell in turn (starting one further each round), so that load from elsewhere
        # on the machine falls on all cells alike, the hello app's included. Every cell records the
        # same number of reviews per round, so the reads see the same amount of history in every cell.
        for n in range(args.rounds):
            for cell in cells[n % len(cells):] + cells[:n % len(cells)]:
                for endpoint in cell.endpoints:
                    cell.run(endpoint, args.requests)
    finally:
        for cell in cells:
            problems += cell.finish()
        sqlite_cells = [c for c in cells if isinstance(c, Deployment) and c.backend.name == "SQLite"]
        if sqlite_cells and not problems:
            statements = statements_per_request(sqlite_cells[0])
        for backend in backends:
            for w in workers:
                try:
                    backend.drop(w)
                except Exception as error:
                    print(f"could not drop the {backend.name} database: {error}", file=sys.stderr)
            backend.cleanup()
    rows = [row_of(cell, endpoint) for cell in cells for endpoint in cell.endpoints]
    print_table(rows, statements)
    print_ratios(rows, workers, [b.name for b in backends])
    print()
    total_bad = sum(r.non_2xx for r in rows)
    print(f"non-2xx answers in all cells: {total_bad}; every review answered 201 is stored once: "
          f"{'NO' if any('stored' in p for p in problems) else 'yes'}")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    return 1 if problems or total_bad else 0


if __name__ == "__main__":
    sys.exit(main())
