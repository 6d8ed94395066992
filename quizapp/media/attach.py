"""A teacher attaches an image or a sound to one question, or takes one off: the same checks as a file's media.

The bytes are told from themselves (never the name), kept within the per-file and per-set limits,
and stored content-addressed like every imported file. Nothing here commits.
"""
from __future__ import annotations

import hashlib
import posixpath
import re

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.formats.data import N_, FormatError, Problem
from quizapp.formats.media import MEDIA_FIELDS, MediaRefused, identify
from quizapp.media import store
from quizapp.models import Media, Question, QuestionMedia

NAME_MAX = 120


def _set_bytes(set_id: int, leaving_out: str) -> int:
    """The bytes of the distinct files a set's questions already show, but those of ``leaving_out`` (a hash)."""
    return db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Media.size), 0)).where(Media.id.in_(
            sa.select(QuestionMedia.media_id).join(Question, Question.id == QuestionMedia.question_id)
            .where(Question.set_id == set_id)
        ), Media.sha256 != leaving_out)) or 0


def file_name(uploaded: str | None, content: bytes, extension: str) -> str:
    """The name an export gives the file: the upload's own, reduced to plain characters, with the extension
    its bytes call for."""
    stem = posixpath.basename((uploaded or "").replace("\\", "/")).rsplit(".", 1)[0]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:NAME_MAX] or hashlib.sha256(content).hexdigest()[:12]
    return stem + extension


def attach(question: Question, content: bytes, *, filename: str | None, on: str, alt: str) -> QuestionMedia:
    """Show ``content`` on the question's ``on`` side after its other files; FormatError names the file and why not."""
    where = filename or "upload"
    if on not in MEDIA_FIELDS:
        raise FormatError([Problem("field", N_("media is shown with one of: %(known)s", known=", ".join(MEDIA_FIELDS)))],
                          where)
    try:
        kind = identify(content)
    except MediaRefused as refused:
        raise FormatError([Problem("file", refused.message)], where) from None
    name = file_name(filename, content, kind.extension)
    store.check_limits({name: content}, filename=where,
                       already=_set_bytes(question.set_id, hashlib.sha256(content).hexdigest()))
    media = store.save(content)
    db.session.flush()
    last = db.session.scalar(sa.select(sa.func.max(QuestionMedia.position))
                             .where(QuestionMedia.question_id == question.id))
    row = QuestionMedia(question_id=question.id, media_id=media.id, field=on, alt=alt.strip(), name=name,
                        position=0 if last is None else last + 1)
    db.session.add(row)
    db.session.flush()
    return row


def detach(question: Question, row_id: int) -> bool:
    """Take one file off the question; False when the question shows no such file. The stored bytes stay:
    other questions may show them, and they are named by their content."""
    row = db.session.scalar(sa.select(QuestionMedia).where(QuestionMedia.id == row_id,
                                                           QuestionMedia.question_id == question.id))
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    return True
