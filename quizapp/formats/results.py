"""What readers hand back besides the set: the questions they could not represent."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from quizapp import limits
from quizapp.formats.model import FormatError, Problem, SetData, set_from_dict


@dataclass(frozen=True)
class Skipped:
    """A question left out on import or export; ``line`` is None on export."""

    line: int | None
    title_or_prompt: str
    reason: str


@dataclass(frozen=True)
class PastReview:
    """One answer from another tool's review log (Anki's revlog), for the importing user's history."""

    question_id: str
    client_id: str  # stable, so importing the same log twice records each answer once
    rating: int  # 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: datetime
    duration_ms: int | None = None


@dataclass
class ReadResult:
    """The set read, the questions left out (``skipped``) and what kept questions lose (``dropped``:
    e.g. GIFT's per-answer feedback), each named so the teacher can agree before importing."""

    set: SetData
    skipped: list[Skipped] = field(default_factory=list)
    dropped: list[Skipped] = field(default_factory=list)
    history: list[PastReview] = field(default_factory=list)
    # Each question's deck (Anki), parallel to ``set.questions``; empty when the format has no decks.
    decks: list[str] = field(default_factory=list)


def default_title(filename: str | None, title: str | None = None) -> str:
    """A set title for formats without one: the given title, else the file name without extension."""
    if title and title.strip():
        return title.strip()
    if filename:
        # A file's name is no title the author chose: cut to what a title holds rather than refuse it.
        stem = PurePath(filename).stem.replace("_", " ").replace("\x00", "").strip()[:limits.TITLE_MAX].strip()
        if stem:
            return stem
    return "Imported questions"


def finish_read(questions: list[dict], lines: dict[tuple, int], problems: list[Problem], filename: str | None,
                title: str | None, *, hint: str, skipped: list[Skipped] | None = None,
                dropped: list[Skipped] | None = None, media=None) -> ReadResult:
    """The questions a reader collected, validated as one set titled by :func:`default_title`.

    Refuses with every problem found, or when no usable question is left: one problem per
    skipped item, or ``hint`` when there were none. ``lines`` maps field paths to source lines.
    ``media`` finds the bytes of the files the questions name (see :func:`set_from_dict`).
    """
    skipped = [] if skipped is None else skipped
    if problems:
        raise FormatError(problems, filename)
    if not questions:
        if not skipped:
            raise FormatError([Problem("", f"no questions found; {hint}")], filename)
        raise FormatError([Problem("", f"{item.title_or_prompt!r} was skipped ({item.reason}), so no question is "
                                       "left to import", item.line) for item in skipped], filename)
    data = set_from_dict({"title": default_title(filename, title), "questions": questions},
                         filename=filename, line_of=lines.get, media=media)
    return ReadResult(data, skipped, list(dropped or []))
