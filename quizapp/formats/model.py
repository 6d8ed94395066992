"""The one set of rules every reader and form validates against.

The values it builds (:class:`SetData`, :class:`QuestionData`, :class:`SourceRef`) and its
refusal (:class:`FormatError` of :class:`Problem`) live in :mod:`quizapp.formats.data` and are
importable from here too.

Readers turn their input into the plain mapping of the YAML contract and call
:func:`set_from_dict`; web forms call :func:`question_from_dict`. Both collect every problem
before refusing, so a teacher fixes a file in one pass instead of one error at a time.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping

from quizapp.formats.data import SOURCE_KEYS, FormatError, N_, Problem, QuestionData, SetData, SourceRef
from quizapp.formats.numbers import normalize_number, parse_number

QUESTION_TYPES = ("flashcard", "multiple_choice", "true_false", "cloze", "short_answer", "numeric")

# Types whose answer the student types, so alternative spellings make sense.
TYPED_TYPES = ("flashcard", "cloze", "short_answer")

SET_KEYS = ("title", "slug", "language", "description", "sources", "questions")
QUESTION_KEYS = (
    "id", "type", "prompt", "answer", "choices", "accept", "tolerance", "explanation", "source", "tags",
    "text_format",
)
# Fields whose text may be written in HTML or Markdown (``text_format: {prompt: markdown}``).
FORMATTED_FIELDS = ("prompt", "explanation")
TEXT_FORMATS = ("plain", "html", "markdown")

CLOZE_BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")
_LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

LineOf = Callable[[tuple], "int | None"]


# Words a slug may leave out without losing what it names ("Rússia e Coreia do Norte").
SLUG_CONNECTIVES = frozenset({"e", "and"})


def slugify(text: str, *, drop_connectives: bool = False) -> str:
    """Lowercase ASCII words joined by hyphens: ``"Rússia e Coreia do Norte"`` -> ``"russia-e-coreia-do-norte"``.

    With ``drop_connectives`` the words "e"/"and" are left out (``"russia-coreia-do-norte"``).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if drop_connectives:
        slug = "-".join(w for w in slug.split("-") if w not in SLUG_CONNECTIVES)
    return slug


def field_name(path: tuple) -> str:
    """``("questions", 3, "answer")`` -> ``"questions[3].answer"``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_field_name(name: str) -> tuple:
    """The inverse of :func:`field_name`, so a question's relative path can be rebased."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", name))


def derive_id(question_type: str, prompt: str) -> str:
    """A short readable id that stays the same as long as the question's type and prompt do."""
    words = slugify(CLOZE_BLANK.sub(r"\1", prompt)).split("-")
    stem = ""
    for word in words:
        if len(stem) + len(word) + 1 > 30:
            break
        stem = f"{stem}-{word}" if stem else word
    digest = hashlib.sha1(f"{question_type}\n{prompt}".encode()).hexdigest()[:6]
    return f"{stem or 'q'}-{digest}"


class _Checker:
    """Collects problems for one mapping, resolving each field to its source line."""

    def __init__(self, base: tuple, line_of: LineOf | None):
        self.base = base
        self.line_of = line_of
        self.problems: list[Problem] = []

    def line(self, path: tuple) -> int | None:
        if self.line_of is None:
            return None
        full = self.base + path
        # A missing field has no line of its own; point at the nearest enclosing one.
        for end in range(len(full), -1, -1):
            found = self.line_of(full[:end])
            if found is not None:
                return found
        return None

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(field_name(self.base + path), message, self.line(path)))

    def text(self, raw: Mapping, key, *, required: bool, path: tuple | None = None):
        """A string field; numbers are turned into text because YAML reads ``answer: 1945`` as an int."""
        path = path or (key,)
        value = raw.get(key) if isinstance(raw, Mapping) else raw
        if value is None:
            if required:
                self.add(path, N_("'%(field)s' is required", field=path[-1]))
            return None
        if isinstance(value, bool):
            self.add(path, N_("%(value)s was read as a yes/no value; put the text in quotes, e.g. \"yes\"", value=repr(value)))
            return None
        if isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, str):
            self.add(path, N_("must be text, not a %(kind)s", kind=_kind(value)))
            return None
        value = value.strip()
        if required and not value:
            self.add(path, N_("'%(field)s' must not be empty", field=path[-1]))
            return None
        return value

    def text_list(self, raw: Mapping, key) -> list[str]:
        value = raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((key,), N_("must be a list, e.g. [%(example)s]", example=_example(value)))
            return []
        items = [self.text(item, key, required=True, path=(key, index)) for index, item in enumerate(value)]
        return [item for item in items if item is not None]


