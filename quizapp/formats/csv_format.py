"""CSV with a header row naming the columns; the delimiter (comma, semicolon, tab) is detected.

Lists (choices, accept, tags) are joined with ``|``; a literal pipe is written ``\\|``.
Per-answer feedback and partial credit are the same kind of list, each item an answer, ``: `` and
its value: ``Venus: Too hot|Mars: Right`` and ``Marlowe: 50`` (an answer holding ``: `` writes it
``\\: ``).
Numbers use a decimal point, except in semicolon files: spreadsheets in decimal-comma
locales write semicolons because the comma is taken, so there ``1,5`` and ``10.000`` are
read the way those locales mean them.
"""
from __future__ import annotations

import csv
import io
import re

from quizapp.formats.model import Problem, SetData
from quizapp.formats.numbers import normalize_number, number_text, parse_number
from quizapp.formats.results import ReadResult, finish_read

COLUMNS = ("type", "prompt", "answer", "choices", "accept", "tolerance", "explanation", "tags", "id",
           "source_doc", "source_sentence", "source_quote", "feedback", "credit")
LIST_COLUMNS = ("choices", "accept", "tags")
PER_ANSWER_COLUMNS = ("feedback", "credit")
_PIPE = re.compile(r"(?<!\\)\|")
_ANSWER_END = re.compile(r"(?<!\\): ")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
# OWASP's rule against CSV injection: a spreadsheet reads a cell starting with one of these as a
# formula (=HYPERLINK(...) sends the reader's data away), so such cells are written after a "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


# Every column name together is far shorter; the sniffer's regular expressions take time growing
# with the square of what they read (a 43 KB header line took 12 s), so they read no more.
_SNIFF_CHARS = 1000


