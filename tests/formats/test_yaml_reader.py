"""The YAML reader: every question type, and every way a file is refused."""
import textwrap

import pytest

from quizapp.formats import FormatError, yaml_format
from quizapp.formats.model import derive_id

NAME = "questions/rivers.yaml"
HEADER = "title: Rivers of Iberia\nquestions:\n"


def read(text: str, **kwargs):
    if text.startswith(HEADER):
        text = HEADER + textwrap.dedent(text[len(HEADER):]).lstrip("\n")
    return yaml_format.read(textwrap.dedent(text).lstrip("\n"), filename=NAME, **kwargs)


def refusal(text: str, **kwargs) -> FormatError:
    with pytest.raises(FormatError) as caught:
        read(text, **kwargs)
    return caught.value


def single_message(error: FormatError) -> str:
    assert len(error.problems) == 1, str(error)
    return str(error)



def test_reads_every_question_type():
    """Each of the six types is read into the value types the contract promises."""
    result = read(HEADER + """
      - {id: a, type: flashcard, prompt: Capital of Portugal, answer: Lisbon}
      - {id: b, type: multiple_choice, prompt: "Longest river?", answer: Tagus, choices: [Douro, Tagus]}
      - {id: c, type: true_false, prompt: The Ebro ends in the Atlantic., answer: false}
      - {id: d, type: cloze, prompt: "The Douro ends at {{Porto}}."}
      - {id: e, type: short_answer, prompt: "River of Seville?", answer: Guadalquivir, accept: [Rio Guadalquivir]}
      - {id: f, type: numeric, prompt: "Length of the Tagus in km?", answer: 1007, tolerance: 10}
    """)
    answers = {q.id: (q.type, q.answer) for q in result.questions}
    assert answers == {
        "a": ("flashcard", "Lisbon"), "b": ("multiple_choice", "Tagus"), "c": ("true_false", False),
        "d": ("cloze", "Porto"), "e": ("short_answer", "Guadalquivir"), "f": ("numeric", 1007),
    }
    assert result.questions[5].tolerance == 10
    assert result.questions[4].accept == ["Rio Guadalquivir"]


def test_set_defaults_slug_and_language():
    """A set without slug or language gets the slug of its title and language 'en'."""
    result = read("""
    title: Ríos de España
    questions: [{type: flashcard, prompt: Ebro, answer: Zaragoza}]
    """)
    assert (result.slug, result.language, result.description) == ("rios-de-espana", "en", "")


def test_flashcard_front_and_back():
    """A flashcard may say front/back; they become prompt/answer."""
    result = read(HEADER + "  - {type: flashcard, front: Minho, back: the northern border river}\n")
    assert (result.questions[0].prompt, result.questions[0].answer) == ("Minho", "the northern border river")


def test_cloze_answer_taken_from_blank():
    """A cloze without 'answer' takes the answer from its blank."""
    result = read(HEADER + '  - {type: cloze, prompt: "The Guadiana forms part of the {{border}}."}\n')
    assert result.questions[0].answer == "border"


def test_derived_ids_are_stable_and_unique():
    """Questions without id get a slug-plus-hash id, the same on every read, suffixed when prompts repeat."""
    text = HEADER + """
      - {type: flashcard, prompt: "Where does the Tagus end?", answer: Lisbon}
      - {type: flashcard, prompt: "Where does the Tagus end?", answer: in the Atlantic}
    """
    first, second = read(text), read(text)
    ids = [q.id for q in first.questions]
    assert ids == [q.id for q in second.questions]
    assert ids[0] == derive_id("flashcard", "Where does the Tagus end?")
    assert ids[0].startswith("where-does-the-tagus-end-")
    assert ids[1] == ids[0] + "-2"


