"""Teacher workflows on question sets: create, edit, reorder, publish, copy, import uploads, generate drafts.

Nothing here commits: the view (or command) commits once, so every workflow is all or nothing.
Who may do what is decided here too (:func:`can_edit`, :func:`can_copy`), so pages and
commands apply the same rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import sqlalchemy as sa

from quizapp import formats, reviews, user_writes
from quizapp.database import end_read_transaction
from quizapp.extensions import db
from quizapp.formats.data import N_
from quizapp.formats.decks import DECK_MODES, sets_by_deck
from quizapp.formats.model import FormatError, Problem, QuestionData, SetData, set_from_dict
from quizapp.models import Question, QuestionSet, ReviewLog, User, utcnow
from quizapp.media.store import check_limits
from quizapp.sets import (ImportOutcome, add_with_free_slug, apply_question, export_set, file_digest, free_slug,
                          import_set)

# Content types of downloads; formats not listed are sent as plain text.
MIMETYPES = {
    "yaml": "application/yaml",
    "csv": "text/csv",
    "apkg": "application/octet-stream",
    "zip": "application/zip",
    "moodle": "application/xml",
}


def can_edit(user: Optional[User], question_set: QuestionSet) -> bool:
    """Only the owner and admins change a set; a set without owner (from questions/) is admins' alone."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_admin:
        return True
    return question_set.owner_id is not None and question_set.owner_id == user.id and user.is_teacher


def can_copy(user: Optional[User], question_set: QuestionSet) -> bool:
    """Teachers may copy a published set, or a draft they may edit."""
    if user is None or not getattr(user, "is_teacher", False):
        return False
    return question_set.is_published or can_edit(user, question_set)


def unique_slug(text: str) -> str:
    """A slug derived from ``text`` that no set uses yet (see :func:`quizapp.sets.add_with_free_slug`)."""
    return free_slug(text)


def create_set(owner: User, title: str, *, language: str = "en", description: str = "") -> QuestionSet:
    """A new empty draft owned by ``owner``."""
    question_set = QuestionSet(title=title.strip(), language=language, description=description.strip(), sources=[],
                               owner_id=owner.id, is_published=False)
    return add_with_free_slug(question_set, title)


def mark_edited(set_id: int) -> None:
    """The set no longer matches the file it was imported from: importing that file again must not be skipped."""
    db.session.execute(sa.update(QuestionSet).where(QuestionSet.id == set_id).values(file_hash=None)
                       .execution_options(synchronize_session="fetch"))


def update_settings(question_set: QuestionSet, *, title: str, language: str, description: str) -> None:
    """Change what a set says about itself; the slug stays, so links keep working."""
    question_set.file_hash = None
    question_set.title = title.strip()
    question_set.language = language
    question_set.description = description.strip()


def set_published(question_set: QuestionSet, published: bool) -> None:
    question_set.is_published = published


def _free_key(question_set: QuestionSet, key: str) -> str:
    """``key`` or a suffixed one no row of the set uses (removed rows keep theirs: their history points at them)."""
    taken = set(db.session.scalars(sa.select(Question.key).where(Question.set_id == question_set.id)))
    candidate, suffix = key, 2
    while candidate in taken:
        candidate, suffix = f"{key[:110]}-{suffix}", suffix + 1
    return candidate


def add_question(question_set: QuestionSet, data: QuestionData) -> Question:
    """Append a validated question at the end of the set."""
    last = db.session.scalar(
        sa.select(sa.func.max(Question.position)).where(Question.set_id == question_set.id, Question.removed_at.is_(None))
    )
    row = Question(set_id=question_set.id, key=_free_key(question_set, data.id))
    db.session.add(row)
    apply_question(row, data, 0 if last is None else last + 1)
    db.session.flush()
    mark_edited(question_set.id)
    return row


def update_question(question: Question, data: QuestionData) -> bool:
    """Replace a question's content, keeping its row and key (so every student's progress stays)."""
    changed = apply_question(question, data, question.position)
    if changed:
        mark_edited(question.set_id)
    return changed


def remove_question(question: Question) -> None:
    """Take a question out of its set; the row stays so past reviews and quiz answers remain readable."""
    question.removed_at = utcnow()
    db.session.flush()
    _renumber(_live(question.set_id))
    mark_edited(question.set_id)


def restore_question(question: Question) -> None:
    """Undo :func:`remove_question`: the question comes back at the place it had."""
    rows = _live(question.set_id)
    question.removed_at = None
    rows.insert(min(question.position, len(rows)), question)
    _renumber(rows)