def _kind(value) -> str:
    return {dict: "mapping", list: "list"}.get(type(value), type(value).__name__)


def _example(value) -> str:
    return value if isinstance(value, str) else "a, b"


def question_from_dict(
    raw: dict, *, path: str = "questions[0]", line_of: LineOf | None = None, language: str | None = None
) -> tuple[QuestionData | None, list[Problem]]:
    """Validate one question mapping; return the question (None if refused) and every problem found.

    An absent ``id`` is derived from the type and prompt; :func:`set_from_dict` then keeps derived
    ids unique within the set. ``language`` lets an ambiguous number such as ``"10.000"`` be read the way the set writes it.
    """
    check = _Checker(parse_field_name(path), line_of)
    if not isinstance(raw, Mapping):
        check.add((), N_("each question must be a mapping of fields, not a %(kind)s", kind=_kind(raw)))
        return None, check.problems
    raw = dict(raw)
    qtype = check.text(raw, "type", required=True)
    if qtype is not None and qtype not in QUESTION_TYPES:
        check.add(("type",), N_("unknown type %(type)s; use one of: %(known)s", type=repr(qtype), known=", ".join(QUESTION_TYPES)))
        qtype = None
    allowed = set(QUESTION_KEYS)
    if qtype == "flashcard":
        allowed |= {"front", "back"}
        for alias, key in (("front", "prompt"), ("back", "answer")):
            if alias in raw and key in raw:
                check.add((alias,), N_("use either '%(alias)s' or '%(key)s', not both", alias=alias, key=key))
            elif alias in raw:
                raw[key] = raw.pop(alias)
    for key in raw:
        if key not in allowed:
            if key in ("front", "back"):
                check.add((key,), N_("unknown field %(key)s ('front'/'back' are for flashcards only); known fields: "
                                     "%(known)s", key=repr(key), known=", ".join(QUESTION_KEYS)))
            else:
                check.add((key,), N_("unknown field %(key)s; known fields: %(known)s",
                                     key=repr(key), known=", ".join(QUESTION_KEYS)))

    qid = raw.get("id")
    if isinstance(qid, int) and not isinstance(qid, bool):
        qid = str(qid)
    if qid is not None and (not isinstance(qid, str) or not ID_PATTERN.match(qid)):
        check.add(("id",), N_("an id is letters, digits, '-', '_', '.' or ':' (at most 100), "
                              "starting with a letter or digit; or leave it out to derive one"))
        qid = None
    prompt = check.text(raw, "prompt", required=True)
    explanation = check.text(raw, "explanation", required=False) or None
    tags = check.text_list(raw, "tags")
    accept = check.text_list(raw, "accept")
    choices = check.text_list(raw, "choices")
    source = _source(check, raw.get("source"))
    text_format = _text_format(check, raw.get("text_format"))
    tolerance = None

    if qtype is not None and qtype not in TYPED_TYPES and "accept" in raw:
        check.add(("accept",), N_("'accept' is for typed answers (%(types)s); remove it", types=", ".join(TYPED_TYPES)))
    if qtype is not None and qtype != "multiple_choice" and "choices" in raw:
        check.add(("choices",), N_("'choices' is for multiple_choice questions only; remove it or change the type"))
    if qtype is not None and qtype != "numeric" and "tolerance" in raw:
        check.add(("tolerance",), N_("'tolerance' is for numeric questions only; remove it"))

    answer = None
    if qtype == "true_false":
        answer = raw.get("answer")
        if not isinstance(answer, bool):
            check.add(("answer",), N_("a true_false answer must be true or false (without quotes)"))
            answer = None
    elif qtype == "numeric":
        answer = _number(check, raw, "answer", language)
        if raw.get("tolerance") is not None:
            tolerance = _number(check, raw, "tolerance", language)
            if tolerance is not None and tolerance < 0:
                check.add(("tolerance",), N_("tolerance must be 0 or more"))
    elif qtype == "cloze":
        answer = check.text(raw, "answer", required=False)
        if prompt is not None:
            blanks = CLOZE_BLANK.findall(prompt)
            if len(blanks) != 1 or not blanks[0].strip():
                check.add(("prompt",), N_("a cloze prompt needs exactly one {{...}} blank around the answer, "
                                          "found %(num)d; e.g. 'Water boils at {{100}} degrees.'", num=len(blanks)))
            elif answer and answer != blanks[0].strip():
                check.add(("answer",), N_("the answer %(answer)s differs from the blank {{%(blank)s}}; "
                                          "make them the same or leave 'answer' out", answer=repr(answer), blank=blanks[0]))
            else:
                answer = blanks[0].strip()
                prompt = CLOZE_BLANK.sub("{{" + answer + "}}", prompt)
    elif qtype is not None:
        answer = check.text(raw, "answer", required=True)

    if qtype == "multiple_choice" and answer is not None:
        if len(choices) < 2:
            check.add(("choices",), N_("a multiple_choice question needs at least 2 choices, the answer among them"))
        elif len(set(choices)) != len(choices):
            check.add(("choices",), N_("choices repeat; each choice must be different"))
        elif answer not in choices:
            check.add(("answer",), N_("the answer %(answer)s is not among the choices; add it to 'choices'", answer=repr(answer)))

    if check.problems:
        return None, check.problems
    return QuestionData(
        id=qid or derive_id(qtype, prompt), type=qtype, prompt=prompt, answer=answer, choices=choices,
        accept=accept, tolerance=tolerance, explanation=explanation, source=source, tags=tags,
        text_format=text_format,
    ), []