def test_numeric_strings_read_when_unambiguous():
    """'10 mil', '1,5' and, in a Portuguese set, '10.000' are numbers; ints stay ints."""
    result = read("""
    title: Números
    language: pt
    questions:
      - {type: numeric, prompt: "Soldados enviados?", answer: "10 mil"}
      - {type: numeric, prompt: "Metros por segundo?", answer: "1,5"}
      - {type: numeric, prompt: "Habitantes da vila?", answer: "10.000"}
      - {type: numeric, prompt: "Graus?", answer: 21.0}
    """)
    assert [q.answer for q in result.questions] == [10000, 1.5, 10000, 21]
    assert isinstance(result.questions[3].answer, int)


def test_dates_stay_text():
    """A date-like answer stays the text the author wrote."""
    result = read(HEADER + "  - {type: short_answer, prompt: 'When did the flood peak?', answer: 1979-02-10}\n")
    assert result.questions[0].answer == "1979-02-10"


def test_missing_title_names_line_and_field():
    """A set without a title is refused naming the file, the first line and the title field."""
    message = single_message(refusal("""
    questions:
      - {type: flashcard, prompt: Ebro, answer: Zaragoza}
    """))
    assert message.startswith(f"{NAME}, line 1, field 'title':")
    assert "required" in message


def test_empty_questions_refused():
    """A set with an empty question list is refused at the questions line."""
    message = single_message(refusal("title: Empty\nquestions: []\n"))
    assert f"{NAME}, line 2, field 'questions':" in message
    assert "non-empty" in message


def test_bad_type_lists_the_valid_ones():
    """An unknown type is refused at its line, listing the valid types."""
    message = single_message(refusal(HEADER + """
      - type: flashcard
        prompt: Ebro
        answer: Zaragoza
      - type: essay
        prompt: Describe the Tagus.
    """))
    assert f"{NAME}, line 6, field 'questions[1].type':" in message
    assert "multiple_choice" in message and "'essay'" in message


def test_unknown_key_is_named():
    """A misspelled field is refused by name, at its own line."""
    message = single_message(refusal(HEADER + """
      - type: short_answer
        prompt: River of Porto?
        answer: Douro
        explantion: It ends there.
    """))
    assert f"{NAME}, line 6, field 'questions[0].explantion':" in message
    assert "unknown field 'explantion'" in message


def test_front_back_only_for_flashcards():
    """front/back on another type is an unknown field."""
    message = single_message(refusal(HEADER + "  - {type: short_answer, prompt: Douro, front: Douro, answer: Porto}\n"))
    assert "questions[0].front" in message and "flashcards only" in message


def test_duplicate_id_points_at_second():
    """A repeated id is refused at the second use, naming the first."""
    message = single_message(refusal(HEADER + """
      - id: same
        type: flashcard
        prompt: Ebro
        answer: Zaragoza
      - id: same
        type: flashcard
        prompt: Douro
        answer: Porto
    """))
    assert f"{NAME}, line 7, field 'questions[1].id':" in message
    assert "already used by questions[0]" in message


@pytest.mark.parametrize("prompt, expected", [
    ("The Tagus ends at Lisbon.", "found 0"),
    ("The {{Tagus}} ends at {{Lisbon}}.", "found 2"),
    ("The Tagus ends at {{ }}.", "found 1"),
])
def test_bad_cloze_refused(prompt, expected):
    """A cloze prompt needs exactly one non-empty blank."""
    message = single_message(refusal(HEADER + f'  - {{type: cloze, prompt: "{prompt}"}}\n'))
    assert f"{NAME}, line 3, field 'questions[0].prompt':" in message
    assert expected in message


def test_cloze_answer_must_match_blank():
    """A cloze whose answer differs from its blank is refused."""
    message = single_message(refusal(HEADER + '  - {type: cloze, prompt: "Ends at {{Porto}}.", answer: Lisbon}\n'))
    assert "questions[0].answer" in message and "differs from the blank" in message


