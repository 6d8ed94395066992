"""Images and sounds embedded in a Moodle XML export, kept as the question's media.

Moodle writes a text's files inside it: ``<file name="heart.png" path="/" encoding="base64">``
beside the ``<text>`` whose HTML shows them as ``<img src="@@PLUGINFILE@@/heart.png">`` (the
name percent-encoded), plays them (``<audio>``, ``<source>``) or links to them (``<a href>``). Each file is decoded and checked from its bytes like any other media; one
that is missing, damaged or of a type we do not show is named so the teacher can agree, and the
question is kept without it. Files of different questions may share a name, so a name already
taken by other bytes gets the bytes' hash.
"""
from __future__ import annotations

import binascii
import hashlib
import posixpath
from urllib.parse import unquote

from quizapp.formats.media import MediaRefused, identify, safe_name
from quizapp.formats.markup import linked_files, media_in

PLUGINFILE = "@@PLUGINFILE@@/"
# The longest name kept as it is (the media row holds 255 characters; room for a hash).
NAME_MAX = 200


class MoodleFiles:
    """The files of one export's questions, by the name each is kept under (``files``)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def refs(self, element, on: str) -> tuple[list[dict], list[str]]:
        """The media entries of the files ``element``'s text shows, on ``on``, and what is lost, each
        as "the media file 'x' (why)"."""
        if element is None:
            return [], []
        embedded = {posixpath.join((file.get("path") or "/").strip("/"), file.get("name") or ""): file
                    for file in element.findall("file")}
        refs, lost = [], []
        markup = element.findtext("text") or ""
        shown = [(name, alt) for name, _, alt in media_in(markup)]
        # Sounds are played by <audio>/<source>, or linked (<a href>): a link to anything but the file's own is a link.
        shown += [(address, "") for address, played in linked_files(markup)
                  if played or address.startswith(PLUGINFILE)]
        for name, alt in dict.fromkeys(shown):
            if not name.startswith(PLUGINFILE):
                lost.append(f"the media file {name!r}")
                continue
            wanted = unquote(name[len(PLUGINFILE):])
            file = embedded.get(wanted.strip("/"))
            key, why = self._take(wanted, file)
            if key is None:
                lost.append(f"the media file {wanted!r} ({why})")
            elif all(ref["file"] != key for ref in refs):
                refs.append({"file": key, "field": on, **({"alt": alt} if alt else {})})
        return refs, lost

    def _take(self, wanted: str, file) -> tuple[str | None, str | None]:
        if file is None:
            return None, "no <file> element holds it"
        if (file.get("encoding") or "base64") != "base64":
            return None, f"encoded as {file.get('encoding')!r}, not base64"
        try:
            content = binascii.a2b_base64((file.text or "").encode("ascii"))
        except (binascii.Error, UnicodeEncodeError):
            return None, "its base64 text is damaged"
        try:
            identify(content)
        except MediaRefused as refused:
            return None, str(refused.message)
        base = posixpath.basename(wanted)
        name = safe_name(base) if len(base) <= NAME_MAX else None
        digest = hashlib.sha256(content).hexdigest()[:8]
        if name is None or name != base:
            name = f"moodle-{digest}"
        if self.files.get(name, content) != content:
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{digest}.{suffix}" if dot else f"{name}-{digest}"
        self.files[name] = content
        return name, None

    def is_sound(self, name: str) -> bool:
        return identify(self.files[name]).kind == "audio"


def embed(element, refs: list, files: dict[str, bytes]) -> None:
    """Write ``refs`` (:class:`~quizapp.formats.media.MediaRef`) into a Moodle text element as Moodle does:
    each file a base64 ``<file>`` beside the ``<text>``, shown by ``@@PLUGINFILE@@/name`` (an image
    with its text, a sound in an ``<audio>`` player). Names are flat there; two files that would share
    one are told apart by their hash."""
    import html
    import xml.etree.ElementTree as ET
    from urllib.parse import quote

    text = element.find("text")
    given: dict[str, bytes] = {}
    parts = []
    for ref in refs:
        content = files.get(ref.file)
        if content is None:
            continue
        name = posixpath.basename(ref.file)
        if given.get(name, content) != content:
            stem, dot, suffix = name.rpartition(".")
            digest = hashlib.sha256(content).hexdigest()[:8]
            name = f"{stem}-{digest}.{suffix}" if dot else f"{name}-{digest}"
        source = html.escape(PLUGINFILE + quote(name))
        if identify(content).kind == "audio":
            parts.append(f'<audio controls src="{source}"></audio>')
        else:
            parts.append(f'<img src="{source}" alt="{html.escape(ref.alt)}">')
        if name not in given:
            given[name] = content
            file = ET.SubElement(element, "file", name=name, path="/", encoding="base64")
            file.text = binascii.b2a_base64(content, newline=False).decode("ascii")
    if parts:
        text.text = ((text.text or "") + ("<br>" if text.text else "") + "<br>".join(parts))
