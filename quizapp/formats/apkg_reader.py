"""Anki package reader: .apkg and .colpkg in the current and legacy layouts.

Note types are read from the collection (the ``notetypes``/``fields``/``templates`` tables of
schema 18, or the ``col.models`` JSON of schema 11), and each note's cards say which questions it
makes: a Cloze note one per cloze number, a note type whose template types the answer a short
answer, and any other one flashcard per card, asking the field its template shows first (Basic
and reversed gives both directions). The images and sounds the fields use come along as the
questions' media. Decks become tags (``Geography::Rivers``), or sets (:mod:`quizapp.formats.decks`); the review log
comes along as :class:`~quizapp.formats.results.PastReview` rows for the importer to replay.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

from quizapp import limits
from quizapp.formats.anki_media import PackageMedia
from quizapp.formats.anki_notes import Note, NoteReader, card_suffix
from quizapp.formats.decks import DEFAULT_DECK, deck_tag
from quizapp.formats.anki_package import COLLECTIONS, open_package, protobuf_fields
from quizapp.formats.model import FormatError, Problem
from quizapp.formats.results import PastReview, ReadResult

# Anki's revlog types: 0 learning, 1 review, 2 relearning, 3 filtered; 4 (manual reschedule) is not an answer.
_ANSWER_TYPES = (0, 1, 2, 3)
_LAST_REVIEW_MS = int(datetime(3000, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)


@dataclass
class NoteType:
    name: str
    cloze: bool
    fields: list[str]
    questions: list[str]  # each template's question side, by ordinal

    @property
    def typed(self) -> bool:
        return any("{{type:" in template for template in self.questions)

    def direction(self, ordinal: int) -> str:
        """Which of the first two fields a card asks: "reverse" when its template shows the second first."""
        if ordinal >= len(self.questions) or len(self.fields) < 2:
            return "forward"
        shown = [name.strip() for name in field_references(self.questions[ordinal])]
        shown = [name for name in shown if name in self.fields[:2]]
        return "reverse" if shown and shown[0] == self.fields[1] else "forward"


def field_references(template: str) -> list[str]:
    r"""The fields a card template shows, in order: ``{{Front}}``, ``{{cloze:Text}}`` -> ``Text``.

    Sections (``{{#F}}``, ``{{/F}}``, ``{{^F}}``) and comments (``{{!...}}``) are left out. One pass
    (the expression ``\{\{(?:[^}:]*:)*([^}]+)\}\}`` it replaces took cubic time on ``{{a:a:a:...``).
    """
    names, position = [], 0
    while True:
        start = template.find("{{", position)
        if start < 0:
            return names
        end = template.find("}}", start + 2)
        if end < 0:
            return names
        inside = template[start + 2:end]
        if "}" in inside or "{" in inside:  # a brace in between: the reference starts at a later "{{"
            position = start + 1
            continue
        if inside and inside[0] not in "#/^!":
            names.append(inside.rsplit(":", 1)[-1] or inside)
        position = end + 2


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _text_field(message: bytes, number: int) -> str:
    return next((bytes(value).decode("utf-8", "replace") for field, value in protobuf_fields(message)
                 if field == number and isinstance(value, bytes)), "")


def _note_types(db: sqlite3.Connection) -> dict[int, NoteType]:
    if _has_table(db, "notetypes"):
        types = {}
        for ntid, name, config in db.execute("SELECT id, name, config FROM notetypes"):
            kind = next((value for field, value in protobuf_fields(config or b"") if field == 1), 0)
            types[ntid] = NoteType(name, kind == 1, [], [])
        for ntid, _, name in db.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            if ntid in types:
                types[ntid].fields.append(name)
        for ntid, _, config in db.execute("SELECT ntid, ord, config FROM templates ORDER BY ntid, ord"):
            if ntid in types:
                types[ntid].questions.append(_text_field(config or b"", 1))
        return types
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0] or "{}")
    return {int(ntid): NoteType(model.get("name", ""), model.get("type") == 1,
                                [field["name"] for field in model.get("flds", [])],
                                [template.get("qfmt", "") for template in model.get("tmpls", [])])
            for ntid, model in models.items()}


def _decks(db: sqlite3.Connection) -> dict[int, str]:
    if _has_table(db, "decks"):
        return {deck_id: name.replace("\x1f", "::") for deck_id, name in db.execute("SELECT id, name FROM decks")}
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0] or "{}")
    return {int(deck_id): deck.get("name", "") for deck_id, deck in decks.items()}


def read(content: bytes, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read an Anki package; refuse unsafe or damaged archives before inflating them."""
    package = open_package(content, filename)
    db = package.collection
    try:
        types, decks = _note_types(db), _decks(db)
        cards = defaultdict(list)
        deck_of: dict[int, int] = {}
        card_rows = {}
        for card_id, note_id, ordinal, deck_id in db.execute("SELECT id, nid, ord, did FROM cards ORDER BY id"):
            cards[note_id].append(ordinal)
            deck_of.setdefault(note_id, deck_id)
            card_rows[card_id] = (note_id, ordinal)
        notes = db.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
        revlog = (db.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id").fetchall()
                  if _has_table(db, "revlog") else [])
    # A collection is data from elsewhere: JSON nested past the stack, or a list where a mapping belongs,
    # is a damaged file like any other.
    except (sqlite3.DatabaseError, ValueError, TypeError, RecursionError, AttributeError, KeyError, IndexError) as error:
        raise FormatError([Problem("", f"the package's collection is not one Anki wrote: {error}")], filename) from None
    finally:
        db.close()

    notes_read, problems = NoteReader(media=PackageMedia(package.media)), []
    ids_of_card: dict[tuple[int, int], str] = {}
    for number, (note_id, guid, type_id, tags, fields) in enumerate(notes, start=1):
        note_type = types.get(type_id)
        if note_type is None:
            problems.append(Problem("", f"note {number} uses a note type the package does not define"))
            continue
        deck = decks.get(deck_of.get(note_id), "")
        note_tags = tags.split() + ([deck_tag(deck)] if deck and deck != DEFAULT_DECK else [])
        directions = tuple(dict.fromkeys(note_type.direction(ordinal) for ordinal in sorted(cards[note_id])))
        note = Note(fields=fields.split("\x1f"), where=number, guid=guid, tags=note_tags, cloze=note_type.cloze,
                    typed=note_type.typed, cards=directions or ("forward",), field_names=tuple(note_type.fields),
                    deck=deck)
        notes_read.add(note)
        for ordinal in cards[note_id]:
            ids_of_card[(note_id, ordinal)] = note.question_id(card_suffix(note, ordinal, note_type.direction(ordinal)))
    read_result = notes_read.finish(problems, filename, title or _title(decks, deck_of),
                                    hint="the package holds no notes")
    known = {question.id for question in read_result.set.questions}
    read_result.history = [
        PastReview(question_id=qid, client_id=f"anki-{review_id}-{card_id}", rating=ease,
                   duration_ms=min(max(0, duration), limits.DURATION_MS_MAX),
                   reviewed_at=datetime.fromtimestamp(review_id / 1000, tz=timezone.utc))
        for review_id, card_id, ease, duration, kind in revlog
        # A review's id is its time in milliseconds: one outside 1970-2999 is no answer anybody gave.
        if isinstance(review_id, int) and 0 < review_id < _LAST_REVIEW_MS and isinstance(duration, int)
        and kind in _ANSWER_TYPES and ease in (1, 2, 3, 4) and card_id in card_rows
        and (qid := ids_of_card.get(card_rows[card_id])) in known
    ]
    return read_result


def _title(decks: dict[int, str], deck_of: dict[int, int]) -> str | None:
    """The package's deck, when its notes sit in one deck tree."""
    used = {decks.get(deck_id, "").split("::")[0] for deck_id in deck_of.values()} - {"", "Default"}
    return used.pop() if len(used) == 1 else None


_FIRST_MEMBERS = (b"meta", b"media", *(name.encode() for name in COLLECTIONS))


def sniff(content: str | bytes) -> bool:
    """An Anki package is a zip archive whose first member is its collection, media list or metadata."""
    if not isinstance(content, bytes) or content[:4] != b"PK\x03\x04":
        return False
    length = int.from_bytes(content[26:28], "little")
    return content[30:30 + length] in _FIRST_MEMBERS
