"""The in-memory question set, and the refusal that lists every problem found in an input.

:mod:`quizapp.formats.model` holds the rules that build these from the YAML contract's mapping.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_KEYS = ("doc", "sentence", "quote")


@dataclass
class SourceRef:
    doc: str | None = None
    sentence: int | None = None
    quote: str | None = None

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in SOURCE_KEYS if getattr(self, key) is not None}


def _whole(value):
    """1000.0 as 1000 (a float column gives back what the author wrote as a whole number); else unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 63 else value


@dataclass
class QuestionData:
    id: str
    type: str
    prompt: str
    answer: str | bool | float | int
    choices: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    tolerance: float | None = None
    explanation: str | None = None
    source: SourceRef | None = None
    tags: list[str] = field(default_factory=list)
    # How the prompt and the explanation are written, when not plain text: {"prompt": "markdown"}.
    text_format: dict[str, str] = field(default_factory=dict)
    # Images and sounds shown with the question (:class:`quizapp.formats.media.MediaRef`), by file name.
    media: list = field(default_factory=list)
    # Per answer, by its text: what the student reads after giving it ({"Venus": "Too hot"}) and the
    # share of full marks it earns, 0-100 ({"Marlowe": 50}); see quizapp.formats.per_answer.
    feedback: dict[str, str] = field(default_factory=dict)
    credit: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The question as in the YAML contract, empty optional fields left out."""
        out = {"id": self.id, "type": self.type, "prompt": self.prompt, "answer": _whole(self.answer)}
        for key in ("choices", "accept"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.tolerance is not None:
            out["tolerance"] = _whole(self.tolerance)
        for key in ("feedback", "credit"):
            if getattr(self, key):
                out[key] = dict(getattr(self, key))
        if self.explanation:
            out["explanation"] = self.explanation
        if self.source is not None and self.source.to_dict():
            out["source"] = self.source.to_dict()
        if self.tags:
            out["tags"] = list(self.tags)
        if self.text_format:
            out["text_format"] = dict(self.text_format)
        if self.media:
            out["media"] = [ref.to_dict() for ref in self.media]
        return out


@dataclass
class SetData:
    title: str
    slug: str
    language: str = "en"
    description: str = ""
    sources: list[dict] = field(default_factory=list)
    questions: list[QuestionData] = field(default_factory=list)
    # The bytes of every file the questions' media name, by that name.
    media: dict[str, bytes] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The set as in the YAML contract, in the contract's key order, empty optional fields left out."""
        out: dict = {"title": self.title, "slug": self.slug, "language": self.language}
        if self.description:
            out["description"] = self.description
        if self.sources:
            out["sources"] = [dict(source) for source in self.sources]
        out["questions"] = [question.to_dict() for question in self.questions]
        return out


class Message(str):
    """A message in English that a page can still translate.

    It reads as the English text with its parameters filled in, and keeps ``msgid`` and
    ``params`` so a view can look the text up in its catalog (formats/ imports no Flask):
    ``gettext(message.msgid) % message.params``.
    """

    msgid: str
    params: dict

    def __new__(cls, msgid: str, **params):
        message = super().__new__(cls, msgid % params if params else msgid)
        message.msgid, message.params = msgid, params
        return message


def N_(msgid: str, **params) -> Message:
    """Mark a message for translation (extracted by Babel) without translating it here."""
    return Message(msgid, **params)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    line: int | None = None


class FormatError(ValueError):
    """A refused input, carrying every problem found so they can all be fixed at once."""

    def __init__(self, problems: list[Problem], filename: str | None = None):
        self.problems = list(problems)
        self.filename = filename
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(self.describe(problem) for problem in self.problems)

    def describe(self, problem: Problem) -> str:
        where = [self.filename or "<input>"]
        if problem.line is not None:
            where.append(f"line {problem.line}")
        if problem.field:
            where.append(f"field '{problem.field}'")
        return f"{', '.join(where)}: {problem.message}"
