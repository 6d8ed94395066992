"""Anki package (.apkg) writer: one note per question.

Cloze questions become Anki Cloze notes (``{{c1::...}}``); the others a basic note with fields
Front, Back and Source. Per-answer feedback and partial credit are listed on the back (the Back, or a
cloze's Back Extra) in a ``<div class="feedback">``, one answer a line: ``Venus (50%): Too hot``; Anki
shows them as written (it grades no partial credit) and our reader takes the list back as the
explanation. A question's images and sounds travel as the package's media files,
referenced from the field of their side (``<img src alt>``, ``[sound:...]``) under flat names,
since Anki keeps its media in one folder. Model ids are constants and deck ids and note GUIDs derive from the
set's slug and the question ids, so exporting the same set again updates the notes already in
a student's collection instead of duplicating them.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
import posixpath
import re
import tempfile
from typing import TYPE_CHECKING

from quizapp.formats.markup import render
from quizapp.formats.cloze import blank_or_end
from quizapp.formats.model import SetData
from quizapp.formats.numbers import number_text
from quizapp.formats.per_answer import answer_texts

if TYPE_CHECKING:
    import genanki

_GAP = "\ue050"  # where the cloze goes while the text around it is rendered
_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }\n.source { font-size: 14px; color: #666; }"


def stable_id(text: str) -> int:
    """A positive 31-bit id from text; Anki stores ids as signed 64-bit, genanki wants them below 2**63."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF or 1


