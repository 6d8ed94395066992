"""Anki notes as quizapp questions, shared by the .apkg reader and the notes-as-text reader.

A note becomes one question per card Anki would show: Basic gives front -> back, Basic-and-reversed
adds back -> front, type-in-answer gives a short answer, and a Cloze note gives one cloze question
per cloze number (the other numbers' text shown as written). Other note types are read by their
first two fields. Fields are HTML: they are reduced to the plain text a question holds, and what is
lost on the way (hints; images and sounds when the notes come without their files) is named so the
teacher can agree before importing. Notes read from a package keep their images and sounds as the
question's media, on the side the field is shown: a card's front on the prompt, its back on the
answer, a cloze's Back Extra on the explanation. The per-answer feedback our own packages list on a
card's back (``<div class="feedback">``) comes back as the question's explanation, not as its answer.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from quizapp import limits
from quizapp.formats.anki_media import PackageMedia
from quizapp.formats.markup import html_to_text, media_in
from quizapp.formats.media import MEDIA_ONLY_TEXT
from quizapp.formats.results import ReadResult, Skipped, finish_read

# A note with more cloze numbers is skipped: each number is a question holding the whole text.
MAX_CLOZE_NUMBERS = 100
# Private-use marks for the blank while the HTML around it is reduced to text.
_OPEN, _CLOSE = "\ue020", "\ue021"


@dataclass(frozen=True)
class Gap:
    """One ``{{c<number>::answer::hint}}`` of a Cloze note's text (``text[start:end]``)."""

    start: int
    end: int
    number: int
    answer: str
    hint: str | None


def cloze_gaps(text: str) -> list[Gap]:
    r"""Anki's cloze gaps, as ``\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}`` (DOTALL) finds them, in one pass.

    That expression backtracks: 400 unclosed ``{{c1::`` took 4 s, a 40 KB note minutes. Here a gap
    ends at the first ``}}`` after its ``::``, its hint starts at the first ``::`` before that, and a
    text with no ``}}`` left has no more gaps. Numbers of more than six digits are no gap.
    """
    gaps: list[Gap] = []
    position, close = 0, -2
    while True:
        start = text.find("{{c", position)
        if start < 0:
            return gaps
        digits = end_digits = start + 3
        while end_digits < len(text) and end_digits - digits <= 6 and "0" <= text[end_digits] <= "9":
            end_digits += 1
        if not 0 < end_digits - digits <= 6 or not text.startswith("::", end_digits):
            position = start + 1
            continue
        inner = end_digits + 2
        if close != -1 and close < inner:
            close = text.find("}}", inner)
        if close < 0:
            return gaps
        hint_at = text.find("::", inner, close)
        answer, hint = (text[inner:close], None) if hint_at < 0 else (text[inner:hint_at], text[hint_at + 2:close])
        gaps.append(Gap(start, close + 2, int(text[digits:end_digits]), answer, hint))
        position = close + 2


def fill_gaps(text: str, gaps: list[Gap], replace) -> str:
    """``text`` with each gap replaced by ``replace(gap)``."""
    parts, last = [], 0
    for gap in gaps:
        parts += [text[last:gap.start], replace(gap)]
        last = gap.end
    parts.append(text[last:])
    return "".join(parts)


@dataclass
class Note:
    """One note as read from a file. ``where`` is its line (text export) or its number (package)."""

    fields: list[str]
    where: int | None
    guid: str | None = None
    tags: list[str] = field(default_factory=list)
    cloze: bool = False
    typed: bool = False
    # Which cards the note has: "forward" (first field asked) and/or "reverse" (second field asked).
    cards: tuple[str, ...] = ("forward",)
    html: bool = True
    deck: str = ""  # the Anki deck the note's cards sit in ("Geography::Rivers")
    # The note type's field names, to name the field a problem is in.
    field_names: tuple[str, ...] = ()

    def field_label(self, index: int) -> str:
        return repr(self.field_names[index]) if index < len(self.field_names) else f"{index + 1}"

    def question_id(self, suffix: str) -> str | None:
        """A stable id from the note's GUID, so importing the deck again updates its questions."""
        if not self.guid:
            return None
        return f"anki-{hashlib.sha1(self.guid.encode()).hexdigest()[:12]}{suffix}"


def card_suffix(note: Note, ordinal: int, direction: str) -> str:
    """What tells a note's questions apart: the cloze number, or the reverse direction."""
    if note.cloze:
        return f"-c{ordinal + 1}"
    return "-reverse" if direction == "reverse" and not note.typed else ""


@dataclass
class NoteQuestions:
    questions: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dropped: list[Skipped] = field(default_factory=list)


