"""Wrong answers of the same kind, never synonyms of the right one."""
import pytest

from quizapp.generate import distractors as dz, lexicon, spans as sp

PT = lexicon.get("pt")


@pytest.mark.parametrize("a,b", [("Moscou", "Moscovo"), ("Sergey Lavrov", "Sergei Lavrov"),
                                 ("Kim", "Kim Jong-un"), ("EUA", "Estados Unidos"),
                                 ("Kim Jong Un", "Kim Jong-un")])
def test_synonyms_are_the_same_thing(a, b):
    """Spelling variants, partial names and aliases count as the same answer."""
    assert dz.same_thing(a, b, PT)


def test_different_countries_are_different():
    """Coreia do Norte and Coreia do Sul share words but are different answers."""
    assert not dz.same_thing("Coreia do Norte", "Coreia do Sul", PT)


def test_entity_distractors_same_kind_no_synonyms():
    """Person distractors come from the texts' persons, minus the answer and its variants."""
    pool = dz.Pool("pt")
    for name in ["Ana Dias", "Ana Dias Costa", "Rui Lima", "Eva Reis", "Luís Melo"]:
        pool.add(sp.Span(sp.PERSON, name, 0, 1))
    wrong = pool.entities("Ana Dias", sp.PERSON, [])
    assert sorted(wrong) == ["Eva Reis", "Luís Melo", "Rui Lima"]


def test_country_distractors_fall_back_to_gazetteer():
    """With too few countries in the text, the lexicon's countries fill in."""
    pool = dz.Pool("pt")
    pool.add(sp.Span(sp.COUNTRY, "Portugal", 0, 1))
    wrong = pool.entities("Portugal", sp.COUNTRY, [])
    assert len(wrong) == 3 and all(w in PT.countries for w in wrong) and "Portugal" not in wrong


def test_number_distractors_near_and_same_style():
    """Numbers near the answer's magnitude, written like the answer."""
    [n] = sp.numbers("Foram quase 10 mil soldados.", "pt", [])
    wrong = dz.numbers(n, PT)
    assert len(wrong) == 3 and all(w.endswith(" mil") for w in wrong) and "10 mil" not in wrong


def test_date_distractors_keep_phrasing():
    """Another month in the same phrase; nearby years for a year."""
    assert all(w.startswith("no final de ") for w in dz.dates("no final de agosto", PT))
    assert dz.dates("2024", PT) == ["2023", "2025", "2022"]


def test_stable_order_is_deterministic():
    """The same items and salt always give the same order."""
    assert dz.stable_order(list("abcdef"), "x") == dz.stable_order(list("abcdef"), "x")
