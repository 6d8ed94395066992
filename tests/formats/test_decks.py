"""Anki decks and subdecks become tags on one set (the default) or one set per deck."""
import pytest

from quizapp import formats
from quizapp.formats.decks import sets_by_deck
from tests.formats.anki_tools import PNG, build_deck_tree


@pytest.fixture(scope="module")
def tree_packages(tmp_path_factory):
    return {legacy: build_deck_tree(tmp_path_factory.mktemp("tree"), legacy=legacy) for legacy in (False, True)}


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_each_deck_becomes_a_set_titled_by_its_path(tree_packages, legacy):
    """One set per deck, subdecks joined by ' :: ', each with its own questions and files; the deck tag is gone."""
    result = formats.read(tree_packages[legacy], filename="geo.apkg")
    assert [q.tags for q in result.set.questions] == [["iberia", "Geography::Rivers"], ["Geography::Rivers"],
                                                     ["Geography::Mountains"]]
    sets = sets_by_deck(result, "geo.apkg")
    assert [(s.title, s.slug, [q.prompt for q in s.questions], [q.tags for q in s.questions], s.media)
            for s in sets] == [
        ("Geography :: Rivers", "geography-rivers", ["Which river is this?", "Longest river of Iberia?"],
         [["iberia"], []], {"tagus.png": PNG}),
        ("Geography :: Mountains", "geography-mountains", ["Highest peak of Portugal?"], [[]], {}),
    ]


def test_a_file_without_decks_stays_one_set():
    """A format without decks (GIFT) gives back its one set whatever the choice."""
    result = formats.read("::q:: Capital of Portugal? {=Lisbon}", filename="capitals.gift")
    assert sets_by_deck(result, "capitals.gift") == [result.set]


def test_notes_as_text_carry_their_deck_column():
    """An Anki notes export with a deck column splits by it too."""
    text = "#separator:tab\n#deck column:3\nCapital of Portugal?\tLisbon\tEurope::Capitals\nRiver of Egypt?\tNile\tAfrica\n"
    sets = sets_by_deck(formats.read(text, filename="notes.txt"), "notes.txt")
    assert [(s.title, [q.answer for q in s.questions]) for s in sets] == [("Europe :: Capitals", ["Lisbon"]),
                                                                          ("Africa", ["Nile"])]
