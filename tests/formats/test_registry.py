"""The format registry: detection, round trips through every text format, and the Anki package."""
import io
import sqlite3
import zipfile

import pytest

from quizapp import formats
from quizapp.formats import FormatError, QuestionData
from quizapp.formats.model import derive_id
from tests.formats.formats_factories import gen_every_type_set, gen_set


def test_registry_names():
    """Every format the contract lists is registered."""
    assert set(formats.FORMATS) == {"yaml", "zip", "gift", "aiken", "csv", "apkg", "moodle", "anki-text", "quizlet"}


@pytest.mark.parametrize("name", ["yaml", "zip", "gift", "csv", "aiken", "apkg", "moodle", "quizlet"])
def test_detect_written_content(name):
    """Each format's own output is recognised from its content alone."""
    assert formats.detect_format(formats.write(gen_every_type_set(), name)) == name


def test_extension_when_no_signature_matches():
    """A known extension names the reader when the content carries no signature."""
    assert formats.detect_format("anything", filename="x.GIFT") == "gift"


def test_undetectable_refused():
    """Content no format recognises is refused, listing the formats."""
    with pytest.raises(FormatError, match="could not tell the format"):
        formats.detect_format("just some prose\n")


def test_damaged_apkg_is_refused():
    """A file named .apkg that is no zip archive is refused with a message, not a crash."""
    with pytest.raises(FormatError, match="not a zip archive"):
        formats.read(b"PK\x03\x04rest", filename="deck.apkg")


def test_read_respects_max_bytes():
    """Any format refuses input over max_bytes."""
    with pytest.raises(FormatError, match="limit of 10"):
        formats.read("Is the Ebro long?{T}\n", format="gift", max_bytes=10)


@pytest.mark.parametrize("name", ["yaml", "csv"])
def test_lossless_round_trip(name):
    """Export then import gives back the same questions, every type, in YAML and CSV."""
    original = gen_every_type_set()
    back = formats.read(formats.write(original, name), filename=f"x.{name}", title=original.title).set
    assert back.questions == original.questions
    assert (back.title, back.slug) == (original.title, original.slug)


def test_gift_round_trip():
    """GIFT keeps every type except flashcards (short answers) and provenance."""
    original = gen_every_type_set()
    back = formats.read(formats.write(original, "gift"), format="gift").set
    assert [(q.id, q.prompt, q.answer, q.choices, q.accept, q.tolerance, q.explanation, q.tags)
            for q in back.questions] == [(q.id, q.prompt, q.answer, q.choices, q.accept, q.tolerance, q.explanation,
                                          q.tags) for q in original.questions]
    assert [q.type for q in back.questions] == [q.type.replace("flashcard", "short_answer") for q in original.questions]


def test_aiken_round_trip_multiple_choice():
    """Aiken keeps multiple-choice questions; ids come back derived from the prompt."""
    questions = [QuestionData(id=derive_id("multiple_choice", prompt), type="multiple_choice", prompt=prompt,
                              answer=choices[1], choices=choices)
                 for prompt, choices in [("Which river crosses Zaragoza?", ["Tagus", "Ebro", "Douro"]),
                                         ("Which river ends in Lisbon?", ["Ebro", "Tagus"])]]
    original = gen_set(questions)
    back = formats.read(formats.write(original, "aiken"), format="aiken", title=original.title).set
    assert back.questions == original.questions


def test_apkg_opens_as_anki_collection():
    """The .apkg is a zip with an Anki SQLite collection holding one note per question, with its fields."""
    data = gen_every_type_set()
    content = formats.write(data, "apkg")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "collection.anki2" in archive.namelist()
        collection = archive.read("collection.anki2")
    with sqlite3.connect(":memory:") as db:
        db.deserialize(collection)
        notes = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes ORDER BY id")]
        decks = db.execute("SELECT decks FROM col").fetchone()[0]
    assert len(notes) == len(data.questions)
    assert data.title in decks
    fronts = {fields[0] for fields in notes}
    assert "The Douro reaches the sea at {{c1::Porto}}." in fronts
    cloze = next(fields for fields in notes if fields[0].startswith("The Douro"))
    assert cloze[2] == "The Douro ends in Porto."
    mc = next(fields for fields in notes if fields[0].startswith("Which river is the longest"))
    assert "<li>Guadiana</li>" in mc[0] and mc[1].startswith("Tagus")


def test_apkg_ids_are_stable():
    """Deck id and note GUIDs depend on the slug and question ids only."""
    from quizapp.formats import apkg

    first, second = gen_every_type_set(), gen_every_type_set()
    assert apkg.note_for(first, first.questions[0]).guid == apkg.note_for(second, second.questions[0]).guid
    assert apkg.stable_id("quizapp deck rivers") == apkg.stable_id("quizapp deck rivers")