@dataclass
class NoteReader:
    """Collects the questions of a file's notes in order, each at its note's line (or number)."""

    questions: list[dict] = field(default_factory=list)
    lines: dict[tuple, int] = field(default_factory=dict)
    decks: list[str] = field(default_factory=list)  # each question's deck, in order
    skipped: list[Skipped] = field(default_factory=list)
    dropped: list[Skipped] = field(default_factory=list)
    # The package's media files, when the notes come with them (None: a text export, which has none).
    media: PackageMedia | None = None

    def add(self, note: Note) -> None:
        result = read_note(note, self.media)
        for question in result.questions:
            self.lines[("questions", len(self.questions))] = note.where
            self.questions.append(question)
            self.decks.append(note.deck)
        self.skipped += result.skipped
        self.dropped += result.dropped

    def finish(self, problems: list, filename: str | None, title: str | None, hint: str) -> ReadResult:
        result = finish_read(self.questions, self.lines, problems, filename, title, skipped=self.skipped,
                             dropped=self.dropped, hint=hint,
                             media=None if self.media is None else self.media.files.get)
        result.decks = list(self.decks) if any(self.decks) else []
        return result


def kind_from_name(notetype: str) -> dict:
    """What Anki's stock note types are, by name (the text export carries only the name)."""
    name = notetype.lower()
    if "cloze" in name:
        return {"cloze": True}
    if "type in" in name:
        return {"typed": True}
    if "optional reversed" in name:
        return {"cards": ("forward", "optional reverse")}
    if "reversed" in name:
        return {"cards": ("forward", "reverse")}
    return {}


def _text(note: Note, value: str) -> str:
    return html_to_text(value) if note.html else " ".join(value.split())


