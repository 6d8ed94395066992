"""How many requests quizapp serves behind gunicorn, on SQLite and on PostgreSQL.

    .venv/bin/python bench/serve_throughput.py [--rounds 5] [--requests 40] [--threads 8]
                                                [--workers 1,4] [--backends sqlite,postgresql]

Every cell (database x number of gunicorn sync workers) gets a fresh database built with the
command line a deployment uses (``flask --app quizapp db upgrade``, ``quizapp sets import
questions/seed.yaml``, ``quizapp users create``) and its own
``gunicorn -w N -k sync -b 127.0.0.1:PORT 'quizapp:create_app()'`` with one SECRET_KEY shared by
all workers. One student per client thread signs in through the /login form. Three requests
are measured:

* ``GET /api/v1/sets/<slug>/next``  the signed-in student's next card;
* ``GET /``                         the signed-in student's home page (sets with due counts);
* ``POST /api/v1/reviews``          a rating with a unique client_id, CSRF token from /api/v1/me.

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
BIN = Path(sys.executable).parent
SEED = ROOT / "questions" / "seed.yaml"
NAME = "servebench"
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PASSWORD = "servebench-password"
SECRET_KEY = uuid.uuid4().hex
ENDPOINTS = ("next", "home", "review")  # the reads first: they see the same fresh state in every cell
LABELS = {"next": "GET /api/v1/sets/<slug>/next", "review": "POST /api/v1/reviews", "home": "GET /"}


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

    def __init__(self, gunicorn: Path, workers: int, env: dict, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self._log_file = open(log, "w")
        self.proc = subprocess.Popen(
            [gunicorn, "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{self.port}", "--timeout", "60",
             "quizapp:create_app()"],
            cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/login", timeout=2).close()
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
    client_cpu: float = 0.0  # CPU seconds the client itself used per second of wall time

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
    if endpoint == "home":
        return lambda student, i: request(port, "GET", "/", student)

    def review(student: Student, i: int):
        body = json.dumps({"question_id": qids[i % len(qids)], "rating": 3, "client_id": uuid.uuid4().hex}).encode()
        return request(port, "POST", "/api/v1/reviews", student, body)

    return review


def drive(call, students: list[Student], per_thread: int) -> tuple[Tally, float]:
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
    total = Tally(client_cpu=(time.process_time() - cpu) / wall)
    for tally in tallies:
        total.add(tally)
    return total, wall


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Deployment:
    """One database and one gunicorn on it, with its students signed in."""

    def __init__(self, backend: Backend, workers: int, gunicorn: Path, args, slug: str) -> None:
        self.backend, self.workers, self.slug = backend, workers, slug
        self.label = f"{backend.name}, {workers} workers"
        students = [f"student{i + 1}@{NAME}.example.org" for i in range(args.threads)]
        backend.create(workers)
        self.url = backend.url(workers)
        env = server_env(self.url)
        prepare_database(env, students)
        self.qids = question_ids(self.url, slug)
        log = Path(tempfile.gettempdir()) / f"{NAME}-{backend.name.lower()}-w{workers}.log"
        self.server = Server(gunicorn, workers, env, log)
        try:
            self.students = [sign_in(self.server.port, email) for email in students]
        except BaseException:
            self.server.stop()
            raise
        self.tallies: dict[str, list[tuple[Tally, float]]] = {e: [] for e in ENDPOINTS}
        self.created = 0

    def run(self, endpoint: str, per_thread: int, *, keep: bool = True) -> None:
        tally, wall = drive(make_call(endpoint, self.server.port, self.slug, self.qids), self.students, per_thread)
        self.created += tally.statuses.get(201, 0) if endpoint == "review" else 0
        if keep:
            self.tallies[endpoint].append((tally, wall))
        elif any(not 200 <= status < 300 for status in tally.statuses):
            self.tallies[endpoint].append((tally, 0.0))  # a failed warm-up answer still counts as one

    def finish(self) -> list[str]:
        """Stop the server; what went wrong (lost or doubled reviews, tracebacks, failed answers)."""
        self.server.stop()
        problems = []
        stored = count_reviews(self.url)
        if stored != self.created:
            problems.append(f"{self.label}: {self.created} reviews answered 201 but {stored} stored")
        problems += [f"{self.label}, server log: {line}" for line in self.server.tracebacks()[:5]]
        for endpoint, runs in self.tallies.items():
            problems += [f"{self.label}, {LABELS[endpoint]}: {f}" for tally, _ in runs for f in tally.failures[:3]]
        if not problems:
            self.server.log.unlink(missing_ok=True)
        return problems


@dataclass
class Row:
    backend: str
    workers: int
    endpoint: str
    requests: int
    rps: float  # median over the rounds
    p50_ms: float
    p99_ms: float
    non_2xx: int
    client_cpu: float


def row_of(deployment: Deployment, endpoint: str) -> Row:
    runs = deployment.tallies[endpoint]
    measured = [(t, wall) for t, wall in runs if wall > 0]
    latencies = [x for t, _ in measured for x in t.latencies]
    non_2xx = sum(n for t, _ in runs for status, n in t.statuses.items() if not 200 <= status < 300)
    return Row(deployment.backend.name, deployment.workers, endpoint, len(latencies),
               statistics.median(len(t.latencies) / wall for t, wall in measured),
               percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000, non_2xx,
               statistics.mean(t.client_cpu for t, _ in measured))


# ---- the report ----------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    print(f"{'database':<11} {'workers':>7}  {'request':<30} {'requests':>8} {'req/s':>8} {'p50 ms':>7} "
          f"{'p99 ms':>7} {'non-2xx':>7} {'client CPU':>10}")
    for r in rows:
        print(f"{r.backend:<11} {r.workers:>7}  {LABELS[r.endpoint]:<30} {r.requests:>8} {r.rps:>8.1f} "
              f"{r.p50_ms:>7.1f} {r.p99_ms:>7.1f} {r.non_2xx:>7} {r.client_cpu:>9.0%}")


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
    args = parser.parse_args()

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
          f"{args.requests} requests per measurement, {args.rounds} rounds, the cells taking turns")
    print()
    deployments: list[Deployment] = []
    problems: list[str] = []
    try:
        for backend in backends:
            for w in workers:
                deployments.append(Deployment(backend, w, gunicorn, args, slug))
        for deployment in deployments:  # every worker has served every request kind before timing starts
            for endpoint in ENDPOINTS:
                deployment.run(endpoint, 3, keep=False)
        # Rounds, each cell in turn (starting one further each round), so that load from elsewhere
        # on the machine falls on all cells alike. Every cell records the same number of reviews
        # per round, so the reads see the same amount of history in every cell.
        for n in range(args.rounds):
            for deployment in deployments[n % len(deployments):] + deployments[:n % len(deployments)]:
                for endpoint in ENDPOINTS:
                    deployment.run(endpoint, args.requests)
    finally:
        for deployment in deployments:
            problems += deployment.finish()
        for backend in backends:
            for w in workers:
                try:
                    backend.drop(w)
                except Exception as error:
                    print(f"could not drop the {backend.name} database: {error}", file=sys.stderr)
            backend.cleanup()
    rows = [row_of(d, endpoint) for d in deployments for endpoint in ENDPOINTS]
    print_table(rows)
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
