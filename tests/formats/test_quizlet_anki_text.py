"""Quizlet exports and Anki's notes-as-text exports: detection, every separator, cloze notes, refusals."""
import pytest

from quizapp import formats
from quizapp.formats import FormatError

QUIZLET = "gato\tcat\ncão\tdog\npássaro\tbird\n"


def test_quizlet_tab_export_is_detected_and_read():
    """A Quizlet export (term, tab, definition; no header) becomes flashcards asking the term."""
    assert formats.detect_format(QUIZLET, filename="Animals.txt") == "quizlet"
    result = formats.read(QUIZLET, filename="Animals.txt")
    assert [(q.type, q.prompt, q.answer) for q in result.set.questions] == [
        ("flashcard", "gato", "cat"), ("flashcard", "cão", "dog"), ("flashcard", "pássaro", "bird")]
    assert result.set.title == "Animals"


@pytest.mark.parametrize("text, separator", [
    ("gato,cat\ncão,dog, hound\n", None),
    ("gato - cat\ncão - dog\n", " - "),
    ("gato|||cat\ncão|||dog\n", "|||"),
])
def test_quizlet_comma_and_custom_separators(text, separator):
    """A comma is taken when every line has one; any other separator is named by the teacher."""
    result = formats.read(text, format="quizlet", separator=separator)
    assert [(q.prompt, q.answer) for q in result.set.questions][0] == ("gato", "cat")
    assert result.set.questions[1].prompt == "cão"


def test_quizlet_line_without_separator_is_named():
    """A line missing the separator is refused with its line; nothing is imported."""
    with pytest.raises(FormatError) as caught:
        formats.read("gato\tcat\nonly a term\n\ncão\t \n", format="quizlet", filename="a.txt")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "no a tab between the term and its definition"), (4, "the term or the definition is empty")]


def test_quizlet_round_trip():
    """Flashcards written for Quizlet come back the same."""
    original = formats.read(QUIZLET, format="quizlet", title="Animals").set
    back = formats.read(formats.write(original, "quizlet"), format="quizlet", title="Animals").set
    assert back.questions == original.questions


ANKI_TEXT = (
    "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
    "Basic\tGeography\tCapital of <b>Portugal</b>\tLisbon\tcapitals europe\n"
    "Basic (and reversed card)\tGeography\tgato\tcat\t\n"
    'Cloze\tGeography\t"{{c1::Paris}} is the capital of {{c2::France::country}}"\tIn Europe.\t\n'
    "Basic (type in the answer)\tGeography\tRiver through Lisbon?\tTagus\t\n"
)


def test_anki_notes_export_is_detected_and_read():
    """Headers are followed: note types, decks as tags, tags, HTML reduced to text, one cloze per number."""
    assert formats.detect_format(ANKI_TEXT, filename="Geography.txt") == "anki-text"
    result = formats.read(ANKI_TEXT, filename="Geography.txt")
    assert [(q.type, q.prompt, q.answer, q.tags) for q in result.set.questions] == [
        ("flashcard", "Capital of Portugal", "Lisbon", ["capitals", "europe", "Geography"]),
        ("flashcard", "gato", "cat", ["Geography"]),
        ("flashcard", "cat", "gato", ["Geography"]),
        ("cloze", "{{Paris}} is the capital of France", "Paris", ["Geography"]),
        ("cloze", "Paris is the capital of {{France}}", "France", ["Geography"]),
        ("short_answer", "River through Lisbon?", "Tagus", ["Geography"]),
    ]
    assert result.set.questions[3].explanation == "In Europe."
    assert [(d.line, d.reason) for d in result.dropped] == [(8, "cloze hints (the text after '::') are not kept")]


def test_anki_export_with_one_cloze_and_no_notetype_column():
    """A cloze note is recognised by its {{c1::...}} even without a notetype column, not taken as garbage."""
    text = "#separator:tab\n#html:false\nThe Douro ends in {{c1::Porto}}.\t\n"
    (question,) = formats.read(text, filename="d.txt").set.questions
    assert (question.type, question.prompt, question.answer) == ("cloze", "The Douro ends in {{Porto}}.", "Porto")


def test_anki_separator_names_and_refusals():
    """Named separators work; a cloze number used twice is named as skipped; bad headers are refused."""
    text = "#separator:Semicolon\n#html:false\nfront;back\n{{c1::a}} and {{c1::b}};\n"
    result = formats.read(text, filename="s.txt")
    assert [(q.prompt, q.answer) for q in result.set.questions] == [("front", "back")]
    assert [(s.line, s.reason) for s in result.skipped] == [(4, "cloze c1 has 2 gaps; a quizapp cloze has one gap")]
    with pytest.raises(FormatError, match="unknown header '#colour:'"):
        formats.read("#separator:tab\n#colour:red\na\tb\n", filename="h.txt")
    for column in ("1²", "9" * 5000, "0"):
        with pytest.raises(FormatError, match="needs a column number from 1"):
            formats.read(f"#separator:tab\n#notetype column:{column}\nBasic\ta\tb\n", filename="c.txt")