def _label(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


class _NoteMedia:
    """The files each field of a note names, given to the questions that show that field."""

    def __init__(self, note: Note, label: str, media: PackageMedia | None, out: NoteQuestions):
        self.note, self.label, self.media, self.out = note, label, media, out
        self.found = [media_in(value) if note.html else [] for value in note.fields]
        self.used: set[int] = set()
        self.reported: set[str] = set()

    def first_kind(self, index: int) -> str | None:
        return self.found[index][0][1] if index < len(self.found) and self.found[index] else None

    def refs(self, index: int, on: str) -> list[dict]:
        """The media entries of field ``index`` shown on the question's ``on`` (prompt, answer, explanation)."""
        self.used.add(index)
        refs = []
        for name, _, alt in self.found[index] if index < len(self.found) else []:
            file, why = self.media.take(name) if self.media is not None else (None, None)
            if file is not None:
                refs.append({"file": file, "field": on, **({"alt": alt[:limits.ANSWER_MAX]} if alt else {})})
            elif why is not None:
                self._drop(name, f"note {self.note.where}, field {self.note.field_label(index)}: {why}")
        return refs

    def finish(self) -> None:
        """Name the files no question shows: those of fields no card asks, or of notes read without their files."""
        for index, found in enumerate(self.found):
            if index not in self.used or self.media is None:
                for name, _, _ in found:
                    self._drop(name, f"the media file {name!r} is not kept")

    def _drop(self, name: str, reason: str) -> None:
        if name not in self.reported:
            self.reported.add(name)
            self.out.dropped.append(Skipped(self.note.where, self.label or name, reason))


def _with_media(question: dict, refs: list[dict]) -> dict:
    if refs:
        question["media"] = question.get("media", []) + refs
    return question


_FEEDBACK_OPEN = '<div class="feedback">'


def split_feedback(note: Note, back: str) -> tuple[str, str]:
    """(the back without the feedback list quizapp's packages write there, that list's text)."""
    start = back.find(_FEEDBACK_OPEN) if note.html else -1
    end = back.find("</div>", start)
    if start < 0 or end < 0:
        return back, ""
    said = _text(note, back[start + len(_FEEDBACK_OPEN):end])
    rest = back[:start] + back[end + len("</div>"):]
    # The list comes after the back's own parts, joined by a line break.
    return (rest[:-4] if rest.endswith("<br>") else rest), said


def _explained(question: dict, said: str) -> dict:
    """``question`` with ``said`` after its explanation, when the two fit in one."""
    explanation = "\n".join(part for part in (question.get("explanation", ""), said) if part)
    if said and len(explanation) <= limits.EXPLANATION_MAX:
        question["explanation"] = explanation
    return question


def read_note(note: Note, media: PackageMedia | None = None) -> NoteQuestions:
    """The questions of one note, with what was skipped or dropped; ``media`` finds the files its fields name."""
    out = NoteQuestions()
    fields = list(note.fields) + ["", ""]
    back, said = split_feedback(note, fields[1])
    # A list too long for an explanation stays where it was, on the answer: nothing is lost unsaid.
    moved = bool(said) and len(said) <= limits.EXPLANATION_MAX
    if moved:
        fields[1] = back
    gaps = cloze_gaps(fields[0])
    label = _label(_text(note, fill_gaps(fields[0], gaps, lambda gap: gap.answer)))
    files = _NoteMedia(note, label, media, out)
    base = {"tags": list(note.tags)} if note.tags else {}
    if note.cloze or gaps:
        _cloze_questions(note, fields, base, out, files)
    else:
        _card_questions(note, fields, base, out, files)
    files.finish()
    if moved:
        out.questions = [_explained(question, said) for question in out.questions]
    return out


def _shown_text(note: Note, fields: list[str], index: int, files: _NoteMedia) -> str:
    """A field's text; a field holding only an image or a sound shows a sign of it, so the card still asks."""
    text = _text(note, fields[index])
    kind = files.first_kind(index) if files.media is not None else None
    return text or (MEDIA_ONLY_TEXT[kind] if kind else "")


def _card_questions(note: Note, fields: list[str], base: dict, out: NoteQuestions, files: _NoteMedia) -> None:
    first, back = _shown_text(note, fields, 0, files), _shown_text(note, fields, 1, files)
    if not first or not back:
        out.skipped.append(Skipped(note.where, _label(first or back or "(empty note)"),
                                   "the note's first two fields are not both filled"))
        return
    if note.typed:
        out.questions.append(_with_media({**base, "type": "short_answer", "prompt": first, "answer": back,
                                          **_id(note, "")}, files.refs(0, "prompt") + files.refs(1, "answer")))
        return
    cards = list(note.cards)
    if "optional reverse" in cards:
        cards.remove("optional reverse")
        if len(fields) > 2 and _text(note, fields[2]):
            cards.append("reverse")
    for card in dict.fromkeys(cards):
        asked, shown = (0, 1) if card == "forward" else (1, 0)
        prompt, answer = (first, back) if card == "forward" else (back, first)
        out.questions.append(_with_media({**base, "type": "flashcard", "prompt": prompt, "answer": answer,
                                          **_id(note, "" if card == "forward" else "-reverse")},
                                         files.refs(asked, "prompt") + files.refs(shown, "answer")))


def _id(note: Note, suffix: str) -> dict:
    qid = note.question_id(suffix)
    return {"id": qid} if qid else {}


def _cloze_questions(note: Note, fields: list[str], base: dict, out: NoteQuestions, files: _NoteMedia) -> None:
    text = fields[0]
    gaps = cloze_gaps(text)
    by_number: dict[int, list[Gap]] = {}
    for gap in gaps:
        by_number.setdefault(gap.number, []).append(gap)
    numbers = sorted(by_number)
    label = _label(_text(note, fill_gaps(text, gaps, lambda gap: gap.answer)))
    if not numbers:
        out.skipped.append(Skipped(note.where, label or "(empty note)", "a Cloze note without any {{c1::...}} gap"))
        return
    if len(numbers) > MAX_CLOZE_NUMBERS:
        out.skipped.append(Skipped(note.where, label, f"the note has {len(numbers)} cloze numbers; "
                                                      f"at most {MAX_CLOZE_NUMBERS} are read"))
        return
    if any(gap.hint for gap in gaps):
        out.dropped.append(Skipped(note.where, label, "cloze hints (the text after '::') are not kept"))
    extra = _text(note, fields[1])
    for number in numbers:
        if len(by_number[number]) > 1:
            out.skipped.append(Skipped(note.where, label, f"cloze c{number} has {len(by_number[number])} gaps; "
                                                          "a quizapp cloze has one gap"))
            continue

        def fill(gap, number=number):
            return f"{_OPEN}{gap.answer}{_CLOSE}" if gap.number == number else gap.answer

        prompt = _text(note, fill_gaps(text, gaps, fill))
        answer = prompt[prompt.find(_OPEN) + 1:prompt.find(_CLOSE)].strip()
        if not answer:
            out.skipped.append(Skipped(note.where, label, f"cloze c{number} is empty"))
            continue
        prompt = prompt.replace(_OPEN, "{{").replace(_CLOSE, "}}")
        question = {**base, "type": "cloze", "prompt": prompt, **_id(note, f"-c{number}")}
        if extra:
            question["explanation"] = extra
        # A Back Extra holding only a file shows it after answering, as it does in Anki.
        out.questions.append(_with_media(question, files.refs(0, "prompt") + files.refs(1, "explanation")))
