"""Aiken: Moodle's plain multiple-choice format.

    Which river flows through Porto?
    A. Tagus
    B) Douro
    ANSWER: B

One line per question and per choice, choices lettered in order, then the ANSWER line.
"""
from __future__ import annotations

import re
import string

from quizapp.formats.data import N_
from quizapp.formats.model import Problem, SetData
from quizapp.formats.per_answer import lost_on_write
from quizapp.formats.results import ReadResult, Skipped, finish_read

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(\S*)\s*$", re.IGNORECASE)


def read(text: str, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read Aiken text; every malformed question is reported with its line before refusing."""
    questions, lines, problems = [], {}, []
    prompt_lines: list[str] = []
    options: list[str] = []
    start = None
    for number, raw_line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw_line.strip()
        if not line:
            continue
        if start is None:
            start = number
        option = _OPTION.match(line)
        answer = _ANSWER.match(line)
        if answer:
            letter = answer.group(1).upper()
            if not prompt_lines:
                problems.append(Problem("", "ANSWER line without a question above it", number))
            elif len(options) < 2:
                problems.append(Problem("", "a question needs at least two lettered choices (A. ..., B. ...) "
                                            "before its ANSWER line", number))
            elif len(letter) != 1 or letter not in string.ascii_uppercase[:len(options)]:
                problems.append(Problem("", f"ANSWER {answer.group(1)!r} is not one of the choices "
                                            f"A-{string.ascii_uppercase[len(options) - 1]}", number))
            else:
                lines[("questions", len(questions))] = start
                questions.append({"type": "multiple_choice", "prompt": " ".join(prompt_lines),
                                  "choices": options, "answer": options[ord(letter) - ord("A")]})
            prompt_lines, options, start = [], [], None
        elif option and prompt_lines and len(options) >= len(string.ascii_uppercase):
            problems.append(Problem("", f"a question has at most {len(string.ascii_uppercase)} choices, A-Z", number))
        elif option and prompt_lines:
            expected = string.ascii_uppercase[len(options)]
            if option.group(1) != expected:
                problems.append(Problem("", f"choice {option.group(1)} is out of order; expected {expected}", number))
            options.append(option.group(2))
        elif options:
            following = string.ascii_uppercase[len(options):len(options) + 1] or "(none left)"
            problems.append(Problem("", f"expected choice {following} or an ANSWER line after the choices", number))
        else:
            prompt_lines.append(line)
    if prompt_lines or options:
        problems.append(Problem("", "the last question has no ANSWER line, e.g. 'ANSWER: A'", start))
    return finish_read(questions, lines, problems, filename, title,
                       hint="an Aiken question is a line, lettered choices and 'ANSWER: A'")


def _reason(question) -> str | None:
    if question.type != "multiple_choice":
        return N_("Aiken holds multiple-choice questions only")
    if len(question.choices) > 26:
        return N_("Aiken letters choices A to Z, and this question has more")
    if any("\n" in text for text in [question.prompt, *question.choices]):
        return N_("Aiken questions and choices are one line each")
    return None


def skipped_on_write(set_data: SetData) -> list[Skipped]:
    """The questions :func:`write` leaves out, with the reason."""
    return [Skipped(None, question.prompt, reason) for question in set_data.questions
            if (reason := _reason(question)) is not None]


def dropped_on_write(set_data: SetData) -> list[Skipped]:
    """What the questions :func:`write` keeps lose: Aiken has one right letter and no feedback."""
    why = N_("Aiken holds one right letter per question and no feedback")
    return [Skipped(None, question.prompt, lost) for question in set_data.questions
            if _reason(question) is None for lost in lost_on_write(question, why)]


def write(set_data: SetData) -> str:
    """The set's multiple-choice questions as Aiken; other questions are left out."""
    blocks = []
    for question in set_data.questions:
        if _reason(question) is not None:
            continue
        letters = string.ascii_uppercase
        lines = [question.prompt]
        lines += [f"{letters[index]}. {choice}" for index, choice in enumerate(question.choices)]
        lines.append(f"ANSWER: {letters[question.choices.index(question.answer)]}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def sniff(content: str | bytes) -> bool:
    """True when the text has a lettered choice followed later by an ANSWER line."""
    if isinstance(content, bytes):
        content = content[:8192].decode("utf-8", "ignore")
    return bool(re.search(r"^\s*A[.)]\s+\S.*$", content, re.MULTILINE)
                and re.search(r"^\s*ANSWER\s*:\s*[A-Z]\s*$", content, re.MULTILINE))
