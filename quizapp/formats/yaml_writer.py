"""The question-set YAML writer: PyYAML's block style, with the scalars rendered by libyaml's emitter.

The text is what ``yaml.dump`` gives with :class:`PythonDumper` (block style, list items indented
under their key, multi-line strings as literal blocks, unicode kept, no line wrapping), byte for
byte. PyYAML's pure-Python emitter takes 4 s for 10,000 questions, and libyaml's cannot indent list
items under their key, so the layout (keys, ``- `` and indentation, all fixed by the data's shape)
is written here and only the scalars go through an emitter: every scalar of the document, in one
block sequence, through libyaml; their rendering depends neither on the column nor on the scalar's
place (a mapping's value or a list item), so each is moved to its place with its continuation lines
re-indented. Where libyaml and PyYAML judge characters differently (tabs and other control
characters, characters past U+FFFF, U+FEFF) the scalar goes through PyYAML's emitter instead; the
few shapes this layout does not cover (empty collections, lists in lists, keys that are not strings or
could not be written on one line, line separators, strings long enough to wrap) fall back to
``yaml.dump`` whole. A key that is no plain word (per-answer feedback is keyed by answers:
``Earth {home} #3``, ``'true'``, ``'212'``) is a scalar like the others: both emitters pick a key's
style as a value's unless it spans lines, is empty or is 128 characters or more.
"""
from __future__ import annotations

import io
import re

import yaml
from yaml.events import (DocumentEndEvent, DocumentStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
                         StreamEndEvent, StreamStartEvent)

_STR = "tag:yaml.org,2002:str"
_OPTIONS = {"allow_unicode": True, "width": 1_000_000, "indent": 2}
# Characters both emitters print as they are (libyaml's IS_PRINTABLE, which PyYAML's printable set contains).
_BOTH_PRINT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
# Line breaks other than "\n" would end lines where "\n" does not: a layout this writer leaves to yaml.dump.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
_LONGEST = 100_000  # far below the width, so no scalar is ever wrapped at a column
_LONGEST_KEY = 100  # a simple key is under 128 characters in PyYAML and libyaml alike


class PythonDumper(yaml.SafeDumper):
    """The reference: PyYAML's safe dumper, list items indented under their key, strings with a newline as ``|``."""

    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        # Indent list items under their key, as people write them by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value: str):
    # Multi-line prompts read best as literal blocks; PyYAML falls back to quotes when it must.
    return dumper.represent_scalar(_STR, value, style="|" if "\n" in value else None)


PythonDumper.add_representer(str, _represent_str)


class _Unusual(Exception):
    """A shape the layout below does not write; yaml.dump writes the document instead."""


def dump(data: dict) -> str:
    """``yaml.dump(data, Dumper=PythonDumper, sort_keys=False, default_flow_style=False, ...)``, faster."""
    try:
        return _Layout().write(data)
    except _Unusual:
        return yaml.dump(data, Dumper=PythonDumper, sort_keys=False, default_flow_style=False, **_OPTIONS)


