"""The question-set YAML format: a guarded reader for untrusted uploads and a deterministic writer.

Uploads are parsed with PyYAML's pure-Python loader, never the C one (it segfaults on deeply
nested input), with aliases refused (a few hundred bytes of aliases expand to millions of nodes)
and a nesting limit (past ~900 levels Python raises RecursionError). The document is composed to
a node tree first, so every problem can name the line of its field.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from quizapp.formats.model import SET_KEYS, FormatError, Problem, SetData, field_name, set_from_dict

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


if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _without_timestamps(yaml.CSafeLoader.yaml_implicit_resolvers)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


def read(text: str | bytes, filename: str | None = None, *, max_bytes: int | None = None) -> SetData:
    """Parse and validate an untrusted question-set document; raise FormatError naming file, line and field."""
    text = decode(text, filename, max_bytes=max_bytes)
    loader = GuardedLoader(text)
    try:
        node = loader.get_single_node()
        raw = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise FormatError([_yaml_problem(error)], filename) from None
    except RecursionError:
        raise FormatError([Problem("", "the document is nested too deeply to read")], filename) from None
    finally:
        loader.dispose()
    if node is None:
        raise FormatError([Problem("", "the file is empty; a question set needs 'title' and 'questions'")], filename)
    lines, problems = _line_map(node)
    try:
        result = set_from_dict(raw, filename=filename, line_of=lines.get)
    except FormatError as error:
        problems += error.problems
    if problems:
        raise FormatError(sorted(problems, key=lambda problem: problem.line or 0), filename)
    return result


def read_trusted_file(path: str | Path, content: bytes | None = None) -> SetData:
    """Read one of the app's own files in ``questions/``, using libyaml for speed when it is present.

    ``content`` is the file's bytes when the caller has read them already. The fast path skips
    the alias and depth guards, so it is only for files the operator put there. When the fast
    path finds a problem the file is read again with the guarded loader, whose errors carry lines.
    """
    path = Path(path)
    data = path.read_bytes() if content is None else content
    if _FastLoader is not None:
        try:
            text = decode(data, str(path))
            return set_from_dict(yaml.load(text, Loader=_FastLoader), filename=str(path))
        except (yaml.YAMLError, FormatError, RecursionError):
            pass
    return read(data, filename=str(path))


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


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        # Indent list items under their key, as people write them by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value: str):
    # Multi-line prompts read best as literal blocks; PyYAML falls back to quotes when it must.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)


def write(set_data: SetData) -> str:
    """Deterministic YAML in the contract's key order; ``read(write(s)) == s``."""
    return yaml.dump(
        set_data.to_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=1_000_000, indent=2,
    )


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
