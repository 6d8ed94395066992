"""Anki's "Notes in Plain Text" export: one note a line, fields split by a separator, and header
lines that say how to read the rest::

    #separator:tab
    #html:true
    #notetype column:1
    #tags column:4
    Basic<TAB>Capital of Portugal<TAB>Lisbon<TAB>geography

Fields are quoted CSV-style when they hold the separator, a quote or a line break. Without a
notetype column a note with ``{{c1::...}}`` is a Cloze note and any other is read by its first
two fields. Each note becomes questions through :mod:`quizapp.formats.anki_notes`.
"""
from __future__ import annotations

import csv
import io
import re

from quizapp.formats.decks import deck_tag
from quizapp.formats.anki_notes import Note, NoteReader, kind_from_name
from quizapp.formats.model import Problem
from quizapp.formats.results import ReadResult

_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.IGNORECASE)
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
KNOWN_HEADERS = ("separator", "html", "tags", "columns", "notetype", "deck", "notetype column", "deck column",
                 "tags column", "guid column", "if matches")


def _headers(lines: list[str]) -> tuple[dict[str, str], int, list[Problem]]:
    headers, problems, count = {}, [], 0
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line.rstrip("\r"))
        if not match:
            break
        key, value = match.group(1).strip().lower(), match.group(2)
        if key not in KNOWN_HEADERS:
            problems.append(Problem("", f"unknown header '#{key}:'; known headers: "
                                        + ", ".join(f"#{name}:" for name in KNOWN_HEADERS), number))
        headers[key] = value
        count = number
    return headers, count, problems


def _column(headers: dict, key: str, line: int, problems: list[Problem]) -> int | None:
    value = headers.get(f"{key} column")
    if value is None:
        return None
    text = value.strip()
    # ASCII digits, and few: "1²" passes str.isdigit() but not int(), and 300,000 digits are no column.
    if not (text.isascii() and text.isdigit() and len(text) <= 6) or int(text) < 1:
        problems.append(Problem("", f"'#{key} column:' needs a column number from 1, not {value!r}", line))
        return None
    return int(text) - 1


def read(text: str, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read an Anki notes export; every malformed line is named before refusing."""
    lines = text.lstrip("\ufeff").splitlines()
    headers, header_lines, problems = _headers(lines)
    separator = headers.get("separator", "tab").strip()
    separator = SEPARATORS.get(separator.lower(), separator)
    if len(separator) != 1:
        problems.append(Problem("", f"the separator {headers['separator']!r} is not one character or one of: "
                                    + ", ".join(SEPARATORS), 1))
        separator = "\t"
    is_html = headers.get("html", "false").strip().lower() == "true"
    special = {key: _column(headers, key, header_lines, problems) for key in ("notetype", "deck", "tags", "guid")}
    default_kind = kind_from_name(headers.get("notetype", ""))
    notes = NoteReader()
    body = "\n".join(lines[header_lines:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=separator, quotechar='"')
    try:
        last = 0
        for row in reader:
            line, last = header_lines + last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            notes.add(_note(row, line, special, default_kind, is_html, headers))
    except csv.Error as error:
        problems.append(Problem("", f"a quoted field is not closed: {error}", header_lines + reader.line_num))
    return notes.finish(problems, filename, title,
                        hint="an Anki notes export has one note a line, its fields split by the #separator")


def _note(row: list[str], line: int, special: dict, default_kind: dict, is_html: bool, headers: dict) -> Note:
    def cell(key):
        index = special[key]
        return row[index] if index is not None and index < len(row) else None

    taken = {index for index in special.values() if index is not None}
    fields = [value for index, value in enumerate(row) if index not in taken]
    kind = kind_from_name(cell("notetype")) if cell("notetype") else default_kind
    tags = (cell("tags") or headers.get("tags", "")).split()
    deck = cell("deck") or headers.get("deck", "").strip()
    if deck:
        tags.append(deck_tag(deck))
    return Note(fields=fields, where=line, guid=cell("guid"), tags=tags, html=is_html, deck=deck, **kind)


def sniff(content: str | bytes) -> bool:
    """True when the file opens with Anki's '#separator:' or '#html:' header lines."""
    if isinstance(content, bytes):
        content = content[:4096].decode("utf-8", "ignore")
    first = content.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    return first.startswith(("#separator:", "#html:", "#notetype:", "#deck:", "#tags:", "#columns:"))
