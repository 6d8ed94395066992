"""Workflows that move question sets between their file form (:class:`SetData`) and the database.

Nothing here commits: the caller (a view or a CLI command) commits once, so an import of several
files is all or nothing.
"""
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import sqlalchemy as sa
from flask import abort
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.formats.model import DERIVED_SLUG_MAX, FormatError, FreeNames, Problem, QuestionData, SetData, SourceRef, slugify
from quizapp.formats.media import MediaRef
from quizapp.formats.numbers import normalize_number
from quizapp.models import Question, QuestionSet, User, utcnow

# A new set tries this many free slugs before giving up: each failed try means another request took
# the slug meanwhile, so only that many simultaneous sets titled alike could exhaust it.
SLUG_ATTEMPTS = 50
# Columns copied one to one between QuestionData and Question.
_PLAIN_FIELDS = ("type", "prompt", "answer", "choices", "accept", "tolerance", "explanation", "tags", "text_format",
                 "feedback", "credit")


@dataclass
class ImportOutcome:
    """What an import did to one set, for messages and tests."""

    question_set: QuestionSet
    created: bool
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: bool = False


def file_digest(content: bytes, *, slug: Optional[str] = None) -> str:
    """The hash recorded on a set imported from ``content``; ``slug`` when it was imported under another slug.

    A plain digest therefore means "imported under the file's own slug", and since slugs are unique
    at most one set carries it: :func:`unchanged_set` finds it without parsing the file.
    """
    digest = hashlib.sha256(content)
    if slug is not None:
        digest.update(b"\0slug:" + slug.encode("utf-8"))
    return digest.hexdigest()


def unchanged_set(content: bytes, *, slug: Optional[str] = None) -> Optional[QuestionSet]:
    """The set last imported from exactly this file (under ``slug``, when given) and not edited since, if any."""
    query = sa.select(QuestionSet).where(QuestionSet.file_hash == file_digest(content, slug=slug))
    if slug is not None:
        query = query.where(QuestionSet.slug == slug)
    return db.session.scalar(query)


def visible_sets(user: Optional[User], *, deleted: bool = False) -> sa.Select:
    """Sets a user may see: published ones, plus their own drafts (admins see all); deleted sets
    only with ``deleted`` (history pages, which stay readable after a set is deleted)."""
    query = sa.select(QuestionSet).order_by(QuestionSet.title)
    if not deleted:
        query = query.where(QuestionSet.deleted_at.is_(None))
    if user is not None and getattr(user, "is_admin", False):
        return query
    owner_id = getattr(user, "id", None)
    if owner_id is None:  # a visitor: "owner_id == None" would match the shared sets' drafts
        return query.where(QuestionSet.is_published.is_(True))
    return query.where(sa.or_(QuestionSet.is_published.is_(True), QuestionSet.owner_id == owner_id))


def visible_set(user: Optional[User], slug: str, *, deleted: bool = False) -> Optional[QuestionSet]:
    """The set with this slug if the user may see it (:func:`visible_sets`), else None."""
    return db.session.scalar(visible_sets(user, deleted=deleted).where(QuestionSet.slug == slug))


def visible_set_or_404(user: Optional[User], slug: str, *, deleted: bool = False) -> QuestionSet:
    """:func:`visible_set`, or 404: someone else's draft is as good as missing."""
    question_set = visible_set(user, slug, deleted=deleted)
    if question_set is None:
        abort(404)
    return question_set


def question_counts(set_ids: Iterable[int]) -> dict[int, int]:
    """Number of live questions per set, in one query."""
    rows = db.session.execute(
        sa.select(Question.set_id, sa.func.count())
        .where(Question.set_id.in_(list(set_ids)), Question.removed_at.is_(None))
        .group_by(Question.set_id)
    )
    return dict(rows.all())


def free_slug(text: str) -> str:
    """A slug derived from ``text`` that no set uses yet: ``title``, ``title-2``, ``title-3``…

    Another request may take it before this one inserts: :func:`add_with_free_slug` retries."""
    base = slugify(text)[:DERIVED_SLUG_MAX].strip("-") or "set"
    taken = set(db.session.scalars(
        sa.select(QuestionSet.slug).where(sa.or_(QuestionSet.slug == base, QuestionSet.slug.like(f"{base}-%")))
    ))
    return FreeNames(taken).take(base)


def add_with_free_slug(question_set: QuestionSet, text: str) -> QuestionSet:
    """Insert ``question_set`` under a free slug derived from ``text``.

    The slug is taken by the insert itself: when a concurrent request inserted the same slug first
    (the unique constraint refuses the row), the insert's savepoint is rolled back and the next free
    slug is tried, so simultaneous uploads of sets titled alike all succeed, each with its own slug.
    """
    for _attempt in range(SLUG_ATTEMPTS):
        question_set.slug = free_slug(text)
        try:
            with db.session.begin_nested():
                db.session.add(question_set)
                db.session.flush()
            return question_set
        except IntegrityError:
            if db.session.scalar(sa.select(sa.exists().where(QuestionSet.slug == question_set.slug))) is not True:
                raise  # another constraint failed: not a slug taken meanwhile
    raise RuntimeError(f"no free slug for {text!r} after {SLUG_ATTEMPTS} attempts")


