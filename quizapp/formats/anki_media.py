"""The images and sounds an Anki note's fields use, looked up in its package and checked from their bytes.

Anki fields name files by ``<img src="...">`` and ``[sound:...]``; the files travel in the package
under numbered members. Each name is looked up once per package, however many notes use it:
a file that is missing or is no image or sound we show is named (with the note and the field)
for the teacher to agree to, and the question is kept without it.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from quizapp.formats.media import MediaRefused, identify, safe_name

# The longest file name a question's media row keeps.
NAME_MAX = 255


class PackageMedia:
    """The media files of one package, by name: ``files`` holds those found and accepted."""

    def __init__(self, lookup: Callable[[str], bytes | None]):
        self.lookup = lookup
        self.files: dict[str, bytes] = {}
        self._refused: dict[str, str] = {}

    def take(self, name: str) -> tuple[str | None, str | None]:
        """``(file name, None)`` when the file is there and accepted, else ``(None, why not)``."""
        if name in self.files:
            return name, None
        if name in self._refused:
            return None, self._refused[name]
        found, why = self._find(name)
        if found is None:
            self._refused[name] = why
        return found, why

    def _find(self, name: str) -> tuple[str | None, str | None]:
        # Anki's editor may write a name percent-encoded in src; the package lists it decoded.
        for candidate in dict.fromkeys((name, unquote(name))):
            content = self.lookup(candidate)
            if content is None:
                continue
            normal = safe_name(candidate)
            if normal is None or normal != candidate or len(candidate) > NAME_MAX:
                return None, f"the media file {name!r} has a name quizapp does not keep"
            try:
                identify(content)
            except MediaRefused as refused:
                return None, f"the media file {name!r} is not kept: {refused.message}"
            self.files[candidate] = content
            return candidate, None
        return None, f"the media file {name!r} is not in the package"
