"""Answer grading: one grader per question type, typed answers forgiving of form but not of fact."""

from types import SimpleNamespace

import pytest

from quizapp.grading import (
    GRADERS,
    GradeResult,
    grade,
    normalize_text,
    parse_bool,
    parse_number,
    proposed_rating,
)
from quizapp.scheduling import Rating


def gen_question(type_, **fields):
    """A question as a plain dict, the way a parsed question-set file gives it."""
    return {"type": type_, **fields}


def test_registry_covers_every_question_type():
    """Every type of the question-set format has a grader."""
    assert set(GRADERS) == {"flashcard", "multiple_choice", "true_false", "cloze", "short_answer", "numeric"}


def test_unknown_type_is_refused():
    """An unknown type is an error naming the known ones."""
    with pytest.raises(ValueError, match="unknown question type 'essay'.*short_answer"):
        grade(gen_question("essay", answer="x"), "x")


def test_adding_a_type_is_one_entry(monkeypatch):
    """A new grader registered in GRADERS is used by grade()."""
    monkeypatch.setitem(GRADERS, "always", lambda q, given: GradeResult(True, "", given))
    assert grade(gen_question("always"), "anything").correct is True


def test_question_may_be_an_object():
    """Questions can be objects with attributes, not only dicts."""
    question = SimpleNamespace(type="short_answer", answer="Lisboa", accept=None, tolerance=None)
    assert grade(question, "lisboa").correct is True


# ---- normalisation ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("  Choe Son-Hui! ", "choe son hui"),
        ("SÃO PAULO", "sao paulo"),
        ("Ação, reação.", "acao reacao"),
        ("Straße", "strasse"),
        ("Øresund", "oresund"),
        ("naïve   café", "naive cafe"),
        ("“quoted”", "quoted"),
        ("", ""),
    ],
)
def test_normalize_text(text, normalized):
    """Case, accents, punctuation and extra spacing are dropped."""
    assert normalize_text(text) == normalized


# ---- typed answers ----------------------------------------------------------------

SHORT = gen_question("short_answer", answer="Choe Son Hui", accept=["Choe"])


@pytest.mark.parametrize(
    "given",
    [
        "Choe Son Hui",
        "choe son hui",
        "CHOE SON HUI",
        "Choe Son-Hui",
        "  choe   son hui. ",
        "ChoeSonHui",
        "choe",  # accepted alternative
        "Choe!",
    ],
)
def test_short_answer_accepts_forms_of_the_answer(given):
    """Case, punctuation, spacing and `accept` alternatives do not matter."""
    result = grade(SHORT, given)
    assert result.correct is True
    assert result.expected == "Choe Son Hui"


@pytest.mark.parametrize("given", ["Son Hui", "Lavrov", "", "Choe Son", "Kim Jong Un"])
def test_short_answer_refuses_other_answers(given):
    """Other answers, partial ones and blanks are wrong."""
    assert grade(SHORT, given).correct is False


@pytest.mark.parametrize(
    "answer, given, correct",
    [
        ("Vladimir Putin", "Vladmir Putin", True),  # deletion in a long word
        ("Vladimir Putin", "Vladimiir Putin", True),  # insertion
        ("Vladimir Putin", "Vladimer Putin", True),  # substitution
        ("Vladimir Putin", "Vladmiir Putin", True),  # two neighbours swapped
        ("Vladimir Putin", "Vladimir Puton", False),  # "Putin" is too short for a typo
        ("Vladimir Putin", "Vlad Putin", False),  # more than one edit
        ("Medvedev", "Medevdev", True),
        ("Medvedev", "Mdevdev", False),  # two edits
        ("Lavrov", "Lavorv", True),  # six letters: one swap allowed
        ("Paris", "Parsi", False),  # five letters: exact only
        ("gato", "gata", False),
        ("Pyongyang", "Pyonyang", True),
        ("Pyongyang", "pyongyang", True),
    ],
)
def test_one_typo_in_long_words(answer, given, correct):
    """One typo is forgiven in words of six letters or more, none in shorter words."""
    result = grade(gen_question("short_answer", answer=answer), given)
    assert result.correct is correct
    if correct and normalize_text(given) != normalize_text(answer):
        assert result.note == "one typo accepted"


def test_one_typo_per_long_word():
    """Each long word may carry its own typo; the note counts them."""
    result = grade(gen_question("short_answer", answer="Vladimir Volodin"), "Vladmir Volodim")
    assert result.correct is True
    assert result.note == "2 typos accepted"


def test_digits_are_never_typos():
    """A six-digit code off by one digit is wrong, not a typo."""
    assert grade(gen_question("short_answer", answer="AB123456"), "AB123457").correct is False