def test_multiple_choice_answer_not_among_choices():
    """A multiple_choice answer must be one of the choices."""
    message = single_message(refusal(HEADER + """
      - type: multiple_choice
        prompt: Longest river?
        answer: Tagus
        choices: [Douro, Ebro]
    """))
    assert f"{NAME}, line 5, field 'questions[0].answer':" in message
    assert "not among the choices" in message


@pytest.mark.parametrize("choices, expected", [("[Tagus]", "at least 2"), ("[Tagus, Tagus]", "repeat")])
def test_multiple_choice_needs_distinct_choices(choices, expected):
    """A multiple_choice needs two or more distinct choices."""
    message = single_message(refusal(HEADER + f"  - {{type: multiple_choice, prompt: 'P?', answer: Tagus, choices: {choices}}}\n"))
    assert expected in message


@pytest.mark.parametrize("answer, expected", [
    ("many", "not a number"),
    ('"10.000"', "ambiguous"),
    ("[1, 2]", "not a list"),
])
def test_numeric_not_a_number(answer, expected):
    """A numeric answer that is not clearly a number is refused with how to write it."""
    message = single_message(refusal(HEADER + f"  - {{type: numeric, prompt: 'How long?', answer: {answer}}}\n"))
    assert f"{NAME}, line 3, field 'questions[0].answer':" in message
    assert expected in message


def test_negative_tolerance_refused():
    """A numeric tolerance must be 0 or more."""
    message = single_message(refusal(HEADER + "  - {type: numeric, prompt: 'Km?', answer: 5, tolerance: -1}\n"))
    assert "questions[0].tolerance" in message and "0 or more" in message


def test_true_false_needs_a_bool():
    """A true_false answer in quotes is text, and refused."""
    message = single_message(refusal(HEADER + '  - {type: true_false, prompt: The Ebro is long., answer: "true"}\n'))
    assert f"{NAME}, line 3, field 'questions[0].answer':" in message
    assert "true or false" in message


def test_yes_as_text_answer_asks_for_quotes():
    """YAML reads 'no' as false; a text answer of no is refused with a hint to quote it."""
    message = single_message(refusal(HEADER + "  - {type: short_answer, prompt: 'Is it navigable?', answer: no}\n"))
    assert "quotes" in message


def test_fields_only_for_some_types():
    """choices, tolerance and accept on a type that does not use them are refused."""
    error = refusal(HEADER + """
      - {type: true_false, prompt: P., answer: true, choices: [a, b], tolerance: 1, accept: [x]}
    """)
    fields = sorted(problem.field for problem in error.problems)
    assert fields == ["questions[0].accept", "questions[0].choices", "questions[0].tolerance"]


def test_all_problems_reported_at_once():
    """Every problem in a file is reported in one refusal, in line order."""
    error = refusal("""
    questions:
      - {type: flashcard, prompt: Ebro}
      - {type: numeric, prompt: "Km?", answer: lots}
      - {type: guess, prompt: P}
    """)
    assert [(p.line, p.field) for p in error.problems] == [
        (1, "title"), (2, "questions[0].answer"), (3, "questions[1].answer"), (4, "questions[2].type"),
    ]
    assert len(str(error).splitlines()) == 4


def test_duplicate_key_refused():
    """A key given twice in one mapping is refused instead of silently keeping the last."""
    message = single_message(refusal(HEADER + """
      - type: flashcard
        prompt: Ebro
        answer: Zaragoza
        answer: Logroño
    """))
    assert f"{NAME}, line 6, field 'questions[0].answer':" in message and "twice" in message


def test_malformed_yaml_reports_line():
    """A YAML syntax error is refused with its line."""
    message = single_message(refusal(HEADER + """
      - type: flashcard
        prompt: "Ebro
        answer: Zaragoza
      - other: [unclosed
    """))
    assert message.startswith(f"{NAME}, line ")
    assert "YAML syntax" in message


def test_syntax_error_line_number():
    """A bad indentation is reported on the line where it happens."""
    message = single_message(refusal("title: Rivers\n  questions: oops\nquestions: []\n"))
    assert message.startswith(f"{NAME}, line 2:")