def students_who_studied(*, question_set: Optional[QuestionSet] = None, question: Optional[Question] = None) -> int:
    """How many people have answered the set's questions (or this one question), study or quiz."""
    query = sa.select(sa.func.count(sa.distinct(ReviewLog.user_id)))
    if question is not None:
        query = query.where(ReviewLog.question_id == question.id)
    else:
        query = query.join(Question, Question.id == ReviewLog.question_id).where(Question.set_id == question_set.id)
    return db.session.scalar(query) or 0


def delete_set(question_set: QuestionSet) -> None:
    """Take a set out of every list, class and study page. Its rows stay, so what students answered
    stays readable in their history; the slug stays taken, so old links do not name another set."""
    question_set.deleted_at = utcnow()
    question_set.is_published = False


def _live(set_id: int) -> list[Question]:
    return list(db.session.scalars(
        sa.select(Question).where(Question.set_id == set_id, Question.removed_at.is_(None))
        .order_by(Question.position, Question.id)
    ))


def _renumber(questions: list[Question]) -> None:
    for position, row in enumerate(questions):
        if row.position != position:
            row.position = position


def move_question(question: Question, offset: int) -> bool:
    """Move a question ``offset`` places (-1 up, +1 down); False when it is already at that end."""
    rows = _live(question.set_id)
    index = next(i for i, row in enumerate(rows) if row.id == question.id)
    target = index + offset
    if not 0 <= target < len(rows):
        return False
    rows.insert(target, rows.pop(index))
    _renumber(rows)
    mark_edited(question.set_id)
    return True


def copy_set(question_set: QuestionSet, user: User, *, title: Optional[str] = None) -> QuestionSet:
    """A draft copy owned by ``user`` under a new slug; students' progress stays with the original."""
    data = export_set(question_set, with_media=True)
    data.title = title or question_set.title
    return import_set(data, owner=user, new_slug_from=question_set.slug).question_set


class SkippedNeedConfirmation(Exception):
    """The file is fine except for questions (``skipped``) or details of questions (``dropped``) we
    cannot represent; the teacher must agree to leave them out."""

    def __init__(self, skipped: list, data: SetData, dropped: Optional[list] = None):
        self.skipped = list(skipped)
        self.dropped = list(dropped or [])
        self.data = data
        super().__init__(f"{len(self.skipped)} questions would be skipped")


@dataclass
class UploadOutcome:
    outcome: ImportOutcome  # the first set's, when the file's decks became several sets
    format: str
    skipped: list
    reviews: int = 0
    outcomes: list = field(default_factory=list)  # every set's, in the order of the file's decks


def import_upload(content: bytes, *, filename: Optional[str], owner: User, format: Optional[str] = None,
                  title: Optional[str] = None, accept_skipped: bool = False, max_bytes: Optional[int] = None,
                  into: Optional[QuestionSet] = None, separator: Optional[str] = None,
                  with_history: bool = False, decks: str = "tags") -> UploadOutcome:
    """Import an uploaded file as a new draft (or into ``into``, updating it in place by question id).

    Raises FormatError listing every problem (nothing is written), or SkippedNeedConfirmation when
    some questions cannot be represented and ``accept_skipped`` is not given. ``with_history``
    replays the file's review log (Anki's revlog) as ``owner``'s reviews. ``decks="sets"`` makes
    one new draft per deck of an Anki file instead of one set whose questions are tagged by deck.
    """
    if decks not in DECK_MODES:
        raise FormatError([Problem("", N_("decks become one of: %(modes)s", modes=", ".join(DECK_MODES)))], filename)
    if decks == "sets" and into is not None:
        raise FormatError([Problem("", N_("a set is updated from one deck's questions: import the decks as tags, "
                                          "or as new sets from the import page"))], filename)
    format = format or formats.detect_format(content, filename)
    if into is not None and not title:
        title = into.title
    end_read_transaction()  # parsing a large file needs no database
    result = formats.read(content, format, filename=filename, title=title, max_bytes=max_bytes, separator=separator)
    check_limits(result.set.media, filename=filename)
    if (result.skipped or result.dropped) and not accept_skipped:
        raise SkippedNeedConfirmation(result.skipped, result.set, result.dropped)
    data = result.set
    if with_history and result.history:
        user_writes.begin_write(owner.id)  # the replayed reviews are the owner's writes: take their lock first
    if into is not None:
        if format != "yaml":
            # Only YAML carries a set's own language and description; keep the set's.
            data.language, data.description, data.sources = into.language, into.description, list(into.sources or [])
        outcomes = [import_set(data, into=into, file_hash=file_digest(content, slug=into.slug))]
    elif decks == "sets" and len(per_deck := sets_by_deck(result, filename)) > 1:
        # No file hash: the file is not any one of these sets, so uploading it again is never skipped.
        outcomes = [import_set(deck_set, owner=owner, new_slug_from=deck_set.slug) for deck_set in per_deck]
    else:
        outcomes = [import_set(data, owner=owner, new_slug_from=data.slug,
                               file_hash=lambda slug: file_digest(content, slug=slug))]
    reviews = sum(replay_history(owner, outcome.question_set, result.history) for outcome in outcomes) if with_history else 0
    return UploadOutcome(outcomes[0], format, list(result.skipped), reviews, outcomes)


