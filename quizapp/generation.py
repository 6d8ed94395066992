"""Drafts generated from what a teacher brings (pasted text, .txt/.md/.html/.docx/.pdf files), now or later.

A small input is generated while the teacher waits.  Past ``QUIZAPP_BACKGROUND_BYTES`` it becomes
a background job (:mod:`quizapp.jobs`: RQ when Redis is configured, a thread otherwise) whose
progress the page shows; reading the files is part of the job, since a 200-page PDF alone takes
seconds.  Nothing here commits except the job, which is its own request-less unit of work.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from quizapp import authoring, jobs
from quizapp.extensions import db
from quizapp.formats.data import Message, N_
from quizapp.formats.model import FreeNames, slugify
from quizapp.models import QuestionSet, User

# Reading the files is this share of a job's progress bar; generating is the rest.
_READ_SHARE = 100
_TOTAL = 1000


@dataclass(frozen=True)
class Source:
    """One thing to generate from: pasted text, or an uploaded file's name and bytes."""

    name: str
    text: str | None = None
    data: bytes | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else len((self.text or "").encode())

    def to_dict(self) -> dict:
        return {"name": self.name, "text": self.text, "data": self.data}


def _doc_id(name: str, names: FreeNames) -> str:
    return names.take(slugify(name.rsplit(".", 1)[0] if "." in name else name)[:60] or "text")


def read_sources(sources: list[Source]) -> list[tuple[str, str]]:
    """(doc_id, text) for each source; a file is read by its extension (raises UnreadableFile)."""
    from quizapp.generate.readers import read

    names = FreeNames()
    return [(_doc_id(s.name, names), s.text if s.data is None else read(s.name, s.data).text) for s in sources]


def names(sources: list[Source]) -> str:
    return ", ".join(s.name for s in sources)


def draft(sources: list[Source], *, title: str, language: str, owner: User,
          progress: Callable[[int, int], None] | None = None) -> tuple[QuestionSet, dict]:
    """A draft set from the sources (read, generated, imported unpublished); nothing committed.

    Raises UnreadableFile for a file that cannot be read and :class:`authoring.NothingToAsk`
    when no question comes out (with why).
    """
    texts = read_sources(sources)
    if progress:
        progress(_READ_SHARE, _TOTAL)
    step = None
    if progress:
        def step(done: int, total: int) -> None:
            progress(_READ_SHARE + (_TOTAL - _READ_SHARE) * done // max(total, 1), _TOTAL)
    return authoring.generate_draft(texts, title=title, language=language, owner=owner,
                                    name=names(sources), progress=step)


def in_background(sources: list[Source], threshold: int) -> bool:
    """Whether these sources are large enough to generate as a background job."""
    return sum(s.size for s in sources) > threshold


def submit(sources: list[Source], *, title: str, language: str, owner: User) -> str:
    """Start generating a draft in the background; the job's id, for its progress page."""
    return jobs.runner().submit("generate-draft", {
        "sources": [s.to_dict() for s in sources], "title": title, "language": language,
        "owner_id": owner.id}, owner.id)


def message_dict(message: Message) -> dict:
    """A message (with messages in its parameters) as plain data a job can return."""
    return {"msgid": message.msgid, "params": {
        k: message_dict(v) if isinstance(v, Message) else v for k, v in message.params.items()}}


def message_from(data: dict) -> Message:
    """The message :func:`message_dict` stored."""
    return Message(data["msgid"], **{k: message_from(v) if isinstance(v, dict) else v
                                     for k, v in data.get("params", {}).items()})


def draft_job(sources: list[dict], title: str, language: str, owner_id: int) -> dict:
    """The background job: make the draft and commit it; {"slug", "questions"} or {"error": message}."""
    from quizapp.generate.readers import UnreadableFile

    owner = db.session.get(User, owner_id)
    if owner is None:
        return {"error": message_dict(N_("The account that asked for this draft no longer exists."))}
    try:
        question_set, report = draft([Source(**s) for s in sources], title=title, language=language,
                                     owner=owner, progress=jobs.report)
    except UnreadableFile as error:
        db.session.rollback()
        return {"error": message_dict(N_("%(file)s: %(reason)s", file=error.filename, reason=error.reason))}
    except authoring.NothingToAsk as error:
        db.session.rollback()
        return {"error": message_dict(error.message)}
    db.session.commit()
    return {"slug": question_set.slug, "questions": report.get("questions", len(question_set.questions))}
