"""Lenient grading: right answers in another form count, other facts stay wrong."""

import json

import pytest

from quizapp.grading import RULES, grade, parse_quantity, read_number, spelling_marks
from quizapp.grading.text import names_in

KREMLIN = ("O Kremlin anunciou que o ministro das Relações Exteriores da Coreia do Norte, Choe Son Hui, "
           "visitará Moscou na segunda-feira e será recebido lá pelo presidente russo, Vladimir Putin.")
GREETING = "Imagens publicadas mostraram Putin cumprimentando Choe no Kremlin na segunda-feira."
WHITE_HOUSE = "President Barack Obama met Angela Merkel in Berlin. Obama later flew home."


def cloze(answer, *, language="pt", context=(KREMLIN,), **fields):
    return {"type": "cloze", "prompt": f"... {{{{{answer}}}}} ...", "answer": answer, "language": language,
            "context": list(context), **fields}


# ---- people's names -----------------------------------------------------------------------


def test_names_are_runs_of_capitalised_words():
    """Names are two to five capitalised words; an opening article or a comma is not part of one."""
    assert names_in([KREMLIN]) >= {"choe son hui", "vladimir putin"}
    assert not any(name.startswith("o ") for name in names_in([KREMLIN]))
    assert "russia coreia" not in names_in(["Rússia, Coreia e China"])


@pytest.mark.parametrize("answer, given, language, context", [
    ("Choe", "Choe Son Hui", "pt", [KREMLIN]),            # the full name for the surname the blank shows
    ("Choe", "choe son-hui", "pt", [KREMLIN]),
    ("Putin", "Vladimir Putin", "pt", [KREMLIN]),
    ("Choe Son Hui", "Choe", "pt", [KREMLIN, GREETING]),   # the part the texts use alone
    ("Obama", "Barack Obama", "en", [WHITE_HOUSE]),
    ("Barack Obama", "Obama", "en", [WHITE_HOUSE]),
])
def test_a_person_named_both_ways(answer, given, language, context):
    """Where the texts name a person both ways, either way is right, in both languages."""
    result = grade(cloze(answer, language=language, context=context), given)
    assert result.correct is True
    assert result.note == "same person"


@pytest.mark.parametrize("answer, given, context", [
    ("Choe", "Vladimir Putin", [KREMLIN]),          # another person's name
    ("Choe", "Kim Jong Un", [KREMLIN]),             # a name the texts do not hold
    ("Choe", "Choe Son", [KREMLIN]),                # not the whole name
    ("Choe Son Hui", "Choe", [KREMLIN]),            # the texts never say "Choe" alone
    ("Vladimir Putin", "Vladimir", [KREMLIN, GREETING]),  # nor "Vladimir" alone
    ("Barack Obama", "Merkel", [WHITE_HOUSE]),
    ("Angela Merkel", "Barack Obama", [WHITE_HOUSE]),
])
def test_other_people_stay_wrong(answer, given, context):
    """Another person, a partial name, or a part the texts never use alone is wrong."""
    assert grade(cloze(answer, context=context), given).correct is False


def test_names_are_read_from_the_question_itself():
    """Without a set context, the question's own explanation and quote name the person."""
    question = {"type": "cloze", "prompt": "Putin cumprimentou {{Choe}}.", "language": "pt",
                "explanation": "Putin recebeu Choe Son Hui.", "source": {"quote": KREMLIN}}
    assert grade(question, "Choe Son Hui").correct is True


# ---- European and Brazilian Portuguese --------------------------------------------------------


@pytest.mark.parametrize("european, brazilian", [
    ("Moscovo", "Moscou"),
    ("Irão", "Irã"),
    ("Teerão", "Teerã"),
    ("facto", "fato"),
    ("registo", "registro"),
    ("económico", "econômico"),
    ("acção", "ação"),
    ("direcção", "direção"),
    ("óptimo", "ótimo"),
    ("receção", "recepção"),
    ("excepção", "exceção"),
    ("contacto", "contato"),
    ("Egipto", "Egito"),
    ("amnistia", "anistia"),
    ("equipa", "equipe"),
    ("Vietname", "Vietnã"),
    ("Nova Iorque", "Nova York"),
    ("o sector eléctrico", "o setor elétrico"),
])
def test_portuguese_spellings_either_way(european, brazilian):
    """A European spelling answers for a Brazilian one and the other way round."""
    assert grade(cloze(european), brazilian).correct is True
    assert grade(cloze(brazilian), european).correct is True


@pytest.mark.parametrize("answer, given", [
    ("pacto", "pato"),     # a pact is no duck: the consonant is sounded everywhere
    ("ato", "apto"),
    ("rapto", "rato"),
    ("Moscou", "Moscow"),  # another language is not a spelling variant
    ("Irã", "Iraque"),
    ("irmão", "irmã"),
])
def test_other_portuguese_words_stay_wrong(answer, given):
    """Spelling rules never turn one word into another."""
    assert grade(cloze(answer), given).correct is False


