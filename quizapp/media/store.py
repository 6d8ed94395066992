"""The media folder: each file written once under its SHA-256, with a :class:`~quizapp.models.Media` row.

The folder is ``QUIZAPP_MEDIA_DIR`` (default ``instance/media``), so several workers (or
machines sharing a mount) serve the same files. A file is written to a temporary name and
renamed into place, so a reader never sees half of it and two writers of the same bytes agree.
Files whose import was rolled back stay behind; they are named by their content, so the next
import of the same bytes finds them in place.

Nothing here commits.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from quizapp.extensions import db
from quizapp.formats.data import N_, FormatError, Problem
from quizapp.formats.media import MediaRef, identify
from quizapp.models import Media, Question, QuestionMedia


def media_dir() -> Path:
    return Path(current_app.config["QUIZAPP_MEDIA_DIR"])


def path_of(sha256: str) -> Path:
    """Where a file lives: fanned out by its first two hex digits, so no folder holds millions."""
    return media_dir() / sha256[:2] / sha256


def check_limits(files: dict[str, bytes], *, filename: str | None = None, already: int = 0) -> None:
    """Refuse a file over ``QUIZAPP_MEDIA_MAX_FILE_BYTES``, or a set whose distinct files add up
    past ``QUIZAPP_MEDIA_MAX_SET_BYTES`` (``already`` bytes being kept from before)."""
    most_file = current_app.config["QUIZAPP_MEDIA_MAX_FILE_BYTES"]
    most_set = current_app.config["QUIZAPP_MEDIA_MAX_SET_BYTES"]
    problems = [
        Problem("", N_("%(file)s is %(size)d bytes, more than the limit of %(most)d bytes per media file",
                       file=name, size=len(content), most=most_file))
        for name, content in files.items() if len(content) > most_file
    ]
    total = already + sum(len(content) for content in {hashlib.sha256(c).digest(): c for c in files.values()}.values())
    if total > most_set:
        problems.append(Problem("", N_("the set's media files add up to %(size)d bytes, more than the limit of "
                                       "%(most)d bytes per set", size=total, most=most_set)))
    if problems:
        raise FormatError(problems, filename)


def save(content: bytes) -> Media:
    """The row of these bytes, writing the file (and the row) when they are new."""
    sha256 = hashlib.sha256(content).hexdigest()
    row = db.session.scalar(sa.select(Media).where(Media.sha256 == sha256))
    path = path_of(sha256)
    if row is None:
        kind = identify(content)
        row = Media(sha256=sha256, kind=kind.kind, content_type=kind.content_type, size=len(content),
                    width=kind.width, height=kind.height)
        db.session.add(row)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return row


def read(media: Media) -> bytes:
    return path_of(media.sha256).read_bytes()


def save_all(files: dict[str, bytes], *, filename: str | None = None) -> dict[str, Media]:
    """Every file of a set, after the limits are checked; by the name the set gives it."""
    check_limits(files, filename=filename)
    stored = {name: save(content) for name, content in files.items()}
    db.session.flush()
    return stored


def media_of_questions(question_ids: list[int]) -> dict[int, list[QuestionMedia]]:
    """Each question's media rows in order, in one query."""
    out: dict[int, list[QuestionMedia]] = {}
    if not question_ids:
        return out
    for row in db.session.scalars(sa.select(QuestionMedia).where(QuestionMedia.question_id.in_(question_ids))
                                  .order_by(QuestionMedia.question_id, QuestionMedia.position)):
        out.setdefault(row.question_id, []).append(row)
    return out


def sync(question: Question, refs: list[MediaRef], stored: dict[str, Media], current: list[QuestionMedia]) -> bool:
    """Make the question show exactly ``refs`` (files from ``stored``); True when that changed anything."""
    wanted = [(stored[ref.file].id, ref.on, ref.alt, ref.file) for ref in refs]
    if wanted == [(row.media_id, row.field, row.alt, row.name) for row in current]:
        return False
    for row in current:
        db.session.delete(row)
    for position, (media_id, field, alt, name) in enumerate(wanted):
        db.session.add(QuestionMedia(question_id=question.id, media_id=media_id, field=field, alt=alt, name=name,
                                     position=position))
    return True


def refs_and_files(rows: list[QuestionMedia], names: dict[str, str], *, with_bytes: bool,
                   files: dict[str, bytes]) -> list[MediaRef]:
    """A question's media as file data: refs by name, and (``with_bytes``) each file's bytes in ``files``.

    ``names`` maps a name already given to its file's hash across the set, so two different
    files that came under one name are written under two names.
    """
    refs = []
    for row in rows:
        name = row.name
        if names.get(name, row.media.sha256) != row.media.sha256:
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{row.media.sha256[:8]}.{suffix}" if dot else f"{name}-{row.media.sha256[:8]}"
        names[name] = row.media.sha256
        if with_bytes and name not in files:
            files[name] = read(row.media)
        refs.append(MediaRef(file=name, on=row.field, alt=row.alt))
    return refs
