"""Anki's own library (``anki`` on PyPI) as a test tool: build decks the way Anki does, export them
with Anki, and import our packages into a real Anki collection to render their cards."""
from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection


@contextlib.contextmanager
def collection(folder: Path, name: str = "collection.anki2"):
    """A new, empty Anki collection in ``folder``, closed afterwards."""
    col = Collection(str(folder / name))
    try:
        yield col
    finally:
        col.close()


def import_package(col, path: Path, *, with_scheduling: bool = False):
    """Import an .apkg into ``col`` as Anki's desktop app does; the import log."""
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(path), options=anki_collection.ImportAnkiPackageOptions(with_scheduling=with_scheduling))
    return col.import_anki_package(request).log


def export_deck(col, deck_name: str, path: Path, *, legacy: bool, with_scheduling: bool = True,
                with_media: bool = True) -> Path:
    """Export one deck with Anki's exporter, in its legacy (collection.anki2) or current (anki21b) layout."""
    deck_id = col.decks.id_for_name(deck_name)
    col.export_anki_package(out_path=str(path), options=anki_collection.ExportAnkiPackageOptions(
        with_scheduling=with_scheduling, with_deck_configs=False, with_media=with_media, legacy=legacy),
        limit=anki_collection.DeckIdLimit(deck_id))
    return path


def visible(rendered: str) -> str:
    """The text a card shows: style and tags removed, character references resolved, spaces folded."""
    rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
    rendered = re.sub(r"<(br|hr|div|li|ol|ul|p)\b[^>]*>", " ", rendered)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
# The smallest frame an MP3 decoder accepts: an MPEG-1 layer III header and silence.
MP3 = b"\xff\xfb\x90\x00" + b"\x00" * 413


def add_note(col, notetype: str, deck_id: int, tags=(), **fields):
    """Add a note of one of Anki's stock note types; the note."""
    note = col.new_note(col.models.by_name(notetype))
    for name, value in fields.items():
        note[name.replace("_", " ")] = value
    note.tags = list(tags)
    col.add_note(note, deck_id)
    return note


def build_deck(folder: Path, deck_name: str = "Geography::Rivers"):
    """A collection with one note of each kind the importer reads, an image, a sound and reviews.

    Returns the open collection and the notes by kind; the caller closes it.
    """
    col = Collection(str(folder / "source.anki2"))
    deck_id = col.decks.id(deck_name)
    (folder / "tagus.png").write_bytes(PNG)
    (folder / "tagus.mp3").write_bytes(MP3)
    image = col.media.add_file(str(folder / "tagus.png"))
    sound = col.media.add_file(str(folder / "tagus.mp3"))
    notes = {
        "basic": add_note(col, "Basic", deck_id, tags=["iberia"], Front="Capital of <b>Portugal</b>", Back="Lisbon"),
        "reversed": add_note(col, "Basic (and reversed card)", deck_id, Front="gato", Back="cat"),
        "cloze": add_note(col, "Cloze", deck_id, Text="{{c1::Paris}} is the capital of {{c2::France}}",
                          Back_Extra="In Europe."),
        "typed": add_note(col, "Basic (type in the answer)", deck_id, Front="River through Lisbon?", Back="Tagus"),
        "image": add_note(col, "Basic", deck_id, Front=f'Which river is this? <img src="{image}">', Back="Tagus"),
        "sound": add_note(col, "Basic", deck_id, Front=f"Which word is this? [sound:{sound}]", Back="rio"),
    }
    col.decks.select(deck_id)
    card = notes["basic"].cards()[0]
    for ease in (1, 3, 3):
        card = col.get_card(card.id)
        card.start_timer()
        col.sched.answerCard(card, ease)
    return col, notes
