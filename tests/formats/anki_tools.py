"""Anki's own library (``anki`` on PyPI) as a test tool: build decks the way Anki does, export them
with Anki, and import our packages into a real Anki collection to render their cards."""
from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

import pytest

from tests.media.media_factories import gen_image

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


# A real 40 x 30 PNG (Pillow's encoder), which the importer checks from its bytes.
PNG = gen_image("PNG", color=(30, 90, 200))
IMAGE_ALT = "The Tagus at Lisbon"
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
        "image": add_note(col, "Basic", deck_id, Front=f'Which river is this? <img src="{image}" alt="{IMAGE_ALT}">',
                          Back="Tagus"),
        "sound": add_note(col, "Basic", deck_id, Front=f"Which word is this? [sound:{sound}]", Back="rio"),
    }
    col.decks.select(deck_id)
    card = notes["basic"].cards()[0]
    for ease in (1, 3, 3):
        card = col.get_card(card.id)
        card.start_timer()
        col.sched.answerCard(card, ease)
    return col, notes


def build_art_deck(folder: Path, *, legacy: bool = False) -> bytes:
    """An "Art" deck exported by Anki whose notes use media on every side, a file that is no image, and files
    the collection lacks: a percent-encoded image-only front, a reversed note with a sound on its front, a cloze
    with an image in its Back Extra."""
    col = Collection(str(folder / "art.anki2"))
    try:
        deck = col.decks.id("Art")
        col.media.write_data("my river.png", PNG)
        col.media.write_data("fake.png", b"just text, no image")
        col.media.write_data("gato.mp3", MP3)
        add_note(col, "Basic", deck, Front='<img src="my%20river.png">', Back="Tagus")
        add_note(col, "Basic (and reversed card)", deck, Front="gato [sound:gato.mp3]",
                 Back='cat <img src="fake.png"> <img src="gone.png">')
        add_note(col, "Cloze", deck, Text="{{c1::Paris}} [sound:gone.mp3]", Back_Extra='<img src="my river.png">')
        return export_deck(col, "Art", folder / f"art-{legacy}.apkg", legacy=legacy).read_bytes()
    finally:
        col.close()


def build_deck_tree(folder: Path, *, legacy: bool = False) -> bytes:
    """A "Geography" deck with two subdecks, Rivers (an image card, answered twice) and Mountains, exported by
    Anki as one package."""
    col = Collection(str(folder / "tree.anki2"))
    try:
        rivers, mountains = col.decks.id("Geography::Rivers"), col.decks.id("Geography::Mountains")
        col.media.write_data("tagus.png", PNG)
        add_note(col, "Basic", rivers, tags=["iberia"], Front='Which river is this? <img src="tagus.png">', Back="Tagus")
        add_note(col, "Basic", rivers, Front="Longest river of Iberia?", Back="Tagus")
        note = add_note(col, "Basic", mountains, Front="Highest peak of Portugal?", Back="Pico")
        col.decks.select(mountains)
        for ease in (3, 3):
            card = col.get_card(note.cards()[0].id)
            card.start_timer()
            col.sched.answerCard(card, ease)
        return export_deck(col, "Geography", folder / f"tree-{legacy}.apkg", legacy=legacy).read_bytes()
    finally:
        col.close()