def _set_for_slug(slug: str, owner: Optional[User]) -> tuple[QuestionSet, bool]:
    """The set with this slug, or a new one inserted under it (a concurrent insert wins and is updated)."""
    question_set = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == slug))
    if question_set is not None:
        return question_set, False
    question_set = QuestionSet(slug=slug, owner_id=owner.id if owner else None, title=slug, language="en",
                               description="", sources=[])
    try:
        with db.session.begin_nested():
            db.session.add(question_set)
            db.session.flush()
        return question_set, True
    except IntegrityError:
        return db.session.scalars(sa.select(QuestionSet).where(QuestionSet.slug == slug)).one(), False


def import_set(data: SetData, *, owner: Optional[User] = None, file_hash: Optional[str] = None,
               slug: Optional[str] = None, into: Optional[QuestionSet] = None,
               new_slug_from: Optional[str] = None) -> ImportOutcome:
    """Create a set, or update one in place.

    ``into`` is updated. With ``new_slug_from``, a new draft owned by ``owner`` is created under a free
    slug derived from it (:func:`add_with_free_slug`): it never lands in someone else's set. Otherwise
    (the command line and ``questions/``) the set with ``slug`` (default: the file's) is updated, or
    created. ``file_hash`` may be a callable of the final slug.
    Questions are matched by their id within the set, so a changed question keeps its row and
    every student's state; a question gone from the file is marked removed, never deleted.
    """
    if into is not None:
        question_set, created = into, False
    elif new_slug_from is not None:
        draft = QuestionSet(owner_id=owner.id if owner else None, title=data.title, language=data.language,
                            description="", sources=[], is_published=False)
        question_set = add_with_free_slug(draft, new_slug_from)
        created = True
    else:
        question_set, created = _set_for_slug(slug or data.slug, owner)
    question_set.title = data.title
    question_set.language = data.language
    question_set.description = data.description or ""
    question_set.sources = list(data.sources)
    question_set.file_hash = file_hash(question_set.slug) if callable(file_hash) else file_hash
    db.session.flush()

    existing = {
        q.key: q for q in db.session.scalars(sa.select(Question).where(Question.set_id == question_set.id))
    }
    outcome = ImportOutcome(question_set=question_set, created=created)
    now = utcnow()
    placed, updated, added = [], set(), set()
    for position, item in enumerate(data.questions):
        row = existing.pop(item.id, None)
        placed.append((row, item))
        if row is None:
            row = Question(set_id=question_set.id, key=item.id)
            placed[-1] = (row, item)
            db.session.add(row)
            apply_question(row, item, position)
            outcome.added += 1
            added.add(item.id)
            continue
        if apply_question(row, item, position) or row.removed_at is not None:
            updated.add(item.id)
        row.removed_at = None
    for row in existing.values():
        if row.removed_at is None:
            row.removed_at = now
            outcome.removed += 1
    db.session.flush()
    updated |= _import_media(question_set, data, placed)
    outcome.updated = len(updated - added)
    db.session.flush()
    return outcome


def _import_media(question_set: QuestionSet, data: SetData, placed: list[tuple[Question, QuestionData]]) -> set[str]:
    """Store the set's media files and make each question show the ones it names; the keys of
    questions already in the set whose media changed. A set without media costs one query."""
    from quizapp.media import store
    from quizapp.models import QuestionMedia

    named = {ref.file for _, item in placed for ref in item.media}
    missing = sorted(named - set(data.media))
    if missing:
        raise FormatError([Problem("", f"the media file {name!r} was not given with the set") for name in missing])
    current: dict[int, list] = {}
    for row in db.session.scalars(sa.select(QuestionMedia).join(Question, Question.id == QuestionMedia.question_id)
                                  .where(Question.set_id == question_set.id).order_by(QuestionMedia.position)):
        current.setdefault(row.question_id, []).append(row)
    if not named and not current:
        return set()
    stored = store.save_all({name: data.media[name] for name in named}, filename=None)
    return {item.id for row, item in placed
            if store.sync(row, item.media, stored, current.get(row.id, []))}


