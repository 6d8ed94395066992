"""Anki packages in: decks built and exported by Anki itself, in its current and legacy layouts."""
import io
import zipfile

import pytest

from quizapp import formats
from quizapp.formats import FormatError
from tests.formats.anki_tools import IMAGE_ALT, MP3, PNG, build_deck, export_deck


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """The same deck exported by Anki twice: current layout (collection.anki21b, zstd) and legacy."""
    folder = tmp_path_factory.mktemp("anki")
    col, notes = build_deck(folder)
    try:
        out = {legacy: export_deck(col, "Geography::Rivers", folder / f"deck-{legacy}.apkg", legacy=legacy).read_bytes()
               for legacy in (False, True)}
        revlog = col.db.all("SELECT id, ease FROM revlog ORDER BY id")
    finally:
        col.close()
    return out, revlog


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_every_note_kind_becomes_questions(packages, legacy):
    """Basic, reversed (both ways), cloze (one per number), type-in and media notes come in, tagged by deck,
    the image and the sound with their bytes on the prompt."""
    content = packages[0][legacy]
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert ("collection.anki21" if legacy else "collection.anki21b") in names
    assert formats.detect_format(content, filename="deck.apkg") == "apkg"
    result = formats.read(content, filename="deck.apkg")
    assert result.set.title == "Geography"
    assert [(q.type, q.prompt, q.answer) for q in result.set.questions] == [
        ("flashcard", "Capital of Portugal", "Lisbon"),
        ("flashcard", "gato", "cat"),
        ("flashcard", "cat", "gato"),
        ("cloze", "{{Paris}} is the capital of France", "Paris"),
        ("cloze", "Paris is the capital of {{France}}", "France"),
        ("short_answer", "River through Lisbon?", "Tagus"),
        ("flashcard", "Which river is this?", "Tagus"),
        ("flashcard", "Which word is this?", "rio"),
    ]
    assert result.set.questions[0].tags == ["iberia", "Geography::Rivers"]
    assert result.set.questions[3].explanation == "In Europe."
    assert result.dropped == []
    image, sound = result.set.questions[6], result.set.questions[7]
    assert [ref.to_dict() for ref in image.media] == [{"file": "tagus.png", "alt": IMAGE_ALT}]
    assert [ref.to_dict() for ref in sound.media] == [{"file": "tagus.mp3"}]
    assert result.set.media == {"tagus.png": PNG, "tagus.mp3": MP3}


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_review_history_comes_along(packages, legacy):
    """Every answer of Anki's review log is read with its rating and time, for the basic note's card."""
    content, revlog = packages[0][legacy], packages[1]
    result = formats.read(content, filename="deck.apkg")
    basic_id = result.set.questions[0].id
    assert [(r.question_id, r.rating, int(r.reviewed_at.timestamp() * 1000)) for r in result.history] == [
        (basic_id, ease, review_id) for review_id, ease in revlog]


def test_ids_are_stable_across_layouts(packages):
    """The question ids come from Anki's note GUIDs, so re-importing a deck updates it in place."""
    ids = [[q.id for q in formats.read(content, filename="d.apkg").set.questions] for content in packages[0].values()]
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0])


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("members, message", [
    ({"collection.anki2": b"\0" * (8 * 2**20)}, "zip bomb"),
    ({"collection.anki2": b"SQLite format 3\0", "../../etc/passwd": b"x"}, "outside the package"),
    ({"collection.anki2": b"SQLite format 3\0", "/abs": b"x"}, "outside the package"),
    ({"notes.txt": b"hello"}, "no Anki collection"),
    ({"collection.anki2": b"not a database"}, "not an SQLite database"),
    ({"collection.anki21b": b"\x28\xb5\x2f\xfd garbage"}, "not valid zstd"),
])
def test_hostile_packages_are_refused_before_extracting(members, message):
    """Bombs, climbing names, missing or damaged collections are refused with a message."""
    with pytest.raises(FormatError, match=message):
        formats.read(zip_of(members), format="apkg", filename="evil.apkg")


def test_oversize_member_is_refused_from_its_declared_size(monkeypatch):
    """A member declaring more than the per-file limit is refused without being inflated."""
    from quizapp.formats import anki_package

    monkeypatch.setattr(anki_package, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(FormatError, match="more than the limit of 1000"):
        formats.read(zip_of({"collection.anki2": b"x" * 2000}, zipfile.ZIP_STORED), format="apkg")


def test_our_apkg_comes_back(tmp_path):
    """Our own export imports again with the same questions (multiple choice as flashcards in Anki)."""
    from tests.formats.formats_factories import gen_question, gen_set

    original = gen_set([gen_question(id="q", prompt="Which river crosses Lisbon?", answer="Tagus"),
                        gen_question(id="c", type="cloze", prompt="It ends at {{Porto}}.", answer="Porto")])
    back = formats.read(formats.write(original, "apkg"), filename="rivers.apkg").set
    assert [(q.type, q.prompt, q.answer) for q in back.questions] == [
        ("flashcard", "Which river crosses Lisbon?", "Tagus"), ("cloze", "It ends at {{Porto}}.", "Porto")]
