"""Marked-up text from other tools (Anki's and Moodle's HTML fields) turned into the plain text a
question holds, with what is lost on the way (images, sounds) named.

Tags are removed by nh3 (the Ammonia sanitiser), which also drops scripts and styles with their
content; line-breaking tags become line breaks first so a two-line field stays two lines.
"""
from __future__ import annotations

import html
import re

import nh3

_BREAKS = re.compile(r"<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", re.IGNORECASE)
_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_SOUND = re.compile(r"\[sound:([^\]]+)\]")


def html_to_text(markup: str) -> str:
    """The text a reader sees in ``markup``: tags and sound references removed, entities resolved,
    blank runs folded; line breaks kept as ``\\n``."""
    markup = _SOUND.sub("", _BREAKS.sub("\n", markup))
    text = html.unescape(nh3.clean(markup, tags=set()))
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line)


def media_names(markup: str) -> list[str]:
    """The files ``markup`` shows or plays (``<img src>``, Anki's ``[sound:...]``), in order."""
    images = ["".join(groups) for groups in _IMAGE.findall(markup)]
    return [html.unescape(name) for name in images] + _SOUND.findall(markup)
