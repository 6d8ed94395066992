"""Opening an Anki package (.apkg, .colpkg) safely, without extracting anything to disk.

Every member is checked against limits before a byte of it is inflated: how many members, each
one's declared size, their total and their compression ratio (a zip bomb inflates 1000:1), and
names that climb out of a folder are refused. zstd-compressed members (the current layout) are
inflated through a bounded stream, so a lying frame header cannot exceed the limits either.

Layouts, newest first: ``collection.anki21b`` (zstd SQLite, ``media`` a zstd protobuf list and
each media member zstd-compressed), ``collection.anki21`` and ``collection.anki2`` (plain SQLite,
``media`` a JSON map from member name to file name).
"""
from __future__ import annotations

import io
import json
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath


from quizapp.formats.model import FormatError, Problem

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
MAX_RATIO = 200  # SQLite pages of repeated text reach ~20:1; a bomb is past 1000:1
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


@dataclass
class Package:
    """An opened package: its collection as a read-only SQLite connection, and its media by name."""

    collection: sqlite3.Connection
    layout: str
    archive: zipfile.ZipFile
    media_members: dict[str, str] = field(default_factory=dict)  # file name -> member name

    def media(self, name: str) -> bytes | None:
        member = self.media_members.get(name)
        if member is None:
            return None
        data = inflate(self.archive, self.archive.getinfo(member))
        return _unzstd(data, name) if data.startswith(_ZSTD_MAGIC) else data


def _refuse(message: str, filename: str | None):
    return FormatError([Problem("", message)], filename)


def check_members(archive: zipfile.ZipFile, filename: str | None) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(f"the package has {len(members)} files, more than the limit of {MAX_MEMBERS}", filename)
    total = 0
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise _refuse(f"the package holds a file named {info.filename!r}, outside the package; refused", filename)
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(f"{info.filename!r} inflates to {info.file_size} bytes, more than the limit of "
                          f"{MAX_MEMBER_BYTES}", filename)
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(f"{info.filename!r} inflates {info.file_size // max(info.compress_size, 1)} times its "
                          "packed size; a zip bomb is refused", filename)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(f"the package inflates to {total} bytes, more than the limit of {MAX_TOTAL_BYTES}", filename)


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # Read no more than the checked declared size, whatever the compressed stream claims.
    with archive.open(info) as member:
        data = member.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise FormatError([Problem("", f"{info.filename!r} is larger than its zip entry says; refused")])
    return data


def _unzstd(data: bytes, name: str) -> bytes:
    import zstandard  # only newer Anki packages need it: not imported by every worker

    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
    try:
        out = reader.read(MAX_MEMBER_BYTES + 1)
    except zstandard.ZstdError as error:
        raise FormatError([Problem("", f"{name!r} is not valid zstd data: {error}")]) from None
    if len(out) > MAX_MEMBER_BYTES:
        raise FormatError([Problem("", f"{name!r} inflates past the limit of {MAX_MEMBER_BYTES} bytes; refused")])
    return out


def _sqlite(data: bytes, filename: str | None) -> sqlite3.Connection:
    if not data.startswith(b"SQLite format 3\x00"):
        raise _refuse("the package's collection is not an SQLite database", filename)
    data = bytearray(data)
    data[18:20] = b"\x01\x01"  # a WAL-mode file cannot be opened from memory; the pages are the same
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(bytes(data))
        # The file is untrusted: views and triggers may not call functions, nothing may be written.
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA query_only = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise _refuse(f"the package's collection cannot be read: {error}", filename) from None
    return connection


def open_package(content: bytes, filename: str | None = None) -> Package:
    """Open an .apkg/.colpkg's bytes; raise FormatError before inflating anything unsafe."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise _refuse("the file is not a zip archive, so not an Anki package", filename) from None
    check_members(archive, filename)
    names = set(archive.namelist())
    layout = next((name for name in COLLECTIONS if name in names), None)
    if layout is None:
        raise _refuse("the zip holds no Anki collection (collection.anki21b, .anki21 or .anki2)", filename)
    try:
        data = inflate(archive, archive.getinfo(layout))
        if layout.endswith("b"):
            data = _unzstd(data, layout)
        collection = _sqlite(data, filename)
        media = _media_map(archive, layout, names)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _refuse(f"the package is damaged: {error}", filename) from None
    except FormatError as error:
        raise FormatError(error.problems, filename) from None
    return Package(collection, layout, archive, media)


def _media_map(archive: zipfile.ZipFile, layout: str, names: set[str]) -> dict[str, str]:
    if "media" not in names:
        return {}
    raw = inflate(archive, archive.getinfo("media"))
    if layout.endswith("b") or raw.startswith(_ZSTD_MAGIC):
        entries = _protobuf_media(_unzstd(raw, "media"))
        mapping = {name: str(index) for index, name in enumerate(entries)}
    else:
        try:
            loaded = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise FormatError([Problem("", "the package's media list is not valid JSON")]) from None
        if not isinstance(loaded, dict):
            raise FormatError([Problem("", "the package's media list is not a mapping")])
        mapping = {str(name): str(member) for member, name in loaded.items()}
    return {name: member for name, member in mapping.items() if member in names}


def protobuf_fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """The (field number, value) pairs of one protobuf message: varints as ints, the rest as bytes.

    Enough to read the few fields we need from Anki's protobuf columns without its .proto files.
    """
    out, position = [], 0

    def varint():
        nonlocal position
        value = shift = 0
        while True:
            if position >= len(data) or shift > 63:
                raise ValueError("truncated varint")
            byte = data[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while position < len(data):
        key = varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            out.append((number, varint()))
        elif wire == 2:
            length = varint()
            if position + length > len(data):
                raise ValueError("truncated field")
            out.append((number, data[position:position + length]))
            position += length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            out.append((number, data[position:position + size]))
            position += size
        else:
            raise ValueError(f"unsupported wire type {wire}")
    return out


def _protobuf_media(data: bytes) -> list[str]:
    """The file names of Anki's MediaEntries message (field 1: entries; each entry's field 1: name)."""
    try:
        names = []
        for number, entry in protobuf_fields(data):
            if number == 1 and isinstance(entry, bytes):
                name = next((value for field_number, value in protobuf_fields(entry) if field_number == 1), b"")
                names.append(bytes(name).decode("utf-8"))
        return names
    except (ValueError, UnicodeDecodeError) as error:
        raise FormatError([Problem("", f"the package's media list cannot be read: {error}")]) from None
