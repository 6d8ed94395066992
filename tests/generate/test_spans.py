"""Stage 3a: typed answer candidates found in single sentences."""
import pytest

from quizapp.generate import spans as sp


def kinds(found):
    return [(s.kind, s.text) for s in found]


def test_numbers_with_units_and_qualifiers():
    """A number keeps its unit, its multiplier and whether it is approximate."""
    [n] = sp.numbers("O clube vendeu quase 10 mil bilhetes para o jogo.", "pt", [])
    assert (n.text, n.value, n.unit, n.approx) == ("10 mil", 10000, "bilhetes", True)


@pytest.mark.parametrize("text,value", [("10.000", 10000), ("2,5 milhões", 2_500_000), ("vinte", 20)])
def test_number_notation(text, value):
    """Portuguese notation: dot for thousands, comma for decimals, number words."""
    [n] = sp.numbers(f"Foram {text} quilómetros de estrada.", "pt", [])
    assert n.value == value


def test_reference_counts_and_scores_are_not_numbers():
    """ "os dois países" points back; "2-1" is a score: neither is a count to ask about."""
    assert sp.numbers("Os dois países empataram 2-1 no jogo.", "pt", []) == []


def test_dates_absolute_and_relative():
    """Months, years and phrases like "no início de setembro" are dates; weekdays are relative."""
    found = sp.dates("No início de setembro, e em 2024, e na segunda-feira.", "pt")
    assert [(d.text, d.relative) for d in found] == [
        ("No início de setembro", False), ("em 2024", False), ("na segunda-feira", True)]


def test_short_quotes_only():
    """Short quoted phrases are candidates; long quoted sentences are not."""
    text = "Ele falou de “amizade eterna” e disse “isto é uma frase longa demais para perguntar hoje aqui”."
    assert kinds(sp.quotes(text)) == [("quote", "amizade eterna")]


def test_ordinals():
    """ "80.º" is an ordinal number, kept apart from counts."""
    [o] = sp.ordinals("O partido celebrou o 80.º aniversário.")
    assert (o.text, o.value, o.unit) == ("80.º", 80, "ordinal")


def test_name_runs_skip_sentence_initial_common_words():
    """A capitalised common word opening a sentence is not a name; real names are."""
    text = "Durante a visita, Os Estados Unidos e Ana Maria da Silva falaram."
    names = [text[a:b] for a, b in sp.name_runs(text, "pt")]
    assert names == ["Os Estados Unidos", "Ana Maria da Silva"] or names == [
        "Estados Unidos", "Ana Maria da Silva"]
