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


def test_counts_after_words_ending_like_articles_are_kept():
    """ "apenas 68%": only a whole article before a number ("os dois") makes it point back."""
    assert [(s.text, s.unit) for s in sp.numbers("Ainda assim, apenas 68% das pessoas foram vacinadas.", "pt", [])] \
        == [("68", "%")]
    assert sp.numbers("Os dois países assinaram o acordo.", "pt", []) == []


def test_spans_of_time_and_teen_numbers_are_counts():
    """ "cinco anos de prisão", "treze meses": a span of time is a count with its unit."""
    assert [(s.text, s.unit) for s in sp.numbers("O tribunal condenou o autarca a cinco anos de prisão.", "pt", [])] \
        == [("cinco", "anos")]
    assert [(s.text, s.value) for s in sp.numbers("A erupção durou cerca de treze meses.", "pt", [])] \
        == [("treze", 13.0)]


def test_clock_times_are_spans_for_clozes_only():
    """ "das 8h às 22h30" holds two times of day, asked as blanks, never as "Quantos"."""
    got = sp.clock_times("A piscina funciona das 8h às 22h30.")
    assert [(s.text, s.value, s.unit) for s in got] == [("8h", 8.0, "clock"), ("22h30", 22.5, "clock")]
    assert "clock" in sp.CLOZE_ONLY