@pytest.mark.parametrize("given", ["São Paulo", "sao paulo", "Sao-Paulo", "SÃO PAULO", "saopaulo"])
def test_accents_are_ignored(given):
    """Accents are ignored both ways."""
    assert grade(gen_question("short_answer", answer="São Paulo"), given).correct is True


CLOZE = gen_question("cloze", prompt="A Coreia do Norte enviou quase {{10 mil}} soldados.")


@pytest.mark.parametrize("given", ["10 mil", "10.000", "10000", "10 000", "10mil"])
def test_cloze_number_in_any_notation(given):
    """A numeric cloze accepts the number however it is written."""
    result = grade(CLOZE, given)
    assert result.correct is True
    assert result.expected == "10 mil"


@pytest.mark.parametrize("given", ["11 mil", "1000", "10", "soldados"])
def test_cloze_wrong_number(given):
    """A different number is wrong."""
    assert grade(CLOZE, given).correct is False


def test_cloze_text_taken_from_prompt():
    """Without an answer field the cloze answer is the text inside {{...}}."""
    question = gen_question("cloze", prompt="O presidente russo, {{Vladimir Putin}}, reuniu-se com ...")
    assert grade(question, "vladimir putin").correct is True
    assert grade(question, "Putin").correct is False
    assert grade(question, "x").expected == "Vladimir Putin"


def test_cloze_answer_field_wins():
    """An explicit answer field is used over the braces, and `accept` works for cloze too."""
    question = gen_question("cloze", prompt="{{Moscou}} é a capital.", answer="Moscou", accept=["Moscovo", "Moscow"])
    assert all(grade(question, g).correct for g in ["moscou", "Moscovo", "MOSCOW"])


def test_typed_result_shows_normalized_given():
    """The result carries what was compared, for showing the student."""
    result = grade(SHORT, "  Choe,  Son!  ")
    assert result.normalized_given == "choe son"
    assert result.correct is False


