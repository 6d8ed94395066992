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
from collections.abc import Callable, Iterable, Mapping

from quizapp import limits
from quizapp.formats import cloze
from quizapp.formats.data import SOURCE_KEYS, FormatError, N_, Problem, QuestionData, SetData, SourceRef
from quizapp.formats.media import MEDIA_FIELDS, MediaRef, MediaRefused, identify, safe_name
from quizapp.formats.numbers import normalize_number, parse_number
from quizapp.formats.per_answer import answer_texts, check_credit, check_feedback

QUESTION_TYPES = ("flashcard", "multiple_choice", "true_false", "cloze", "short_answer", "numeric")

# Types whose answer the student types, so alternative spellings make sense.
TYPED_TYPES = ("flashcard", "cloze", "short_answer")

SET_KEYS = ("title", "slug", "language", "description", "sources", "questions")
QUESTION_KEYS = (
    "id", "type", "prompt", "answer", "choices", "accept", "tolerance", "explanation", "source", "tags",
    "text_format", "media", "feedback", "credit",
)
# Fields whose text may be written in HTML or Markdown (``text_format: {prompt: markdown}``).
FORMATTED_FIELDS = ("prompt", "explanation")
TEXT_FORMATS = ("plain", "html", "markdown")

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,%d}$" % (limits.ID_MAX - 1))
_LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

# The longest text each field may hold (characters); other fields: an answer's limit.
TEXT_LIMITS = {
    "title": limits.TITLE_MAX, "slug": limits.SLUG_MAX, "language": limits.LANGUAGE_MAX,
    "description": limits.DESCRIPTION_MAX, "prompt": limits.PROMPT_MAX, "explanation": limits.EXPLANATION_MAX,
    "doc": limits.SOURCE_DOC_MAX, "quote": limits.QUOTE_MAX, "tags": limits.TAG_MAX,
}
LIST_LIMITS = {"choices": limits.CHOICES_MAX, "accept": limits.ACCEPT_MAX, "tags": limits.TAGS_MAX}
# NUL (PostgreSQL refuses it in text) and lone surrogates (not encodable as UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

# A slug made from a title keeps this many characters, so a suffix still fits its column.
DERIVED_SLUG_MAX = limits.SLUG_MAX - 20

LineOf = Callable[[tuple], "int | None"]
# The longest media file name a question keeps (its database column).
MEDIA_NAME_MAX = 255
# Finds a media file's bytes by the name a question gives it (None: there is no such file).
MediaSource = Callable[[str], "bytes | None"]


# Words a slug may leave out without losing what it names ("Rússia e Coreia do Norte").
SLUG_CONNECTIVES = frozenset({"e", "and"})


