"""Readers and writers of question sets, registered by format name.

Every reader returns a :class:`ReadResult` (the set, plus the questions it could not represent)
or raises :class:`FormatError` with every problem found: an import is all or nothing. Every
writer returns the file content; :func:`skipped_on_write` says beforehand which questions a
format cannot hold, and :func:`dropped_on_write` what the questions it writes lose (per-answer
feedback in Aiken...), so a caller can warn before exporting.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from quizapp.formats.model import (
    QUESTION_TYPES, FormatError, Problem, QuestionData, SetData, SourceRef, question_from_dict,
    set_from_dict, slugify,
)
from quizapp.formats.results import ReadResult, Skipped, default_title

__all__ = [
    "FORMATS", "QUESTION_TYPES", "Format", "FormatError", "Problem", "QuestionData", "ReadResult",
    "SetData", "Skipped", "SourceRef", "default_title", "detect_format", "question_from_dict", "read",
    "register", "set_from_dict", "dropped_on_write", "skipped_on_write", "slugify", "write",
]


@dataclass(frozen=True)
class Format:
    """One file format. ``read`` or ``write`` is None when the format only goes one way."""

    name: str
    label: str  # the tool's own name for it, as a teacher knows it
    extensions: tuple[str, ...]
    read: Callable[..., ReadResult] | None
    write: Callable[[SetData], str | bytes] | None
    sniff: Callable[[str | bytes], bool]
    skipped_on_write: Callable[[SetData], list[Skipped]] = field(default=lambda set_data: [])
    # What the questions written lose, one entry per question and detail (a format that keeps all: none).
    dropped_on_write: Callable[[SetData], list[Skipped]] = field(default=lambda set_data: [])
    binary: bool = False
    # The reader takes ``separator`` (the text between fields, chosen when the file was exported).
    takes_separator: bool = False
    # The reader takes ``media``, a source of the files its questions name (those beside a YAML file).
    takes_media: bool = False
    # The writer keeps the set's media files (the set is exported with their bytes).
    writes_media: bool = False


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def detect_format(content: str | bytes, filename: str | None = None) -> str:
    """The format's name, from the file's own signature; the extension only breaks ties.

    Each format's ``sniff`` looks for what only that format writes (a zip member, an XML root,
    a header row, GIFT's answer markers), tried in registration order, most specific first.
    When no signature matches, a known extension is taken at its word so the reader can name
    the file's problems; otherwise the file is refused with the list of formats.
    """
    suffix = PurePath(filename).suffix.lower() if filename else ""
    matches = [fmt for fmt in FORMATS.values() if fmt.sniff(content)]
    for fmt in matches:
        if suffix in fmt.extensions:
            return fmt.name
    if matches:
        return matches[0].name
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt.name
    known = ", ".join(name for name, fmt in FORMATS.items() if fmt.read is not None)
    raise FormatError([Problem("", f"could not tell the format of the file; use one of: {known}")], filename)


def _get(name: str, filename: str | None) -> Format:
    if name not in FORMATS:
        raise FormatError([Problem("", f"unknown format {name!r}; use one of: {', '.join(FORMATS)}")], filename)
    return FORMATS[name]


def read(content: str | bytes, format: str | None = None, filename: str | None = None, *,
         title: str | None = None, max_bytes: int | None = None, separator: str | None = None,
         media=None) -> ReadResult:
    """Read a question set in ``format`` (detected when not given); raise FormatError on any problem.

    ``title`` names the set for formats that carry no title (GIFT, Aiken, CSV...); by default the
    file name is used. ``separator`` is for formats whose exporter chose it (Quizlet). ``media``
    finds the files a YAML file's questions name (see :func:`quizapp.formats.yaml_format.folder_media`).
    """
    from quizapp.formats.yaml_format import check_size, decode

    fmt = _get(format or detect_format(content, filename), filename)
    if fmt.read is None:
        raise FormatError([Problem("", f"{fmt.name} files can be exported but not imported")], filename)
    check_size(content, filename, max_bytes)
    if not fmt.binary:
        content = decode(content, filename)
    options = {"separator": separator} if separator and fmt.takes_separator else {}
    if media is not None and fmt.takes_media:
        options["media"] = media
    return fmt.read(content, filename=filename, title=title, **options)


def write(set_data: SetData, format: str) -> str | bytes:
    """The set in ``format``; questions the format cannot hold are left out (see :func:`skipped_on_write`)."""
    fmt = _get(format, None)
    if fmt.write is None:
        raise FormatError([Problem("", f"{fmt.name} files can be imported but not exported")])
    return fmt.write(set_data)


def skipped_on_write(set_data: SetData, format: str) -> list[Skipped]:
    """The questions :func:`write` would leave out in ``format``, each with the reason."""
    return _get(format, None).skipped_on_write(set_data)


def dropped_on_write(set_data: SetData, format: str) -> list[Skipped]:
    """What the questions :func:`write` keeps in ``format`` lose on the way (each question and detail named)."""
    return _get(format, None).dropped_on_write(set_data)


def _register_builtin() -> None:
    from quizapp.formats import (aiken, anki_text, apkg, apkg_reader, csv_format, gift, moodle_xml, quizlet,
                                 yaml_format, yaml_zip)

    # Registration order is the order content sniffing tries: the most specific signatures first.
    register(Format(name="apkg", label="Anki package", extensions=(".apkg", ".colpkg"), read=apkg_reader.read,
                    write=apkg.write, sniff=apkg_reader.sniff, binary=True, writes_media=True))
    register(Format(name="zip", label="YAML with media (.zip)", extensions=(".zip",), read=yaml_zip.read,
                    write=yaml_zip.write, sniff=yaml_zip.sniff, binary=True, writes_media=True))
    register(Format(name="moodle", label="Moodle XML", extensions=(".xml",), read=moodle_xml.read, write=moodle_xml.write,
                    sniff=moodle_xml.sniff, writes_media=True))
    register(Format(
        name="yaml", label="YAML", extensions=(".yaml", ".yml"),
        read=lambda text, filename=None, title=None, media=None: ReadResult(yaml_format.read(text, filename, media=media), []),
        write=yaml_format.write, sniff=yaml_format.sniff, takes_media=True,
    ))
    register(Format(name="anki-text", label="Anki notes (text)", extensions=(), read=anki_text.read, write=None, sniff=anki_text.sniff))
    register(Format(name="csv", label="CSV", extensions=(".csv", ".tsv"), read=csv_format.read, write=csv_format.write,
                    sniff=csv_format.sniff))
    register(Format(name="aiken", label="Aiken", extensions=(".aiken",), read=aiken.read, write=aiken.write,
                    sniff=aiken.sniff, skipped_on_write=aiken.skipped_on_write,
                    dropped_on_write=aiken.dropped_on_write))
    register(Format(name="gift", label="Moodle GIFT", extensions=(".gift",), read=gift.read, write=gift.write, sniff=gift.sniff))
    register(Format(name="quizlet", label="Quizlet", extensions=(), read=quizlet.read, write=quizlet.write, sniff=quizlet.sniff,
                    skipped_on_write=quizlet.skipped_on_write, dropped_on_write=quizlet.dropped_on_write,
                    takes_separator=True))


_register_builtin()
