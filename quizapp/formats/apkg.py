"""Anki package (.apkg) writer: one note per question.

Cloze questions become Anki Cloze notes (``{{c1::...}}``); the others a basic note with fields
Front, Back and Source. Model ids are constants and deck ids and note GUIDs derive from the
set's slug and the question ids, so exporting the same set again updates the notes already in
a student's collection instead of duplicating them.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
import tempfile
from typing import TYPE_CHECKING

from quizapp.formats.markup import render
from quizapp.formats.cloze import blank_or_end
from quizapp.formats.model import SetData
from quizapp.formats.numbers import number_text

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


def _back(question) -> str:
    if question.type == "true_false":
        back = "True" if question.answer else "False"
    elif question.type == "numeric" and question.tolerance:
        back = f"{number_text(question.answer)} (± {number_text(question.tolerance)})"
    elif question.type == "numeric":
        back = number_text(question.answer)
    else:
        back = str(question.answer)
    explanation = _explanation(question)
    return "<br>".join([_html(back), *_also(question),
                        *([_field(question, "explanation", explanation)] if explanation else [])])


def cloze_text(answer: str) -> str:
    """An answer inside ``{{c1::...}}``: Anki cuts at ``::`` (its hint separator) and ends at ``}}``,
    so colons and closing braces are written as character references, which Anki shows as typed."""
    return _html(answer).replace(":", "&#58;").replace("}", "&#125;")


def _front(question) -> str:
    front = _field(question, "prompt", question.prompt)
    if question.type == "multiple_choice":
        front += "<ol type=\"A\">" + "".join(f"<li>{_html(choice)}</li>" for choice in question.choices) + "</ol>"
    return front


def note_for(set_data: SetData, question) -> genanki.Note:
    """The Anki note for one question."""
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
        explanation = _explanation(question)
        extra = "<br>".join(_also(question) + ([_field(question, "explanation", explanation)] if explanation else []))
        return genanki.Note(model=cloze_model, fields=[text, extra, source], tags=tags, guid=guid)
    return genanki.Note(model=basic_model, fields=[_front(question), _back(question), source], tags=tags, guid=guid)


def write(set_data: SetData) -> bytes:
    """The set as an .apkg file's bytes: one deck named after the set, one note per question."""
    import genanki

    deck = genanki.Deck(stable_id(f"quizapp deck {set_data.slug}"), set_data.title,
                        description=_html(set_data.description))
    for question in set_data.questions:
        deck.add_note(note_for(set_data, question))
    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        genanki.Package(deck).write_to_file(path)
        with open(path, "rb") as produced:
            return produced.read()
    finally:
        os.unlink(path)
