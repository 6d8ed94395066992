"""What readers hand back besides the set: the questions they could not represent."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from quizapp.formats.model import SetData


@dataclass(frozen=True)
class Skipped:
    """A question left out on import or export; ``line`` is None on export."""

    line: int | None
    title_or_prompt: str
    reason: str


@dataclass
class ReadResult:
    set: SetData
    skipped: list[Skipped] = field(default_factory=list)


def default_title(filename: str | None, title: str | None = None) -> str:
    """A set title for formats without one: the given title, else the file name without extension."""
    if title and title.strip():
        return title.strip()
    if filename:
        stem = PurePath(filename).stem.replace("_", " ").strip()
        if stem:
            return stem
    return "Imported questions"


def nothing_to_import(skipped: list[Skipped], hint: str) -> list:
    """Problems for a file with no usable question: one per skipped item, or a hint when there were none."""
    from quizapp.formats.model import Problem

    if not skipped:
        return [Problem("", f"no questions found; {hint}")]
    return [Problem("", f"{item.title_or_prompt!r} was skipped ({item.reason}), so no question is left to import",
                    item.line) for item in skipped]