@functools.cache
def _models() -> tuple[genanki.Model, genanki.Model]:
    """The basic and the cloze note types; genanki (and its templating) is imported by the first export."""
    import genanki

    basic = genanki.Model(
        stable_id("quizapp basic v1"), "quizapp Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        }],
        css=_CSS,
    )
    cloze = genanki.Model(
        stable_id("quizapp cloze v1"), "quizapp Cloze",
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Source"}],
        templates=[{
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": '{{cloze:Text}}<br>{{Back Extra}}{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        }],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )
    return basic, cloze


class MediaNames:
    """Anki's names for a set's files: flat (Anki's media folder has no subfolders) and plain, since Anki
    reads ``src`` as written; two different files that would share a name are told apart by their hash."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.given: dict[str, str] = {}  # our name -> Anki's
        self.taken: dict[str, bytes] = {}

    def name(self, ours: str) -> str:
        if ours not in self.given:
            content = self.files[ours]
            flat = re.sub(r"[^A-Za-z0-9._-]+", "_", posixpath.basename(ours)).lstrip(".") or "media"
            if self.taken.get(flat, content) != content:
                stem, dot, suffix = flat.rpartition(".")
                digest = hashlib.sha256(content).hexdigest()[:8]
                flat = f"{stem}-{digest}.{suffix}" if dot else f"{flat}-{digest}"
            self.taken[flat] = content
            self.given[ours] = flat
        return self.given[ours]

    def is_sound(self, ours: str) -> bool:
        """Told from the bytes, as everywhere: a file's name says nothing of what it holds."""
        from quizapp.formats.media import MediaRefused, identify

        try:
            return identify(self.files[ours]).kind == "audio"
        except MediaRefused:
            return False


def _media_html(question, on: str, names: MediaNames | None) -> str:
    """The references of the question's files shown on ``on``: an image with its text, a sound as Anki plays it."""
    if names is None:
        return ""
    parts = []
    for ref in question.media:
        if ref.on != on or ref.file not in names.files:
            continue
        name = names.name(ref.file)
        if names.is_sound(ref.file):
            parts.append(f"[sound:{name}]")
        else:
            parts.append(f'<img src="{html.escape(name)}" alt="{html.escape(ref.alt)}">')
    return "<br>".join(parts)


def _with(text: str, media: str) -> str:
    return f"{text}<br>{media}" if text and media else text or media


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _field(question, name: str, text: str) -> str:
    """A prompt or explanation as an Anki field: its HTML or Markdown rendered, plain text escaped."""
    rendered = render(text, question.text_format.get(name, "plain"))
    return _html(text) if rendered is None else rendered


def _explanation(question) -> str | None:
    """The explanation, unless it is the quoted source sentence the Source field already shows."""
    quote = question.source.quote if question.source else None
    return question.explanation if question.explanation and question.explanation != quote else None


def _also(question) -> list[str]:
    return ["<small>also: " + _html(", ".join(question.accept)) + "</small>"] if question.accept else []


FEEDBACK_CLASS = "feedback"


def feedback_html(question) -> str:
    """The question's feedback and credit, one answer a line (``Venus (50%): Too hot``), or nothing."""
    lines = []
    for text in answer_texts(question.type, question.answer, question.choices, question.accept):
        said, credit = question.feedback.get(text), question.credit.get(text)
        if said is None and credit is None:
            continue
        shown = text.capitalize() if question.type == "true_false" else text
        line = _html(shown) + (f" ({number_text(credit)}%)" if credit is not None else "")
        lines.append(line + (f": {_html(said)}" if said else ""))
    return f'<div class="{FEEDBACK_CLASS}">' + "<br>".join(lines) + "</div>" if lines else ""


def _back(question, names: MediaNames | None = None) -> str:
    if question.type == "true_false":
        back = "True" if question.answer else "False"
    elif question.type == "numeric" and question.tolerance:
        back = f"{number_text(question.answer)} (± {number_text(question.tolerance)})"
    elif question.type == "numeric":
        back = number_text(question.answer)
    else:
        back = str(question.answer)
    explanation = _explanation(question)
    return "<br>".join(part for part in [_with(_html(back), _media_html(question, "answer", names)), *_also(question),
                                         _with(_field(question, "explanation", explanation) if explanation else "",
                                               _media_html(question, "explanation", names)),
                                         feedback_html(question)] if part)


def cloze_text(answer: str) -> str:
    """An answer inside ``{{c1::...}}``: Anki cuts at ``::`` (its hint separator) and ends at ``}}``,
    so colons and closing braces are written as character references, which Anki shows as typed."""
    return _html(answer).replace(":", "&#58;").replace("}", "&#125;")


def _front(question, names: MediaNames | None = None) -> str:
    front = _with(_field(question, "prompt", question.prompt), _media_html(question, "prompt", names))
    if question.type == "multiple_choice":
        front += "<ol type=\"A\">" + "".join(f"<li>{_html(choice)}</li>" for choice in question.choices) + "</ol>"
    return front


def note_for(set_data: SetData, question, names: MediaNames | None = None) -> genanki.Note:
    """The Anki note for one question; with ``names``, its files referenced under Anki's names for them."""
    import genanki

    basic_model, cloze_model = _models()
    source = _html(question.source.quote) if question.source and question.source.quote else ""
    # Anki tags are space-separated words.
    tags = ["_".join(tag.split()) for tag in question.tags]
    guid = genanki.guid_for(set_data.slug, question.id)
    if question.type == "cloze":
        start, end, inside = blank_or_end(question.prompt, question.answer)
        marked = question.prompt[:start] + _GAP + question.prompt[end:]
        text = _field(question, "prompt", marked).replace(_GAP, "{{c1::" + cloze_text(inside) + "}}")
        text = _with(text, _media_html(question, "prompt", names))
        explanation = _explanation(question)
        # The back of a cloze card is its text filled in plus Back Extra: the answer's files go there too.
        extra = "<br>".join(part for part in [_media_html(question, "answer", names), *_also(question),
                                              _with(_field(question, "explanation", explanation) if explanation else "",
                                                    _media_html(question, "explanation", names)),
                                              feedback_html(question)] if part)
        return genanki.Note(model=cloze_model, fields=[text, extra, source], tags=tags, guid=guid)
    return genanki.Note(model=basic_model, fields=[_front(question, names), _back(question, names), source], tags=tags,
                        guid=guid)


def write(set_data: SetData) -> bytes:
    """The set as an .apkg file's bytes: one deck named after the set, one note per question, the set's
    media files (those its questions show) as the package's media."""
    import genanki

    deck = genanki.Deck(stable_id(f"quizapp deck {set_data.slug}"), set_data.title,
                        description=_html(set_data.description))
    names = MediaNames(set_data.media)
    for question in set_data.questions:
        deck.add_note(note_for(set_data, question, names))
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as folder:
        # genanki reads media from files and names each by its file's base name.
        media_files = []
        for ours, flat in names.given.items():
            media_path = os.path.join(folder, "media", flat)
            if not os.path.exists(media_path):
                os.makedirs(os.path.dirname(media_path), exist_ok=True)
                with open(media_path, "wb") as out:
                    out.write(set_data.media[ours])
                media_files.append(media_path)
        path = os.path.join(folder, "set.apkg")
        genanki.Package(deck, media_files=media_files).write_to_file(path)
        with open(path, "rb") as produced:
            return produced.read()