def test_alias_refused():
    """Anchors and aliases are refused, which stops alias bombs."""
    message = single_message(refusal("""
    title: &t Rivers
    questions:
      - {type: flashcard, prompt: *t, answer: Zaragoza}
    """))
    assert f"{NAME}, line 1:" in message and "aliases are not allowed" in message


def test_alias_bomb_refused_quickly():
    """The classic billion-laughs document is refused, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    message = single_message(refusal("\n".join(lines)))
    assert "aliases are not allowed" in message


def test_deep_nesting_refused():
    """Nesting past the limit is refused as a clear error, not a RecursionError."""
    message = single_message(refusal("title: " + "[" * 5000 + "]" * 5000 + "\nquestions: []\n"))
    assert f"{NAME}, line 1:" in message and "nesting deeper than" in message


def test_nesting_that_crashes_the_c_composer_is_refused():
    """40,000 levels (libyaml's composer segfaults near 30,000) are refused as nesting, in flow and block style."""
    flow = single_message(refusal("title: x\nquestions: " + "[" * 40000 + "]" * 40000 + "\n"))
    assert "nesting deeper than" in flow
    block = "title: x\nquestions:\n" + "".join("  " * i + "-\n" for i in range(200))
    assert "nesting deeper than" in single_message(refusal(block))


@pytest.mark.parametrize("text, expected", [
    ("title: x\n<<: {questions: []}\n", "merge keys"),
    ("title: x\nquestions: []\n---\ntitle: y\n", "expected a single document"),
    ("title: !!python/object:os.system x\nquestions: []\n", "could not determine a constructor"),
    ("title: x\nquestions: !!set {a: null}\n", "is not allowed here"),
    ("? [a, b]\n: x\n", "cannot be a key"),
])
def test_tags_merges_complex_keys_and_second_documents_refused(text, expected):
    """What the safe loader would refuse (or expand) is refused with a line."""
    message = single_message(refusal(text))
    assert expected in message and f"{NAME}, line" in message


def test_oversize_refused():
    """Input over max_bytes is refused before parsing."""
    message = single_message(refusal(HEADER + "  - {type: flashcard, prompt: a, answer: b}\n", max_bytes=20))
    assert message.startswith(f"{NAME}:") and "limit of 20" in message


def test_non_utf8_refused():
    """Bytes that are not UTF-8 are refused with a hint."""
    with pytest.raises(FormatError, match="not UTF-8"):
        yaml_format.read("title: Ríos\n".encode("latin-1"), filename=NAME)


def test_not_a_mapping_refused():
    """A document that is a list is refused."""
    assert "not a list" in single_message(refusal("- a\n- b\n"))


def test_empty_file_refused():
    """An empty file is refused as empty."""
    assert "empty" in single_message(refusal("# only a comment\n"))


def test_source_checked():
    """A question's source is a mapping with known fields; sentence is a whole number."""
    error = refusal(HEADER + """
      - type: flashcard
        prompt: Ebro
        answer: Zaragoza
        source: {doc: text-1, sentence: three, page: 4}
    """)
    assert sorted(p.field for p in error.problems) == ["questions[0].source.page", "questions[0].source.sentence"]
    assert all(p.line == 6 for p in error.problems)


def test_trusted_file_reads_and_reports_lines(tmp_path):
    """The fast trusted reader gives the same set, and line-precise errors on a bad file."""
    good = tmp_path / "good.yaml"
    good.write_text(HEADER + "  - {id: a, type: flashcard, prompt: Ebro, answer: Zaragoza}\n", encoding="utf-8")
    assert yaml_format.read_trusted_file(good) == yaml_format.read(good.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEADER + "  - {type: flashcard, prompt: Ebro}\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        yaml_format.read_trusted_file(bad)
    assert str(caught.value).startswith(f"{bad}, line 3, field 'questions[0].answer':")