# ---- numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("10000", 10000),
        ("10.000", 10000),
        ("10,000", 10000),
        ("10 000", 10000),
        ("10\u00a0000", 10000),
        ("10 mil", 10000),
        ("10mil", 10000),
        ("10,5", 10.5),
        ("1.5", 1.5),
        ("0.125", 0.125),
        ("0,125", 0.125),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567),
        ("2 milhões", 2_000_000),
        ("2 milhoes", 2_000_000),
        ("1,5 milhão", 1_500_000),
        ("3 thousand", 3000),
        ("2.5 million", 2_500_000),
        ("1.5k", 1500),
        ("4 bilhões", 4e9),
        ("-4", -4),
        ("+7", 7),
        ("50%", 50),
        ("R$ 10", 10),
        ("$3", 3),
        (42, 42),
        (2.5, 2.5),
    ],
)
def test_parse_number(text, value):
    """Numbers are read in Portuguese and English notations, with scale words."""
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "10 dias", "1.2.3,4,5", "10.", "1,00,0", True, "mil"])
def test_parse_number_refuses_non_numbers(text):
    """Text that is not a plain number gives None."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "answer, tolerance, given, correct",
    [
        (10000, 0, "10 mil", True),
        (10000, 0, "10.000", True),
        (10000, 0, "10000", True),
        (10000, 0, "10001", False),
        (10.5, 0, "10,5", True),
        (10.5, 0, "10.5", True),
        (1.5, 0, "1,5", True),
        (2_000_000, 0, "2 milhões", True),
        (3000, 0, "3 thousand", True),
        (100, 5, "104", True),
        (100, 5, "95", True),
        (100, 5, "106", False),
        (0.3, 0, "0.3", True),
        ("10 mil", 0, "10000", True),  # the author may write the answer as text
        (1945, 0, "1946", False),
    ],
)
def test_numeric(answer, tolerance, given, correct):
    """Numeric answers compare as numbers within the tolerance."""
    result = grade(gen_question("numeric", answer=answer, tolerance=tolerance), given)
    assert result.correct is correct


def test_numeric_not_a_number():
    """A numeric question answered with words is wrong, with a note."""
    result = grade(gen_question("numeric", answer=12), "twelve-ish")
    assert (result.correct, result.note) == (False, "not a number")
    assert result.expected == "12"


def test_numeric_accept_alternatives():
    """`accept` adds other correct numbers."""
    question = gen_question("numeric", answer=1945, accept=[1944])
    assert grade(question, "1944").correct is True


def test_numeric_shows_whole_numbers_plainly():
    """Expected and given numbers read "10000", not "10000.0"."""
    result = grade(gen_question("numeric", answer=10000.0), "10 mil")
    assert (result.expected, result.normalized_given) == ("10000", "10000")


# ---- multiple choice --------------------------------------------------------------

MC = gen_question(
    "multiple_choice",
    answer="Choe Son Hui",
    choices=["Choe Son Hui", "Sergey Lavrov", "Vyacheslav Volodin", "Dmitry Medvedev"],
)


@pytest.mark.parametrize(
    "given, correct",
    [
        ("Choe Son Hui", True),
        ("choe son hui", True),
        (" Choe Son-Hui ", True),
        ("Sergey Lavrov", False),
        ("Dmitry Medvedev", False),
    ],
)
def test_multiple_choice(given, correct):
    """The chosen option is compared with the answer by normalised text."""
    assert grade(MC, given).correct is correct


def test_multiple_choice_has_no_typo_tolerance():
    """Choosing is not typing: a near miss is wrong and flagged as no option."""
    result = grade(MC, "Choe Son Hoi")
    assert (result.correct, result.note) == (False, "not one of the choices")


# ---- true / false -----------------------------------------------------------------


@pytest.mark.parametrize(
    "given", ["true", "True", "TRUE", "t", "T", "verdadeiro", "Verdadeiro", "v", "V", "yes", "sim", "1", " true. "]
)
def test_true_answers(given):
    """Every way of saying true is true."""
    assert grade(gen_question("true_false", answer=True), given).correct is True
    assert grade(gen_question("true_false", answer=False), given).correct is False


@pytest.mark.parametrize("given", ["false", "False", "f", "F", "falso", "Falso", "no", "não", "nao", "NÃO", "0"])
def test_false_answers(given):
    """Every way of saying false is false."""
    assert grade(gen_question("true_false", answer=False), given).correct is True
    assert grade(gen_question("true_false", answer=True), given).correct is False


@pytest.mark.parametrize("given", ["", "maybe", "2", "talvez"])
def test_true_false_unclear_answer(given):
    """An answer that is neither true nor false is wrong, with a note."""
    result = grade(gen_question("true_false", answer=True), given)
    assert (result.correct, result.note) == (False, "expected true or false")


def test_true_false_expected_is_readable():
    """The expected answer reads "true" or "false"; a string answer in the file works too."""
    assert grade(gen_question("true_false", answer=False), "x").expected == "false"
    assert grade(gen_question("true_false", answer="verdadeiro"), "true").correct is True


def test_true_false_bad_answer_in_question():
    """A true_false question whose answer is not a truth value is an authoring error."""
    with pytest.raises(ValueError, match="true_false answer"):
        grade(gen_question("true_false", answer="perhaps"), "true")


@pytest.mark.parametrize("text, value", [("sim", True), ("não", False), (True, True), ("x", None)])
def test_parse_bool(text, value):
    """parse_bool reads truth values and gives None for anything else."""
    assert parse_bool(text) is value


# ---- flashcards and ratings -------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        gen_question("flashcard", front="Capital of Portugal?", back="Lisboa"),
        gen_question("flashcard", prompt="Capital of Portugal?", answer="Lisboa"),
    ],
)
def test_flashcard_is_self_rated(question):
    """A flashcard is not graded: correct is None and the back is the expected answer."""
    result = grade(question, "")
    assert result.correct is None and result.self_rated
    assert result.expected == "Lisboa"
    assert result.note == "self-rated"


@pytest.mark.parametrize("correct, rating", [(True, Rating.GOOD), (False, Rating.AGAIN)])
def test_proposed_rating(correct, rating):
    """Right proposes Good, wrong proposes Again."""
    assert proposed_rating(GradeResult(correct, "x", "x")) is rating


def test_proposed_rating_from_grade():
    """A graded answer maps straight to a rating for the scheduler."""
    assert proposed_rating(grade(SHORT, "choe son hui")) is Rating.GOOD
    assert proposed_rating(grade(SHORT, "lavrov")) is Rating.AGAIN


def test_no_proposed_rating_for_flashcards():
    """A self-rated result has no proposed rating: the student chooses."""
    with pytest.raises(ValueError, match="rated by the student"):
        proposed_rating(grade(gen_question("flashcard", front="a", back="b"), ""))


def test_none_given_is_blank():
    """A missing answer grades as a blank one, never crashes."""
    assert grade(SHORT, None).correct is False


@pytest.mark.parametrize("answer, given, correct", [
    ("no final de abril", "final de abril", True),
    ("no final de abril", "No final de Abril", True),
    ("Estados Unidos", "os Estados Unidos", True),
    ("the Rhine", "Rhine", True),
    ("no final de abril", "abril", False),
    ("no final de abril", "no final de maio", False),
    ("a", "o", False),
])
def test_opening_articles_and_prepositions_do_not_change_an_answer(answer, given, correct):
    """An answer that differs only by an opening article or preposition is accepted, nothing more."""
    assert grade({"type": "short_answer", "answer": answer}, given).correct is correct