class FreeNames:
    """Names made unique with a "-2", "-3"… suffix: ``take("q")`` gives "q", then "q-2", "q-3".

    The next suffix to try is kept per base, so 20,000 copies of one name take 20,000 steps, not
    20,000 x 20,000 / 2 (each copy counting up from "-2" again). Since names are only ever added,
    the name given is still the smallest free one.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self._next_suffix: dict[str, int] = {}

    def take(self, base: str) -> str:
        name = base
        if name in self.taken:
            suffix = self._next_suffix.get(base, 2)
            while f"{base}-{suffix}" in self.taken:
                suffix += 1
            name = f"{base}-{suffix}"
            self._next_suffix[base] = suffix + 1
        self.taken.add(name)
        return name


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
    words = slugify(cloze.fill(prompt, lambda inside: inside)[:500]).split("-")
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
        """A string field; numbers are turned into text because YAML reads ``answer: 1945`` as an int.

        The text is refused past its limit (:data:`TEXT_LIMITS`), or with a NUL character or a lone
        surrogate, which no database column holds."""
        path = path or (key,)
        value = raw.get(key) if isinstance(raw, Mapping) else raw
        if value is None:
            if required:
                self.add(path, N_("'%(field)s' is required", field=path[-1]))
            return None
        if isinstance(value, bool):
            self.add(path, N_("%(value)s was read as a yes/no value; put the text in quotes, e.g. \"yes\"", value=repr(value)))
            return None
        if isinstance(value, int) and abs(value) > limits.NUMBER_MAX:
            self.add(path, N_("the number is too long; put it in quotes to keep it as text"))
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
        most = TEXT_LIMITS.get(key, limits.ANSWER_MAX)
        if len(value) > most:
            self.add(path, N_("the text is %(length)d characters long; at most %(max)d are allowed",
                              length=len(value), max=most))
            return None
        if not self.clean(path, value):
            return None
        return value

    def clean(self, path: tuple, value: str) -> bool:
        """False (and a problem) when ``value`` holds a character no column stores."""
        bad = _UNSTORABLE.search(value)
        if bad is not None:
            self.add(path, N_("character %(position)d is %(char)s, which text cannot hold; remove it",
                              position=bad.start() + 1, char=f"U+{ord(bad.group()):04X}"))
        return bad is None

    def text_list(self, raw: Mapping, key) -> list[str]:
        value = raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((key,), N_("must be a list, e.g. [%(example)s]", example=_example(value)))
            return []
        most = LIST_LIMITS.get(key, limits.ACCEPT_MAX)
        if len(value) > most:
            self.add((key,), N_("%(num)d items; at most %(max)d are allowed", num=len(value), max=most))
            return []
        items = [self.text(item, key, required=True, path=(key, index)) for index, item in enumerate(value)]
        return [item for item in items if item is not None]


def _kind(value) -> str:
    return {dict: "mapping", list: "list"}.get(type(value), type(value).__name__)


def _example(value) -> str:
    return value[:40] if isinstance(value, str) else "a, b"


def question_from_dict(
    raw: dict, *, path: str = "questions[0]", line_of: LineOf | None = None, language: str | None = None,
    media: MediaSource | None = None, files: dict[str, bytes] | None = None,
) -> tuple[QuestionData | None, list[Problem]]:
    """Validate one question mapping; return the question (None if refused) and every problem found.

    An absent ``id`` is derived from the type and prompt; :func:`set_from_dict` then keeps derived
    ids unique within the set. ``language`` lets an ambiguous number such as ``"10.000"`` be read the way the set writes it.
    With ``media``, every file the question names is looked up there and its bytes checked; the
    bytes are kept in ``files`` by name.
    """
    check = _Checker(parse_field_name(path), line_of)
    if not isinstance(raw, Mapping):
        check.add((), N_("each question must be a mapping of fields, not a %(kind)s", kind=_kind(raw)))
        return None, check.problems
    raw = dict(raw)
    qtype = check.text(raw, "type", required=True)
    if qtype is not None and qtype not in QUESTION_TYPES:
        check.add(("type",), N_("unknown type %(type)s; use one of: %(known)s", type=repr(qtype[:40]), known=", ".join(QUESTION_TYPES)))
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

    qid = _id_text(raw.get("id"))
    if qid is not None and (not isinstance(qid, str) or not ID_PATTERN.match(qid)):
        check.add(("id",), N_("an id is letters, digits, '-', '_', '.' or ':' (at most %(max)d), "
                              "starting with a letter or digit; or leave it out to derive one", max=limits.ID_MAX))
        qid = None
    prompt = check.text(raw, "prompt", required=True)
    explanation = check.text(raw, "explanation", required=False) or None
    tags = check.text_list(raw, "tags")
    accept = check.text_list(raw, "accept")
    choices = check.text_list(raw, "choices")
    source = _source(check, raw.get("source"))
    text_format = _text_format(check, raw.get("text_format"))
    media_refs = _media(check, raw.get("media"), media, files if files is not None else {})
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
            blanks = cloze.blanks(prompt)
            inside = blanks[0][2].strip() if len(blanks) == 1 else ""
            if len(blanks) != 1 or not inside:
                check.add(("prompt",), N_("a cloze prompt needs exactly one {{...}} blank around the answer, on one "
                                          "line, found %(num)d; e.g. 'Water boils at {{100}} degrees.'", num=len(blanks)))
            elif len(inside) > limits.ANSWER_MAX:
                check.add(("prompt",), N_("the blank holds %(length)d characters; at most %(max)d are allowed",
                                          length=len(inside), max=limits.ANSWER_MAX))
            elif answer and answer != inside:
                check.add(("answer",), N_("the answer %(answer)s differs from the blank {{%(blank)s}}; "
                                          "make them the same or leave 'answer' out", answer=repr(answer), blank=inside))
            else:
                answer = inside
                start, end, _ = blanks[0]
                # Spliced in, not substituted: a backslash in the answer stays a backslash.
                prompt = prompt[:start] + "{{" + answer + "}}" + prompt[end:]
    elif qtype is not None:
        answer = check.text(raw, "answer", required=True)

    if qtype == "multiple_choice" and answer is not None:
        if len(choices) < 2:
            check.add(("choices",), N_("a multiple_choice question needs at least 2 choices, the answer among them"))
        elif len(set(choices)) != len(choices):
            check.add(("choices",), N_("choices repeat; each choice must be different"))
        elif answer not in choices:
            check.add(("answer",), N_("the answer %(answer)s is not among the choices; add it to 'choices'", answer=repr(answer)))

    # The answers are checked first: feedback and credit name them (None: unknown, so not checked).
    answers = answer_texts(qtype, answer, choices, accept) if answer is not None else None
    feedback = check_feedback(check, raw, qtype, answers)
    credit = check_credit(check, raw, qtype, answer, answers)

    if check.problems:
        return None, check.problems
    return QuestionData(
        id=qid or derive_id(qtype, prompt), type=qtype, prompt=prompt, answer=answer, choices=choices,
        accept=accept, tolerance=tolerance, explanation=explanation, source=source, tags=tags,
        text_format=text_format, media=media_refs, feedback=feedback, credit=credit,
    ), []


def _media(check: _Checker, value, source: MediaSource | None, files: dict[str, bytes]) -> list[MediaRef]:
    """``media: [{file: heart.png, alt: A heart, field: prompt}]`` (a bare file name is a prompt image without text).

    The key is ``field``, not ``on``: YAML 1.1 reads a bare ``on`` as the boolean true."""
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(("media",), N_("media is a list of files, e.g. [{file: heart.png, alt: A human heart}]"))
        return []
    refs = []
    for index, item in enumerate(value):
        path = ("media", index)
        if isinstance(item, str):
            item = {"file": item}
        if not isinstance(item, Mapping):
            check.add(path, N_("each media entry is a mapping such as {file: heart.png, alt: A human heart}"))
            continue
        for key in item:
            if key not in ("file", "alt", "field"):
                check.add(path + (key,), N_("unknown field %(key)s in media; known fields: file, alt, field", key=repr(key)))
        name = check.text(item, "file", required=True, path=path + ("file",))
        alt = check.text(item, "alt", required=False, path=path + ("alt",)) or ""
        on = check.text(item, "field", required=False, path=path + ("field",)) or "prompt"
        if on not in MEDIA_FIELDS:
            check.add(path + ("field",), N_("media is shown with one of: %(known)s", known=", ".join(MEDIA_FIELDS)))
            continue
        if name is None:
            continue
        normal = safe_name(name)
        if normal is None:
            check.add(path + ("file",), N_("%(file)s is not a file name inside the set's folder", file=repr(name)))
            continue
        if len(normal) > MEDIA_NAME_MAX:
            check.add(path + ("file",), N_("the file name is %(length)d characters long; at most %(max)d are kept",
                                           length=len(normal), max=MEDIA_NAME_MAX))
            continue
        if source is not None and normal not in files:
            content = source(normal)
            if content is None:
                check.add(path + ("file",), N_(
                    "%(file)s is not among the set's files (put it beside the YAML file, or upload a .zip of the "
                    "YAML and its media)", file=normal))
                continue
            try:
                identify(content)
            except MediaRefused as refused:
                check.add(path + ("file",), N_("%(file)s: %(reason)s", file=normal, reason=refused.message))
                continue
            files[normal] = content
        refs.append(MediaRef(file=normal, on=on, alt=alt))
    return refs


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
    if isinstance(value, str):
        try:
            value = parse_number(value, language)
        except ValueError as error:
            check.add((key,), str(error)[:300])
            return None
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            check.add((key,), N_("'%(field)s' must be a finite number", field=key))
            return None
        if abs(value) > limits.NUMBER_MAX:
            check.add((key,), N_("'%(field)s' must be between -%(max)s and %(max)s", field=key,
                                 max=f"{limits.NUMBER_MAX:.0e}"))
            return None
        return normalize_number(value)
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
    if sentence is not None and (isinstance(sentence, bool) or not isinstance(sentence, int)
                                 or not 0 <= sentence <= limits.SENTENCE_MAX):
        check.add(("source", "sentence"), N_("sentence must be a whole number from 0 to %(max)d", max=limits.SENTENCE_MAX))
        sentence = None
    doc = check.text(value, "doc", required=False, path=("source", "doc"))
    quote = check.text(value, "quote", required=False, path=("source", "quote"))
    return SourceRef(doc=doc or None, sentence=sentence, quote=quote or None)


def set_from_dict(raw, *, filename: str | None = None, line_of: LineOf | None = None,
                  media: MediaSource | None = None) -> SetData:
    """Validate a whole question-set mapping; raise :class:`FormatError` listing every problem.

    ``media`` finds the files the questions name (see :func:`question_from_dict`); they come back
    in the set's ``media``."""
    check = _Checker((), line_of)
    if not isinstance(raw, Mapping):
        check.add((), N_("a question set is a mapping with 'title' and 'questions', not a %(kind)s", kind=_kind(raw)))
        raise FormatError(check.problems, filename)
    for key in raw:
        if key not in SET_KEYS:
            check.add((key,), N_("unknown field %(key)s; known fields: %(known)s", key=repr(key)[:60], known=", ".join(SET_KEYS)))
    title = check.text(raw, "title", required=True)
    language = check.text(raw, "language", required=False) or "en"
    if not _LANGUAGE_PATTERN.match(language):
        check.add(("language",), N_("%(language)s is not a language code; use one such as en, pt or pt-BR", language=repr(language)))
    slug = check.text(raw, "slug", required=False)
    if slug and slugify(slug) != slug:
        check.add(("slug",), N_("a slug is lowercase letters, digits and hyphens, e.g. %(example)s", example=repr(slugify(slug))))
    if not slug and title:
        # Room is left for the "-2" a taken slug gets; letters such as "ﷺ" spell out to many.
        slug = slugify(title)[:DERIVED_SLUG_MAX].strip("-") or "set-" + hashlib.sha1(title.encode()).hexdigest()[:8]
    description = check.text(raw, "description", required=False) or ""
    sources = _sources(check, raw.get("sources"))

    questions: list[QuestionData] = []
    derived: list[QuestionData] = []  # the questions whose id was not written in the file
    files: dict[str, bytes] = {}
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        check.add(("questions",), N_("a set needs a non-empty list of questions under 'questions'"))
        raw_questions = []
    elif len(raw_questions) > limits.QUESTIONS_MAX:
        check.add(("questions",), N_("%(num)d questions; a set holds at most %(max)d, so split the file",
                                     num=len(raw_questions), max=limits.QUESTIONS_MAX))
        raw_questions = []
    for index, raw_question in enumerate(raw_questions):
        question, problems = question_from_dict(
            raw_question, path=f"questions[{index}]", line_of=line_of,
            # Only a stated language settles "10.000"; the default "en" is not the author's word.
            language=language if raw.get("language") else None, media=media, files=files,
        )
        check.problems.extend(problems)
        if question is not None:
            questions.append(question)
            if _id_text(raw_question.get("id")) is None:
                derived.append(question)
    _check_ids(check, raw_questions, derived)
    if check.problems:
        raise FormatError(check.problems, filename)
    return SetData(title=title, slug=slug, language=language, description=description,
                   sources=sources, questions=questions, media=files)


