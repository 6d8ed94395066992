"""Quizlet's export: one card a line, ``term<separator>definition``, no header.

Quizlet lets the exporter choose the separator between term and definition (tab, comma or any
text). A tab is recognised on its own; for a comma or a custom separator, pass ``separator``
(the import page has a field for it), or the reader takes a comma when every line has one.
Each line is a flashcard asking the term; the first separator on a line splits it.
"""
from __future__ import annotations

from quizapp.formats.data import N_
from quizapp.formats.model import Problem, SetData
from quizapp.formats.per_answer import lost_on_write
from quizapp.formats.results import ReadResult, Skipped, finish_read


def _guess_separator(lines: list[str]) -> str:
    for candidate in ("\t", ","):
        if lines and all(candidate in line for line in lines):
            return candidate
    return "\t"


def read(text: str, filename: str | None = None, *, title: str | None = None,
         separator: str | None = None) -> ReadResult:
    """Read term/definition lines into flashcards; a line without the separator is named."""
    numbered = [(number, line.rstrip("\r")) for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1)
                if line.strip()]
    separator = separator or _guess_separator([line for _, line in numbered])
    shown = "a tab" if separator == "\t" else repr(separator)
    questions, lines, problems = [], {}, []
    for number, line in numbered:
        term, found, definition = line.partition(separator)
        if not found:
            problems.append(Problem("", f"no {shown} between the term and its definition", number))
            continue
        if not term.strip() or not definition.strip():
            problems.append(Problem("", "the term or the definition is empty", number))
            continue
        lines[("questions", len(questions))] = number
        questions.append({"type": "flashcard", "prompt": term.strip(), "answer": definition.strip()})
    return finish_read(questions, lines, problems, filename, title,
                       hint="a Quizlet export has one 'term<tab>definition' a line")


def _reason(question) -> str | None:
    if question.type not in ("flashcard", "short_answer"):
        return N_("Quizlet cards are a term and a definition; this question needs more")
    if any(char in text for text in (question.prompt, str(question.answer)) for char in "\t\n"):
        return N_("a Quizlet card is one line without tabs")
    return None


def skipped_on_write(set_data: SetData) -> list[Skipped]:
    return [Skipped(None, question.prompt, reason) for question in set_data.questions
            if (reason := _reason(question)) is not None]


def dropped_on_write(set_data: SetData) -> list[Skipped]:
    """What the cards :func:`write` keeps lose: a Quizlet card is a term and one definition."""
    why = N_("a Quizlet card holds a term and one definition")
    return [Skipped(None, question.prompt, lost) for question in set_data.questions
            if _reason(question) is None for lost in lost_on_write(question, why)]


def write(set_data: SetData) -> str:
    """Flashcards and short answers as ``term<TAB>definition`` lines, for Quizlet's import."""
    return "".join(f"{question.prompt}\t{question.answer}\n" for question in set_data.questions
                   if _reason(question) is None)


def sniff(content: str | bytes) -> bool:
    """True when every line is two non-empty parts split by one tab (Quizlet's default export)."""
    if isinstance(content, bytes):
        content = content[:8192].decode("utf-8", "ignore")
    lines = [line for line in content.lstrip("\ufeff").splitlines() if line.strip()]
    return bool(lines) and all(line.count("\t") == 1 and all(part.strip() for part in line.split("\t"))
                               for line in lines)
