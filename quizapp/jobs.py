"""Background jobs with progress, so a long task never holds a web worker.

On a real queue when ``REDIS_URL`` is set: RQ on Redis, run by ``quizapp worker`` (on this machine
or others), with progress in the job's meta.  Otherwise in a thread of the web process, with
progress in memory (one process only: what a single-machine install runs).

A task is a function named in :data:`TASKS`; it takes JSON-like keyword arguments, may call
:func:`report` to say how far it is, and returns a JSON-like dict.  A task that wants to refuse
(nothing to make from the input) returns ``{"error": {"msgid": ..., "params": {...}}}``, a message
the page translates; an exception is a failure, logged, and shown as one.
"""
from __future__ import annotations

import contextvars
import importlib
import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import Callable

from flask import Flask, current_app

log = logging.getLogger(__name__)

QUEUE = "quizapp"
# How long a job and its result stay readable, and how long one may run.
KEEP_SECONDS = 24 * 3600
TIMEOUT_SECONDS = 2 * 3600
# Jobs kept in memory by the thread runner before the oldest finished ones are forgotten.
_THREAD_KEEP = 200

TASKS = {
    "generate-draft": "quizapp.generation:draft_job",
}

_progress: contextvars.ContextVar[Callable[[int, int], None] | None] = contextvars.ContextVar(
    "quizapp_job_progress", default=None)


@dataclass
class JobState:
    """Where a job is: queued, running, finished or failed; how far; what it gave."""

    id: str
    state: str
    owner_id: int | None = None
    done: int = 0
    total: int = 0
    result: dict = field(default_factory=dict)

    @property
    def percent(self) -> int:
        if self.state == "finished":
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    def to_dict(self) -> dict:
        return {"id": self.id, "state": self.state, "done": self.done, "total": self.total,
                "percent": self.percent, "result": self.result}


def report(done: int, total: int) -> None:
    """Tell whoever runs the current job how far it is (a no-op outside a job)."""
    callback = _progress.get()
    if callback is not None:
        callback(done, total)


def _task(name: str) -> Callable[..., dict]:
    module, _, attribute = TASKS[name].partition(":")
    return getattr(importlib.import_module(module), attribute)


def run(name: str, kwargs: dict) -> dict:
    """Run task `name` here and now (what a worker calls), inside the current app context."""
    return _task(name)(**kwargs)


class ThreadRunner:
    """Jobs in threads of this process, their state in memory."""

    def __init__(self, app: Flask):
        self.app = app
        self.jobs: dict[str, JobState] = {}
        self.lock = threading.Lock()

    def submit(self, name: str, kwargs: dict, owner_id: int | None) -> str:
        job = JobState(uuid.uuid4().hex, "queued", owner_id)
        with self.lock:
            self.jobs[job.id] = job
            finished = [k for k, v in self.jobs.items() if v.state in ("finished", "failed")]
            for key in finished[:max(0, len(self.jobs) - _THREAD_KEEP)]:
                del self.jobs[key]
        threading.Thread(target=self._work, args=(job, name, kwargs), daemon=True,
                         name=f"quizapp-job-{job.id[:8]}").start()
        return job.id

    def _work(self, job: JobState, name: str, kwargs: dict) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        job.state = "running"
        _progress.set(progress)
        with self.app.app_context():
            try:
                job.result = run(name, kwargs)
                job.state = "finished"
            except Exception:  # a failed job is shown as failed; the thread must not die silently
                log.exception("job %s (%s) failed", job.id, name)
                job.state = "failed"

    def get(self, job_id: str) -> JobState | None:
        with self.lock:
            return self.jobs.get(job_id)


def _rq_progress(done: int, total: int) -> None:
    from rq import get_current_job

    job = get_current_job()
    if job is not None:
        job.meta.update(done=done, total=total)
        job.save_meta()


def rq_run(name: str, kwargs: dict) -> dict:
    """What the RQ worker calls: the task, reporting progress into the job's meta."""
    _progress.set(_rq_progress)
    return run(name, kwargs)


class RQRunner:
    """Jobs on an RQ queue in Redis, run by ``quizapp worker``."""

    def __init__(self, url: str):
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(url)
        self.queue = Queue(QUEUE, connection=self.connection)

    def submit(self, name: str, kwargs: dict, owner_id: int | None) -> str:
        job = self.queue.enqueue(rq_run, name, kwargs, job_timeout=TIMEOUT_SECONDS, result_ttl=KEEP_SECONDS,
                                 failure_ttl=KEEP_SECONDS, meta={"owner_id": owner_id, "done": 0, "total": 0})
        return job.id

    def get(self, job_id: str) -> JobState | None:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            job = Job.fetch(job_id, connection=self.connection)
        except NoSuchJobError:
            return None
        status = job.get_status(refresh=True)
        state = {"finished": "finished", "failed": "failed", "started": "running",
                 "stopped": "failed", "canceled": "failed"}.get(str(getattr(status, "value", status)), "queued")
        meta = job.get_meta(refresh=False) if hasattr(job, "get_meta") else job.meta
        result = (job.return_value() if state == "finished" else None) or {}
        return JobState(job.id, state, meta.get("owner_id"), meta.get("done", 0), meta.get("total", 0), result)

    def worker(self):
        """An RQ worker on this queue that runs jobs in its own process, inside the app context of its command."""
        from rq import SimpleWorker

        return SimpleWorker([self.queue], connection=self.connection)


def runner() -> ThreadRunner | RQRunner:
    """The app's job runner: RQ when ``REDIS_URL`` is configured, threads otherwise (made once per app)."""
    app = current_app._get_current_object()
    existing = app.extensions.get("quizapp_jobs")
    if existing is None:
        url = app.config.get("QUIZAPP_REDIS_URL")
        existing = RQRunner(url) if url else ThreadRunner(app)
        app.extensions["quizapp_jobs"] = existing
    return existing


def _worker_command():
    import click

    from quizapp.cli import with_appcontext

    @click.command("worker")
    @click.option("--burst", is_flag=True, help="Stop once the queue is empty instead of waiting for more jobs.")
    @with_appcontext
    def worker(burst: bool) -> None:
        """Run background jobs (long generations) from the Redis queue at REDIS_URL."""
        url = current_app.config.get("QUIZAPP_REDIS_URL")
        if not url:
            raise click.ClickException("REDIS_URL is not set; without it background jobs run inside the web "
                                       "process and need no worker.")
        click.echo(f"Worker on queue {QUEUE!r} at {url}", err=True)
        RQRunner(url).worker().work(burst=burst, with_scheduler=False)

    return worker


worker = _worker_command()