def replay_history(user: User, question_set: QuestionSet, history: list) -> int:
    """Record another tool's past answers as ``user``'s reviews, oldest first, through the app's
    scheduler, so the FSRS states are what the app itself would have computed. An answer already
    recorded (same ``client_id``) is not recorded twice. Returns how many were recorded.
    Call inside :func:`quizapp.user_writes.begin_write`."""
    if not history:
        return 0
    rows = {row.key: row for row in db.session.scalars(
        sa.select(Question).where(Question.set_id == question_set.id, Question.removed_at.is_(None)))}
    recorded = 0
    for past in sorted(history, key=lambda past: past.reviewed_at):
        row = rows.get(past.question_id)
        if row is None:
            continue
        outcome = reviews.answer_card(user, row, past.rating, duration_ms=past.duration_ms, client_id=past.client_id,
                                      origin="import", now=past.reviewed_at)
        recorded += not outcome.repeat
    return recorded


class NothingToAsk(FormatError):
    """No question could be made from the texts; ``message`` says from what and why (a translatable Message)."""

    def __init__(self, name: str, why):
        self.message = N_("No question could be made from %(name)s: %(why)s", name=name, why=why)
        super().__init__([Problem("", self.message)])


def generate_draft(texts: list[tuple[str, str]], *, title: str, language: str, owner: User,
                   name: str | None = None, progress=None) -> tuple[QuestionSet, dict]:
    """A draft set generated from source texts, each question keeping the sentence it came from.

    Raises :class:`NothingToAsk` (naming `name`, the texts' files) when the generator finds nothing
    to ask; `progress(done, total)` is told how far generation is.
    """
    from quizapp.generate import generate_set
    from quizapp.generate.fallback import why_empty

    end_read_transaction()  # generating needs no database
    result = generate_set(texts=texts, title=title, lang=language, progress=progress)
    if not result.set.get("questions"):
        raise NothingToAsk(name or N_("this text"), why_empty(result.report))
    data = set_from_dict(result.set)
    return import_set(data, owner=owner, new_slug_from=data.title).question_set, result.report


@dataclass
class ExportFile:
    content: bytes
    filename: str
    mimetype: str
    skipped: list
    dropped: list  # what the questions written lose (Aiken's per-answer feedback...), per question


def export_file(question_set: QuestionSet, format: str) -> ExportFile:
    """The set as a downloadable file in ``format``; ``skipped`` names the questions the format cannot hold,
    ``dropped`` what the questions it holds lose."""
    data = export_set(question_set, with_media=format in formats.FORMATS and formats.FORMATS[format].writes_media)
    content = formats.write(data, format)
    skipped = formats.skipped_on_write(data, format)
    dropped = formats.dropped_on_write(data, format)
    extension = (formats.FORMATS[format].extensions or (".txt",))[0]  # Quizlet's lines have no extension of their own
    payload = content.encode("utf-8") if isinstance(content, str) else content
    mimetype = MIMETYPES.get(format, "text/plain")
    if mimetype.startswith("text/") or mimetype in ("application/yaml", "application/xml"):
        mimetype += "; charset=utf-8"
    return ExportFile(payload, f"{question_set.slug}{extension}", mimetype, skipped, dropped)


@dataclass
class ExportNotes:
    """What a download in one format leaves out: whole questions, and details of the questions it keeps."""

    skipped: list
    dropped: list


def export_notes(question_set: QuestionSet) -> dict[str, ExportNotes]:
    """For each format a set can be downloaded in, what the file would leave out, to say before the download."""
    data = export_set(question_set)
    return {name: ExportNotes(formats.skipped_on_write(data, name), formats.dropped_on_write(data, name))
            for name in export_formats()}


def export_formats() -> list[str]:
    """The formats a set can be downloaded in, in the registry's order."""
    return [name for name, fmt in formats.FORMATS.items() if fmt.write is not None]


def import_formats() -> list[str]:
    return [name for name, fmt in formats.FORMATS.items() if fmt.read is not None]