def _text_format(check: _Checker, value) -> dict[str, str]:
    """``{prompt: html, explanation: markdown}``; plain text is left out, as it is the default."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        check.add(("text_format",), "text_format is a mapping such as {prompt: markdown}")
        return {}
    out = {}
    for key, fmt in value.items():
        if key not in FORMATTED_FIELDS:
            check.add(("text_format", key), f"only {', '.join(FORMATTED_FIELDS)} may have a text format")
        elif fmt not in TEXT_FORMATS:
            check.add(("text_format", key), f"unknown text format {fmt!r}; use one of: {', '.join(TEXT_FORMATS)}")
        elif fmt != "plain":
            out[key] = fmt
    return out


def _number(check: _Checker, raw: Mapping, key: str, language: str | None):
    value = raw.get(key)
    if isinstance(value, bool) or value is None:
        check.add((key,), N_("'%(field)s' must be a number, such as 42 or 3.5", field=key))
        return None
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            check.add((key,), N_("'%(field)s' must be a finite number", field=key))
            return None
        return normalize_number(value)
    if isinstance(value, str):
        try:
            return parse_number(value, language)
        except ValueError as error:
            check.add((key,), str(error))
            return None
    check.add((key,), N_("'%(field)s' must be a number, not a %(kind)s", field=key, kind=_kind(value)))
    return None


def _source(check: _Checker, value) -> SourceRef | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        check.add(("source",), N_("source must be a mapping such as {doc: my-text, sentence: 3, quote: \"...\"}"))
        return None
    for key in value:
        if key not in SOURCE_KEYS:
            check.add(("source", key), N_("unknown field %(key)s in source; known fields: %(known)s", key=repr(key), known=", ".join(SOURCE_KEYS)))
    sentence = value.get("sentence")
    if sentence is not None and (isinstance(sentence, bool) or not isinstance(sentence, int) or sentence < 0):
        check.add(("source", "sentence"), N_("sentence must be a whole number, 0 or more"))
        sentence = None
    doc = check.text(value, "doc", required=False, path=("source", "doc"))
    quote = check.text(value, "quote", required=False, path=("source", "quote"))
    return SourceRef(doc=doc or None, sentence=sentence, quote=quote or None)


def set_from_dict(raw, *, filename: str | None = None, line_of: LineOf | None = None) -> SetData:
    """Validate a whole question-set mapping; raise :class:`FormatError` listing every problem."""
    check = _Checker((), line_of)
    if not isinstance(raw, Mapping):
        check.add((), N_("a question set is a mapping with 'title' and 'questions', not a %(kind)s", kind=_kind(raw)))
        raise FormatError(check.problems, filename)
    for key in raw:
        if key not in SET_KEYS:
            check.add((key,), N_("unknown field %(key)s; known fields: %(known)s", key=repr(key), known=", ".join(SET_KEYS)))
    title = check.text(raw, "title", required=True)
    language = check.text(raw, "language", required=False) or "en"
    if not _LANGUAGE_PATTERN.match(language):
        check.add(("language",), N_("%(language)s is not a language code; use one such as en, pt or pt-BR", language=repr(language)))
    slug = check.text(raw, "slug", required=False)
    if slug and slugify(slug) != slug:
        check.add(("slug",), N_("a slug is lowercase letters, digits and hyphens, e.g. %(example)s", example=repr(slugify(slug))))
    if not slug and title:
        slug = slugify(title) or "set-" + hashlib.sha1(title.encode()).hexdigest()[:8]
    description = check.text(raw, "description", required=False) or ""
    sources = _sources(check, raw.get("sources"))

    questions: list[QuestionData] = []
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        check.add(("questions",), N_("a set needs a non-empty list of questions under 'questions'"))
        raw_questions = []
    for index, raw_question in enumerate(raw_questions):
        question, problems = question_from_dict(
            raw_question, path=f"questions[{index}]", line_of=line_of,
            # Only a stated language settles "10.000"; the default "en" is not the author's word.
            language=language if raw.get("language") else None,
        )
        check.problems.extend(problems)
        if question is not None:
            questions.append(question)
    _check_ids(check, raw_questions, questions)
    if check.problems:
        raise FormatError(check.problems, filename)
    return SetData(title=title, slug=slug, language=language, description=description,
                   sources=sources, questions=questions)


def _sources(check: _Checker, value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(("sources",), N_("sources must be a list of mappings, each with an 'id'"))
        return []
    out = []
    for index, source in enumerate(value):
        if not isinstance(source, Mapping) or not isinstance(source.get("id"), (str, int)):
            check.add(("sources", index), N_("each source must be a mapping with an 'id', e.g. {id: article-1, title: ...}"))
            continue
        entry = {"id": str(source["id"])}
        entry.update((str(key), item) for key, item in source.items() if key != "id")
        out.append(entry)
    return out


def _check_ids(check: _Checker, raw_questions: list, questions: list[QuestionData]) -> None:
    """Refuse repeated explicit ids; suffix a derived id that collides (the same prompt twice)."""
    explicit: dict[str, int] = {}
    for index, raw_question in enumerate(raw_questions):
        qid = raw_question.get("id") if isinstance(raw_question, Mapping) else None
        if qid is None:
            continue
        if str(qid) in explicit:
            check.add(("questions", index, "id"), N_(
                "id %(id)s is already used by questions[%(index)d]; ids must be unique in a set",
                id=repr(str(qid)), index=explicit[str(qid)]))
        else:
            explicit[str(qid)] = index
    taken = set(explicit)
    derived = [question for question in questions if question.id not in explicit]
    for question in derived:
        base, suffix = question.id, 2
        while question.id in taken:
            question.id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(question.id)
