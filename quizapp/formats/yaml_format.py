"""The question-set YAML format: a guarded reader for untrusted uploads and a deterministic writer.

Uploads are read from libyaml's event stream (the C parser) by :class:`_EventReader`, which
builds the values itself: anchors and aliases are refused where they appear (a few hundred bytes
of aliases expand to millions of nodes), nesting deeper than :data:`MAX_DEPTH` is refused as soon
as it is reached (PyYAML's C composer segfaults near 30,000 levels, its Python one raises
RecursionError past ~900, and neither is ever handed the document), and every field's line is
recorded on the way, so each problem can name it. Scalars are resolved and constructed by
PyYAML's safe rules (without timestamps). Without libyaml the same reader walks the pure-Python
parser's events. The writer (:mod:`quizapp.formats.yaml_writer`) renders scalars with libyaml's
emitter when it is there.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from quizapp.formats import yaml_writer
from quizapp.formats.model import (SET_KEYS, FormatError, MediaSource, Problem, SetData, field_name,
                                   set_from_dict)

MAX_DEPTH = 50

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _without_timestamps(resolvers: dict) -> dict:
    # "answer: 1945-05-08" should stay the text the author wrote, not become a datetime.date.
    return {
        first: [(tag, regexp) for tag, regexp in entries if tag != _TIMESTAMP_TAG]
        for first, entries in resolvers.items()
    }


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, mark):
        super().__init__(message)
        self.problem = message
        self.problem_mark = mark


class GuardedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases and nesting deeper than :data:`MAX_DEPTH`."""

    yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("aliases are not allowed (no '&anchor' or '*alias'); write each value out in full",
                           event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nesting deeper than {MAX_DEPTH} levels is not allowed", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # only its parser is used: events, never nodes
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_EMPTY = object()  # no value yet (the document's root)


class _EventReader:
    """Values from a YAML event stream, with the guards of :class:`GuardedLoader` and a line per field."""

    def __init__(self, text: str) -> None:
        self.events = yaml.parse(text, Loader=_Parser)
        self.scalars = GuardedLoader("")  # PyYAML's safe resolver and constructors, without timestamps
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []

    def read(self):
        """The document's value (``_EMPTY`` for an empty stream)."""
        root = _EMPTY
        # Each open collection: [value, path, depth, pending key (mappings), keys seen (mappings)].
        stack: list[list] = []
        documents = 0
        for event in self.events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise _Refused("aliases are not allowed (no '&anchor' or '*alias'); write each value out in full",
                                   event.start_mark)
                depth = stack[-1][2] + 1 if stack else 1
                if depth > MAX_DEPTH:
                    raise _Refused(f"nesting deeper than {MAX_DEPTH} levels is not allowed", event.start_mark)
                if kind is yaml.ScalarEvent:
                    value = self._scalar(event)
                    if stack and type(stack[-1][0]) is dict and stack[-1][3] is _EMPTY:
                        self._key(stack[-1], value, event)
                        continue
                    path = self._place(stack, event)
                    if not stack:
                        root = value
                    else:
                        self._add(stack[-1], value)
                    continue
                value = self._collection(event, dict if kind is yaml.MappingStartEvent else list)
                if stack and type(stack[-1][0]) is dict and stack[-1][3] is _EMPTY:
                    raise _Refused("a mapping or list cannot be a key", event.start_mark)
                path = self._place(stack, event)
                stack.append([value, path, depth, _EMPTY, set()])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()[0]
                if not stack:
                    root = value
                else:
                    self._add(stack[-1], value)
            elif kind is yaml.AliasEvent:
                raise _Refused("aliases are not allowed (no '&anchor' or '*alias'); write each value out in full",
                               event.start_mark)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                                      "but found another document", event.start_mark)
        return root

    def _place(self, stack: list[list], event) -> tuple:
        """The path of the value starting at ``event``, with its line recorded."""
        if not stack:
            self.lines[()] = event.start_mark.line + 1
            return ()
        parent = stack[-1]
        if type(parent[0]) is list:
            path = parent[1] + (len(parent[0]),)
            self.lines[path] = event.start_mark.line + 1
            return path
        return parent[1] + (parent[3],)  # a mapping's value: the key's line is recorded

    def _key(self, mapping: list, key, event) -> None:
        try:
            hash(key)
        except TypeError:
            raise _Refused(f"found an unhashable key {key!r}", event.start_mark) from None
        path = mapping[1] + (key,)
        line = event.start_mark.line + 1
        if key in mapping[4]:
            self.problems.append(Problem(field_name(path), f"{key!r} is given twice; keep one", line))
        mapping[4].add(key)
        self.lines[path] = line
        mapping[3] = key

    @staticmethod
    def _add(parent: list, value) -> None:
        if type(parent[0]) is list:
            parent[0].append(value)
        else:
            parent[0][parent[3]] = value
            parent[3] = _EMPTY

    def _scalar(self, event):
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0] or tag == "!":  # quoted, or the non-specific tag: a string
                return event.value
            tag = self.scalars.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        if tag == "tag:yaml.org,2002:merge":
            raise _Refused("merge keys ('<<') are not allowed; write each value out in full", event.start_mark)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.scalars.construct_object(node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001  PyYAML's constructors fail on bad values with whatever error they meet
            # (ValueError for "!!int abc" or 4,301 digits, IndexError for "!!float ''", KeyError for "!!bool abc"...)
            kind = tag.rsplit(":", 1)[-1]
            if event.tag in (None, "!"):  # read as a number by its looks: 4,301 digits or more
                message = f"the number {event.value[:20]}... has too many digits; put it in quotes to keep it as text"
            else:
                message = f"{event.value[:40]!r} is not a valid {kind}; remove the tag '!!{kind}' or fix the value"
            raise _Refused(message, event.start_mark) from None

    @staticmethod
    def _collection(event, kind):
        if event.tag not in (None, "!", _MAP if kind is dict else _SEQ):
            raise _Refused(f"the tag {event.tag!r} is not allowed here", event.start_mark)
        return kind()


def no_media(name: str) -> None:
    """The media source of a YAML file that travels alone: it has no files."""
    return None


def read(text: str | bytes, filename: str | None = None, *, max_bytes: int | None = None,
         media: MediaSource | None = None) -> SetData:
    """Parse and validate an untrusted question-set document; raise FormatError naming file, line and field.

    ``media`` finds the files its questions name (a folder, a zip); without it a named file is
    a problem of the question that names it.
    """
    text = decode(text, filename, max_bytes=max_bytes)
    reader = _EventReader(text)
    try:
        raw = reader.read()
    except yaml.YAMLError as error:
        raise FormatError([_yaml_problem(error)], filename) from None
    if raw is _EMPTY:
        raise FormatError([Problem("", "the file is empty; a question set needs 'title' and 'questions'")], filename)
    problems = reader.problems
    try:
        result = set_from_dict(raw, filename=filename, line_of=reader.lines.get, media=media or no_media)
    except FormatError as error:
        problems += error.problems
    if problems:
        raise FormatError(sorted(problems, key=lambda problem: problem.line or 0), filename)
    return result


def read_trusted_file(path: str | Path, content: bytes | None = None) -> SetData:
    """Read one of the app's own files in ``questions/`` (the same guarded reader: it is as fast as libyaml's loader).

    ``content`` is the file's bytes when the caller has read them already.
    """
    path = Path(path)
    return read(path.read_bytes() if content is None else content, filename=str(path), media=folder_media(path.parent))


def folder_media(folder: Path, *, max_bytes: int | None = None) -> MediaSource:
    """Media files beside a YAML file: names are relative to its folder and may not leave it."""
    root = Path(folder).resolve()

    def load(name: str) -> bytes | None:
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        if max_bytes is not None and path.stat().st_size > max_bytes:
            return path.read_bytes()[: max_bytes + 1]  # the size check that follows names it
        return path.read_bytes()

    return load


def check_size(content: str | bytes, filename: str | None = None, max_bytes: int | None = None) -> None:
    """Refuse an upload over ``max_bytes`` (text counted in UTF-8 bytes); no limit when it is None."""
    if max_bytes is None:
        return
    size = len(content.encode("utf-8")) if isinstance(content, str) else len(content)
    if size > max_bytes:
        raise FormatError([Problem("", f"the file is {size} bytes, more than the limit of {max_bytes}")], filename)


def decode(content: str | bytes, filename: str | None = None, *, max_bytes: int | None = None) -> str:
    """Text from an upload: refuse it over ``max_bytes`` or when it is not UTF-8; drop a BOM."""
    check_size(content, filename, max_bytes)
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError([Problem("", f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8")],
                          filename) from None


def _yaml_problem(error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if isinstance(error, _Refused):
        return Problem("", error.problem, line)
    message = getattr(error, "problem", None) or str(error)
    if "maximum nesting depth" in message:  # libyaml's own limit (1,000 levels), met while scanning ahead of ours
        return Problem("", f"nesting deeper than {MAX_DEPTH} levels is not allowed", line)
    context = getattr(error, "context", None)
    if context:
        message = f"{context}, {message}"
    return Problem("", f"YAML syntax: {message}", line)


def _line_map(root) -> tuple[dict[tuple, int], list[Problem]]:
    """Map each field path to its line; report keys given twice, which YAML would silently collapse."""
    lines: dict[tuple, int] = {(): root.start_mark.line + 1}
    problems: list[Problem] = []
    stack = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, MappingNode):
            seen = set()
            for key_node, value_node in node.value:
                child = path + (key_node.value,)
                line = key_node.start_mark.line + 1
                if key_node.value in seen:
                    problems.append(Problem(field_name(child), f"{key_node.value!r} is given twice; keep one", line))
                seen.add(key_node.value)
                lines[child] = line
                stack.append((child, value_node))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + 1
                stack.append((path + (index,), item))
    return lines, problems


def write(set_data: SetData) -> str:
    """Deterministic YAML in the contract's key order; ``read(write(s)) == s``."""
    return yaml_writer.dump(set_data.to_dict())


def sniff(content: str | bytes) -> bool:
    """True when the first meaningful line is a top-level key of the contract."""
    if isinstance(content, bytes):
        content = content[:4096].decode("utf-8", "ignore")
    for line in content.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            continue
        return stripped.split(":", 1)[0] in SET_KEYS and ":" in stripped
    return False