def apply_question(row: Question, item: QuestionData, position: int) -> bool:
    """Copy a question's content onto its row; True when anything changed."""
    source = item.source or SourceRef()
    values = {name: getattr(item, name) for name in _PLAIN_FIELDS}
    values.update(source_doc=source.doc, source_sentence=source.sentence, source_quote=source.quote,
                  position=position)
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def export_set(question_set: QuestionSet, *, with_media: bool = False) -> SetData:
    """The set as file data, questions in their order; removed questions are left out.

    Questions name their media files either way; ``with_media`` also reads the files' bytes
    into the set's ``media`` (for the formats that carry them, and for copies).
    """
    from quizapp.media import store

    questions = list(question_set.questions)
    media_rows = store.media_of_questions([q.id for q in questions])
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    items = []
    for q in questions:
        item = question_data(q, media=[])
        item.media = store.refs_and_files(media_rows.get(q.id, []), names, with_bytes=with_media, files=files)
        items.append(item)
    return SetData(
        title=question_set.title,
        slug=question_set.slug,
        language=question_set.language,
        description=question_set.description or "",
        sources=list(question_set.sources or []),
        questions=items,
        media=files,
    )


def question_data(row: Question, *, media: Optional[list] = None) -> QuestionData:
    """The question as validated data, e.g. to fill the edit form; ``media`` its refs when already known."""
    has_source = any(v is not None for v in (row.source_doc, row.source_sentence, row.source_quote))
    return QuestionData(
        id=row.key, type=row.type, prompt=row.prompt, answer=row.answer,
        choices=list(row.choices or []), accept=list(row.accept or []),
        # The column is a float; 1000.0 is the 1000 the author wrote.
        tolerance=None if row.tolerance is None else normalize_number(row.tolerance),
        explanation=row.explanation, tags=list(row.tags or []), text_format=dict(row.text_format or {}),
        feedback=dict(row.feedback or {}), credit=dict(row.credit or {}),
        source=SourceRef(doc=row.source_doc, sentence=row.source_sentence, quote=row.source_quote) if has_source else None,
        media=media if media is not None else [MediaRef(file=m.name, on=m.field, alt=m.alt) for m in row.media],
    )


@dataclass
class ParsedFile:
    """A set file read and checked, not yet written to the database."""

    path: Path
    data: Optional[SetData]  # None when the file is the one its set was last imported from
    digest: str
    skipped: list
    dropped: list = field(default_factory=list)
    unchanged: Optional[QuestionSet] = None
    # With decks as sets, the file's sets, one per deck (empty when the file has one deck or none).
    deck_sets: list = field(default_factory=list)


def read_set_files(paths: Iterable[Path], *, format: Optional[str] = None, separator: Optional[str] = None,
                   slug: Optional[str] = None, decks: str = "tags") -> list[ParsedFile]:
    """Parse every file before anything is written; FormatError names the bad file, line and field.

    A file whose bytes are those its set was last imported from (under ``slug``, when given) is not
    parsed again: it comes back with ``unchanged`` set and no data. A chosen separator reads the
    bytes another way, so such a file is always parsed. With ``decks="sets"`` an Anki file's decks
    come back as separate sets (``deck_sets``).
    """
    from quizapp.formats.decks import sets_by_deck
    from quizapp import formats
    from quizapp.formats.yaml_format import folder_media
    from quizapp.media.store import check_limits

    parsed = []
    for path in paths:
        content = Path(path).read_bytes()
        digest = file_digest(content, slug=slug)
        current = unchanged_set(content, slug=slug) if separator is None and decks == "tags" else None
        if current is not None:
            parsed.append(ParsedFile(Path(path), None, digest, [], unchanged=current))
            continue
        result = formats.read(content, format, filename=str(path), separator=separator,
                              media=folder_media(Path(path).parent))
        check_limits(result.set.media, filename=str(path))
        per_deck = sets_by_deck(result, str(path)) if decks == "sets" else []
        parsed.append(ParsedFile(Path(path), result.set, digest, list(result.skipped), list(result.dropped),
                                 deck_sets=per_deck if len(per_deck) > 1 else []))
    return parsed


def load_questions_dir(directory: Path) -> list[ImportOutcome]:
    """Import the YAML files of ``directory`` whose content changed since they were last imported.

    These are the app's own files, so the fast trusted reader is used; every file is parsed
    before the first is written.
    """
    from quizapp.formats import yaml_format

    paths = sorted(p for p in Path(directory).glob("*") if p.suffix in (".yaml", ".yml"))
    outcomes, parsed = [], []
    for path in paths:
        content = path.read_bytes()
        current = unchanged_set(content)
        if current is not None:  # not even parsed
            outcomes.append(ImportOutcome(question_set=current, created=False, unchanged=True))
        else:
            parsed.append((yaml_format.read_trusted_file(path, content), file_digest(content)))
    for data, digest in parsed:
        outcomes.append(import_set(data, file_hash=digest))
    return outcomes


__all__ = ["ImportOutcome", "FormatError", "import_set", "export_set", "apply_question", "question_data",
           "load_questions_dir",
           "read_set_files", "ParsedFile", "visible_sets", "question_counts", "file_digest", "unchanged_set"]