class _Layout:
    def __init__(self) -> None:
        self.pieces: list = []  # text, or (the scalar's index in its batch, extra indentation, its batch)
        self.fast: list[ScalarEvent] = []
        self.careful: list[ScalarEvent] = []
        self.reference = PythonDumper(io.StringIO())  # its representer and resolver, never its emitter
        resolvers = self.reference.yaml_implicit_resolvers
        self.implicit = {first: entries + resolvers.get(None, []) for first, entries in resolvers.items()}
        self.keys: set[str] = set()

    def write(self, data) -> str:
        if type(data) is not dict or not data:
            raise _Unusual
        self._mapping(data, 0, inline=False)
        rendered = {id(self.fast): _render(self.fast, getattr(yaml, "CSafeDumper", PythonDumper)),
                    id(self.careful): _render(self.careful, PythonDumper)}
        out = []
        text = ""
        for piece in self.pieces:
            if type(piece) is str:
                out.append(piece)
                continue
            index, indent, batch = piece
            text = rendered[id(batch)][index]
            if indent < 0:  # a key: its text without the newline the item ended with
                out.append(text[:-1])
                continue
            if "\n" in text:  # continuation lines: re-indented, empty ones left empty
                text = _CONTINUATION.sub("\n" + " " * indent, text)
            out.append(text)
        if type(self.pieces[-1]) is not str and _keeps_trailing_breaks(text):
            out.append("...\n")  # PyYAML ends a document whose last scalar is a "|+" block this way
        return "".join(out)

    def _mapping(self, mapping: dict, indent: int, inline: bool) -> None:
        pad = " " * indent
        pieces = self.pieces
        for key, value in mapping.items():
            if not inline:
                pieces.append(pad)
            self._key(key)
            kind = type(value)
            if kind is dict or kind is list:
                if not value:
                    raise _Unusual
                pieces.append(":\n")
                if kind is dict:
                    self._mapping(value, indent + 2, inline=False)
                else:
                    self._sequence(value, indent + 2)
            else:
                pieces.append(": ")
                self._scalar(value, indent)
            inline = False

    def _key(self, key) -> None:
        """A plain word as it is; another string key (an answer) as a scalar slot, on one line."""
        if key in self.keys:
            self.pieces.append(key)
            return
        if type(key) is not str:
            raise _Unusual
        if _PLAIN_KEY.fullmatch(key) and self._tag(key) == _STR:
            self.keys.add(key)
            self.pieces.append(key)
            return
        if not 0 < len(key) < _LONGEST_KEY or "\n" in key or _OTHER_BREAKS.search(key):
            raise _Unusual
        self._scalar(key, -1)

    def _sequence(self, items: list, indent: int) -> None:
        dash = " " * indent + "- "
        for item in items:
            kind = type(item)
            self.pieces.append(dash)
            if kind is dict:
                if not item:
                    raise _Unusual
                self._mapping(item, indent + 2, inline=True)
            elif kind is list:
                raise _Unusual
            else:
                self._scalar(item, indent)

    def _scalar(self, value, indent: int) -> None:
        """A slot for ``value``; its continuation lines (a ``|`` block's) move ``indent`` columns right
        (``indent`` -1: a mapping key, on one line)."""
        if type(value) is str:
            if _BOTH_PRINT.fullmatch(value):
                batch = self.fast
            elif _OTHER_BREAKS.search(value):
                raise _Unusual
            else:
                batch = self.careful
            if len(value) > _LONGEST:
                raise _Unusual
            # A string's quoted and block styles never need its tag: implicit[1] is always true.
            event = ScalarEvent(None, _STR, (self._tag(value) == _STR, True), value, style="|" if "\n" in value else None)
        else:
            node = self.reference.represent_data(value)  # refuses what yaml.dump refuses, the same way
            if not isinstance(node, yaml.ScalarNode):
                raise _Unusual
            implicit = (node.tag == self._tag(node.value),
                        node.tag == self.reference.resolve(yaml.ScalarNode, node.value, (False, True)))
            batch = self.fast if _BOTH_PRINT.fullmatch(node.value) else self.careful
            event = ScalarEvent(None, node.tag, implicit, node.value, style=node.style)
        self.pieces.append((len(batch), indent, batch))
        batch.append(event)

    def _tag(self, value: str) -> str:
        """The tag PyYAML's resolver gives ``value`` written plain (``Resolver.resolve`` for implicit scalars)."""
        entries = self.implicit.get(value[:1])
        if entries is None:
            return _STR
        for tag, regexp in entries:
            if regexp.match(value):
                return tag
        return _STR


def _render(scalars: list[ScalarEvent], dumper) -> list[str]:
    """Each scalar's text and final newline as ``dumper`` writes it in a top-level block sequence, ``- `` cut off."""
    if not scalars:
        return []
    stream = io.StringIO()
    emitter = dumper(stream, **_OPTIONS)
    events = [StreamStartEvent(), DocumentStartEvent(explicit=False), SequenceStartEvent(None, None, True, flow_style=False),
              *scalars, ScalarEvent(None, None, (True, True), "end"),  # "end" keeps a last "|+" block inside
              SequenceEndEvent(), DocumentEndEvent(explicit=False), StreamEndEvent()]
    for event in events:
        emitter.emit(event)
    emitter.dispose()
    text = stream.getvalue()
    # Continuation lines start with two spaces or are empty, so "\n- " only ever starts an item.
    items = [item + "\n" for item in text[2:].split("\n- ")] if text.startswith("- ") else []
    if len(items) != len(scalars) + 1 or items.pop() != "end\n\n":
        raise _Unusual
    return items


_CONTINUATION = re.compile("\n(?=[^\n])")


def _keeps_trailing_breaks(text: str) -> bool:
    return text.startswith("|") and text.split("\n", 1)[0].endswith("+")