def _sources(check: _Checker, value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(("sources",), N_("sources must be a list of mappings, each with an 'id'"))
        return []
    if len(value) > limits.SOURCES_MAX:
        check.add(("sources",), N_("%(num)d items; at most %(max)d are allowed", num=len(value), max=limits.SOURCES_MAX))
        return []
    out = []
    for index, source in enumerate(value):
        source_id = _id_text(source.get("id")) if isinstance(source, Mapping) else None
        if source_id is None or not isinstance(source.get("id"), (str, int)):
            check.add(("sources", index), N_("each source must be a mapping with an 'id', e.g. {id: article-1, title: ...}"))
            continue
        if len(source_id) > limits.SOURCE_DOC_MAX or not check.clean(("sources", index, "id"), source_id):
            check.add(("sources", index, "id"), N_("a source id is at most %(max)d characters", max=limits.SOURCE_DOC_MAX))
            continue
        entry = {"id": source_id}
        for key, item in source.items():
            if key != "id" and _plain_value(check, ("sources", index, key), item):
                entry[str(key)] = item
        out.append(entry)
    return out


def _plain_value(check: _Checker, path: tuple, value, depth: int = 0) -> bool:
    """True when ``value`` is stored as JSON unchanged on both databases: text, a bounded finite
    number, true/false, null, or lists and mappings of those; else a problem naming the field."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, str):
        if len(value) > limits.QUOTE_MAX:
            check.add(path, N_("the text is %(length)d characters long; at most %(max)d are allowed",
                               length=len(value), max=limits.QUOTE_MAX))
            return False
        return check.clean(path, value)
    if isinstance(value, (int, float)):
        if value != value:
            check.add(path, N_("'%(field)s' must be a finite number", field=path[-1]))
            return False
        if abs(value) > limits.NUMBER_MAX:
            check.add(path, N_("'%(field)s' must be between -%(max)s and %(max)s", field=path[-1],
                               max=f"{limits.NUMBER_MAX:.0e}"))
            return False
        return True
    if isinstance(value, list):
        return all([_plain_value(check, path + (index,), item, depth + 1) for index, item in enumerate(value)])
    if isinstance(value, Mapping):
        return all([isinstance(key, str) and check.clean(path + (key,), key)
                    and _plain_value(check, path + (key,), item, depth + 1) for key, item in value.items()])
    check.add(path, N_("must be text, a number, true/false, a list or a mapping, not a %(kind)s", kind=_kind(value)))
    return False


def _id_text(value) -> str | None:
    """An id as text (YAML reads ``id: 12`` as a number); None for a value that is no id at all."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if abs(value) <= limits.NUMBER_MAX else None
    return value if isinstance(value, str) else None


def _check_ids(check: _Checker, raw_questions: list, derived: list[QuestionData]) -> None:
    """Refuse repeated explicit ids; suffix a derived id that collides (the same prompt twice)."""
    explicit: dict[str, int] = {}
    for index, raw_question in enumerate(raw_questions):
        qid = _id_text(raw_question.get("id")) if isinstance(raw_question, Mapping) else None
        if qid is None:
            continue
        if qid in explicit:
            check.add(("questions", index, "id"), N_(
                "id %(id)s is already used by questions[%(index)d]; ids must be unique in a set",
                id=repr(qid), index=explicit[qid]))
        else:
            explicit[qid] = index
    names = FreeNames(explicit)
    for question in derived:
        question.id = names.take(question.id)