def _delimiter(header: str) -> str:
    try:
        return csv.Sniffer().sniff(header[:_SNIFF_CHARS], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read(text: str, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read CSV rows into a set titled ``title`` (default: the file name); refuse with row lines."""
    text = text.lstrip("\ufeff")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    header = None
    questions, lines = [], {}
    last_line = 0
    try:
        for row in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                problems += _check_header(header, line)
                if problems:
                    break
                continue
            raw, row_problems = _row(dict(zip(header, row)), line, delimiter == ";", len(questions))
            problems += row_problems
            if len(row) > len(header):
                problems.append(Problem("", f"the row has {len(row)} cells but the header names {len(header)}", line))
            lines[("questions", len(questions))] = line
            questions.append(raw)
    except csv.Error as error:
        problems.append(Problem("", f"CSV syntax: {error}", reader.line_num))
    return finish_read(questions, lines, problems, filename, title,
                       hint="write a header row, e.g. 'type,prompt,answer', then one row a question")


def _check_header(header: list[str], line: int) -> list[Problem]:
    problems = [Problem("", f"unknown column {name!r}; known columns: {', '.join(COLUMNS)}", line)
                for name in header if name and name not in COLUMNS]
    problems += [Problem("", f"the header row needs a {name!r} column", line)
                 for name in ("type", "prompt") if name not in header]
    if len(set(header)) != len(header):
        problems.append(Problem("", "a column is named twice in the header row", line))
    return problems


def _row(cells: dict, line: int, decimal_comma: bool, index: int) -> tuple[dict, list[Problem]]:
    cells = {key: unescape_cell(value.strip()) for key, value in cells.items() if key and value is not None}
    problems = []
    raw: dict = {}
    for key in ("id", "type", "prompt", "answer", "explanation"):
        if cells.get(key):
            raw[key] = cells[key]
    for key in LIST_COLUMNS:
        items = [item.strip().replace("\\|", "|") for item in _PIPE.split(cells.get(key, ""))]
        if any(items):
            raw[key] = [item for item in items if item]
    for key in PER_ANSWER_COLUMNS:
        if cells.get(key):
            raw[key], cell_problems = _per_answer(cells[key], key, decimal_comma)
            problems += [Problem(f"questions[{index}].{key}", message, line) for message in cell_problems]
    source = {name: cells[f"source_{name}"] for name in ("doc", "sentence", "quote") if cells.get(f"source_{name}")}
    if "sentence" in source:
        # isdigit() is true of "²" and other digits int() refuses; the validator names what is left a string.
        text = source["sentence"]
        source["sentence"] = int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else text
    if source:
        raw["source"] = source
    if raw.get("type") == "true_false" and "answer" in raw:
        word = raw["answer"].lower()
        raw["answer"] = True if word in _TRUE else False if word in _FALSE else raw["answer"]
    number_fields = ("answer", "tolerance") if raw.get("type") == "numeric" else ("tolerance",)
    for key in number_fields:
        if not cells.get(key):
            continue
        try:
            raw[key] = _number(cells[key], decimal_comma)
        except ValueError as error:
            problems.append(Problem(f"questions[{index}].{key}", str(error), line))
            raw[key] = 0  # reported above; keeps the validator from repeating it
    return raw, problems


def _per_answer(cell: str, column: str, decimal_comma: bool) -> tuple[dict, list[str]]:
    """``Venus: Too hot|Mars: Right`` as {answer: value}; credit values are numbers (read as the file's
    locale writes them). What is not a number is left as text for the shared rules to name."""
    mapping, problems = {}, []
    for item in _PIPE.split(cell):
        if not item.strip():
            continue
        parts = _ANSWER_END.split(item, maxsplit=1)
        if len(parts) < 2:
            example = "Venus: Too hot" if column == "feedback" else "Venus: 50"
            problems.append(f"each item of the {column!r} column is an answer, ': ' and its {column}, e.g. "
                            f"{example!r} (items are split by '|'), not {item.strip()[:60]!r}")
            continue
        answer = parts[0].strip().replace("\\: ", ": ").replace("\\|", "|")
        value = parts[1].strip().replace("\\|", "|")
        if column == "credit":
            try:
                value = _number(value, decimal_comma)
            except ValueError:
                pass  # the shared rules say what credit is
        mapping[answer] = value
    return mapping, problems


def _join_per_answer(mapping: dict) -> str:
    """The inverse of :func:`_per_answer`, for a question's feedback or credit."""
    items = []
    for text, value in mapping.items():
        shown = value if isinstance(value, str) else number_text(value)
        answer = text.replace("|", "\\|").replace(": ", "\\: ")
        items.append(answer + ": " + shown.replace("|", "\\|"))
    return "|".join(items)


def _number(text: str, decimal_comma: bool) -> int | float:
    if _PLAIN_NUMBER.match(text) and not decimal_comma:
        return normalize_number(float(text))
    return parse_number(text, "pt" if decimal_comma else None)


def safe_cell(value):
    """A cell a spreadsheet shows as written: text starting with =, +, -, @, tab or CR gets a leading
    ``'`` (so does text of quotes before one of those, so :func:`unescape_cell` is its exact inverse).
    Numbers, and text that is a plain number such as ``-5``, are left as they are."""
    if not isinstance(value, str) or value.lstrip("'")[:1] not in FORMULA_STARTS or _PLAIN_NUMBER.match(value):
        return value
    return "'" + value


def unescape_cell(text: str) -> str:
    """The cell :func:`safe_cell` escaped, as it was."""
    if text.startswith("'") and text.lstrip("'")[:1] in FORMULA_STARTS:
        return text[1:]
    return text


def _join(items: list[str]) -> str:
    return "|".join(item.replace("|", "\\|") for item in items)


def _number_text(value) -> str:
    return "" if value is None else number_text(value)


def write(set_data: SetData) -> str:
    """The set as comma-separated CSV with every column; every question type, with its feedback and credit, fits."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for question in set_data.questions:
        source = question.source
        answer = question.answer
        answer = ("true" if answer else "false") if isinstance(answer, bool) else _number_text(answer)
        writer.writerow(safe_cell(cell) for cell in [
            question.type, question.prompt, answer, _join(question.choices), _join(question.accept),
            _number_text(question.tolerance), question.explanation or "", _join(question.tags), question.id,
            (source and source.doc) or "", _number_text(source and source.sentence), (source and source.quote) or "",
            _join_per_answer(question.feedback), _join_per_answer(question.credit),
        ])
    return out.getvalue()


def sniff(content: str | bytes) -> bool:
    """True when the first line is a header naming at least the type and prompt columns."""
    if isinstance(content, bytes):
        content = content[:4096].decode("utf-8", "ignore")
    first = next((line for line in content.lstrip("\ufeff").splitlines() if line.strip()), "")
    names = {cell.strip().strip('"').lower() for cell in re.split(r"[,;\t]", first)}
    return {"type", "prompt"} <= names
