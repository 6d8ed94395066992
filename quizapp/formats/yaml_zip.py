"""A question set with its media in one ``.zip``: one YAML file plus the images and sounds it names.

Media names in the YAML are relative to the YAML file's folder inside the archive, as they are
beside a YAML file on disk. The archive is checked like an Anki package before a byte is
inflated (member count, sizes, compression ratio, names that climb out).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from quizapp.formats.anki_package import COLLECTIONS, check_members, inflate
from quizapp.formats.data import FormatError, Problem, SetData
from quizapp.formats.results import ReadResult

YAML_SUFFIXES = (".yaml", ".yml")


def _yaml_members(names: list[str]) -> list[str]:
    return [name for name in names if name.lower().endswith(YAML_SUFFIXES) and not name.startswith("__MACOSX/")]


def read(content: bytes, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """The set of the archive's one YAML file, with every media file it names checked from its bytes."""
    from quizapp.formats import yaml_format

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise FormatError([Problem("", "the file is not a zip archive")], filename) from None
    check_members(archive, filename)
    names = [info.filename for info in archive.infolist() if not info.is_dir()]
    documents = _yaml_members(names)
    if len(documents) != 1:
        found = ", ".join(documents) if documents else "none"
        raise FormatError([Problem("", f"a set's zip holds exactly one YAML file beside its media; found {found}")],
                          filename)
    document = documents[0]
    folder = posixpath.dirname(document)
    members = set(names)

    def media(name: str) -> bytes | None:
        member = posixpath.join(folder, name) if folder else name
        return inflate(archive, archive.getinfo(member)) if member in members else None

    where = f"{filename}: {document}" if filename else document
    try:
        data = yaml_format.read(inflate(archive, archive.getinfo(document)), where, media=media)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise FormatError([Problem("", f"the archive is damaged: {error}")], filename) from None
    return ReadResult(data, [])


def write(set_data: SetData) -> bytes:
    """The set's YAML (``<slug>.yaml``) and its media files under the names its questions give them."""
    from quizapp.formats import yaml_format

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{set_data.slug}.yaml", yaml_format.write(set_data))
        for name in sorted(set_data.media):
            # Images and sounds are compressed already.
            archive.writestr(name, set_data.media[name], compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def sniff(content: str | bytes) -> bool:
    """A zip archive holding a YAML file and no Anki collection."""
    if not isinstance(content, bytes) or content[:4] != b"PK\x03\x04":
        return False
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except zipfile.BadZipFile:
        return False
    return bool(_yaml_members(names)) and not any(name in COLLECTIONS for name in names)
