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