def test_consonant_rule_is_portuguese_only():
    """In English the silent-consonant rule would make "fat" of "fact": it does not apply."""
    assert grade(cloze("fact", language="en"), "fat").correct is False
    assert grade(cloze("facto", language="pt"), "fato").correct is True


# ---- numbers with units, and numbers in words ---------------------------------------------------


@pytest.mark.parametrize("answer, given", [
    ("20 quilómetros", "20 km"),
    ("20 quilómetros", "20 quilômetros"),
    ("20 quilómetros", "vinte quilómetros"),
    ("20 quilómetros", "20"),
    ("20 km", "20 quilómetros"),
    ("1 quilómetro", "um quilómetro"),
    ("3 horas", "3 h"),
    ("10 mil soldados", "10 000 soldados"),
    ("10 mil soldados", "dez mil soldados"),
    ("10 mil soldados", "10 mil"),
    ("2 milhões de pessoas", "2.000.000 pessoas"),
    ("2500", "dois mil e quinhentos"),
    ("25", "vinte e cinco"),
    ("1200000", "um milhão e duzentos mil"),
    ("20 kilometres", "20 km"),
    ("20 kilometres", "twenty kilometers"),
    ("105", "one hundred and five"),
    ("3 miles", "three mile"),
    ("50%", "50 por cento"),
    ("50 percent", "50%"),
])
def test_a_number_with_its_unit_in_any_form(answer, given):
    """A number in digits or words, with the unit, its abbreviation, its plural or no unit, is right."""
    assert grade(cloze(answer), given).correct is True


@pytest.mark.parametrize("answer, given", [
    ("20 quilómetros", "21 km"),        # another number
    ("20 quilómetros", "vinte e um quilómetros"),
    ("20 quilómetros", "20 milhas"),     # another unit
    ("20 km", "20 kg"),
    ("10 mil soldados", "10 mil tanques"),
    ("1945", "1946"),
    ("1945", "1945 Volodin"),
    ("3 miles", "3 km"),
])
def test_other_numbers_and_units_stay_wrong(answer, given):
    """A different number or a different unit is wrong."""
    assert grade(cloze(answer), given).correct is False


@pytest.mark.parametrize("text, value, unit", [
    ("20 km", 20, "km"),
    ("vinte quilómetros", 20, "km"),
    ("20 km/h", 20, "km/h"),
    ("dois mil e quinhentos", 2500, None),
    ("mil milhões", 1e9, None),
    ("twenty-five", 25, None),
    ("10 mil soldados", 10000, "soldados"),
])
def test_parse_quantity(text, value, unit):
    """Quantities are a value and what follows it."""
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["Volodin", "", "km", "e cinco", "Moscovo"])
def test_parse_quantity_needs_a_number(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text, value", [("20", 20), ("vinte", 20), ("20 km", 20), ("10 mil", 1e4), ("3,5", 3.5)])
def test_number_field_reads_numbers(text, value):
    """What the number field accepts: digits or words, a unit allowed."""
    assert read_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["Volodin", "20 soldados", "", "twelve-ish"])
def test_number_field_refuses_words(text):
    """Anything that is no number is refused, so the page can say so."""
    assert read_number(text) is None


def test_numeric_accepts_words_and_units():
    """A numeric question takes the number written out or with its unit."""
    question = {"type": "numeric", "answer": 20}
    assert grade(question, "vinte").correct is True
    assert grade(question, "20 km").correct is True
    assert grade(question, "21").correct is False
    assert grade(question, "Volodin").note == "not a number"


# ---- near misses ------------------------------------------------------------------------------


@pytest.mark.parametrize("answer, given, language", [
    ("Pyongyang", "Pyonyang", "pt"),
    ("Medvedev", "Medevdev", "en"),
    ("Kremlin", "Kremlim", "en"),
])
def test_one_typo_is_a_near_miss(answer, given, language):
    """One typo in a long word is accepted and flagged, so the page says "almost"."""
    result = grade(cloze(answer, language=language), given)
    assert (result.correct, result.near_miss) == (True, True)


def test_exact_answers_are_no_near_miss():
    assert grade(cloze("Pyongyang"), "pyongyang").near_miss is False


def test_spelling_marks_show_the_difference():
    """The comparison marks the letters that differ, ignoring case and accents."""
    marks = spelling_marks("Pyongyanh", "Pyongyang")
    assert marks == [("Pyongyan", False), ("h", True)]
    assert spelling_marks("IRÃ", "Irã") == [("IRÃ", False)]


# ---- what stays wrong -------------------------------------------------------------------------


@pytest.mark.parametrize("answer, given", [(True, "false"), (False, "verdadeiro"), (True, "não")])
def test_the_other_true_false_option_stays_wrong(answer, given):
    """Leniency never reaches true/false: the other option is wrong."""
    assert grade({"type": "true_false", "answer": answer}, given).correct is False


def test_rules_are_plain_data():
    """Every grading table can be handed to a browser as JSON."""
    data = json.loads(json.dumps(RULES))
    assert {"variant_spellings", "variant_rules", "units", "number_words", "typo_min_length"} <= set(data)
