"""Hostile files: each is refused naming the file, line and field, or read into a set every column holds."""
import pytest

from quizapp import limits
from quizapp.formats import FormatError, cloze, read
from quizapp.formats.model import question_from_dict, set_from_dict

ONE = "  - {type: flashcard, prompt: p, answer: a}\n"


def yaml_set(body: str = ONE, head: str = "title: T\n") -> str:
    return head + "questions:\n" + body


def refusal(content: str, fmt: str, filename: str = "upload") -> FormatError:
    with pytest.raises(FormatError) as caught:
        read(content, fmt, filename=filename)
    return caught.value


def short_answer(value: str) -> str:
    return yaml_set(f"  - type: short_answer\n    prompt: P\n    answer: {value}\n")


@pytest.mark.parametrize("value, words", [
    ("!!int abc", "'abc' is not a valid int"),
    ("!!int ''", "'' is not a valid int"),
    ("!!float ''", "'' is not a valid float"),
    ("!!bool abc", "'abc' is not a valid bool"),
    ("!!timestamp x", "'x' is not a valid timestamp"),
    ("!!timestamp 2001-13-45", "'2001-13-45' is not a valid timestamp"),
    ("1" * 4301, "has too many digits; put it in quotes"),
])
def test_yaml_values_its_constructors_cannot_build_are_refused_at_their_line(value, words):
    """A tag with a value it cannot hold, or an integer past Python's digit limit, is a refusal at line 5."""
    error = refusal(short_answer(value), "yaml", "bad.yaml")
    assert str(error).startswith("bad.yaml, line 5: ") and words in str(error)


def test_yaml_control_characters_are_refused_as_syntax():
    """A raw control character is refused by the parser, with the file named."""
    error = refusal("title: a\x01\nquestions: []\n", "yaml", "ctrl.yaml")
    assert "ctrl.yaml" in str(error) and "control characters are not allowed" in str(error)


@pytest.mark.parametrize("escape, code", [("\\0", "U+0000"), ("\\x00", "U+0000")])
def test_nul_characters_written_as_escapes_are_refused_by_field(escape, code):
    """A NUL (which PostgreSQL cannot store) is refused in the field it is in."""
    error = refusal(yaml_set(head=f'title: "Rivers{escape}"\n'), "yaml", "nul.yaml")
    assert str(error) == f"nul.yaml, line 1, field 'title': character 7 is {code}, which text cannot hold; remove it"


def test_nul_in_a_question_field_is_refused_by_field():
    """The same rule holds in every text field, here an accepted answer."""
    error = refusal(yaml_set('  - {type: short_answer, prompt: p, answer: a, accept: ["b\\0"]}\n'), "yaml", "n.yaml")
    assert "field 'questions[0].accept[0]': character 2 is U+0000" in str(error)


@pytest.mark.parametrize("field, body, words", [
    ("sources[0].x", "  - {id: a, x: !!binary aGk=}", "not a bytes"),
    ("sources[0].x", "  - {id: a, x: .nan}", "'x' must be a finite number"),
    ("sources[0].x", "  - {id: a, x: !!timestamp 2001-01-01}", "not a date"),
    ("sources[0].x", "  - {id: a, x: 1.0e+300}", "'x' must be between"),
])
def test_source_values_must_be_json_both_databases_store(field, body, words):
    """Bytes, NaN, dates and huge numbers in ``sources`` are refused instead of failing in the database."""
    error = refusal(yaml_set(head="title: T\nsources:\n" + body + "\n"), "yaml", "s.yaml")
    assert f"line 3, field '{field}'" in str(error) and words in str(error)


@pytest.mark.parametrize("question, field, words", [
    ("{type: flashcard, prompt: p, answer: a, source: {sentence: 100000000000000000000}}", "source.sentence",
     "sentence must be a whole number from 0 to 2147483647"),
    ("{type: flashcard, prompt: p, answer: a, source: {sentence: 2147483648}}", "source.sentence", "from 0 to"),
    ("{type: numeric, prompt: p, answer: 1, tolerance: 1" + "0" * 400 + "}", "tolerance", "must be between"),
    ("{type: numeric, prompt: p, answer: 1e400}", "answer", "is not a finite number"),
    ("{type: numeric, prompt: p, answer: '10000000000000000'}", "answer", "must be between"),
    ("{type: flashcard, prompt: p, answer: a, source: {doc: " + "d" * 201 + "}}", "source.doc", "at most 200"),
    ("{type: flashcard, prompt: " + "p" * (limits.PROMPT_MAX + 1) + ", answer: a}", "prompt", "at most 10000"),
    ("{type: flashcard, prompt: p, answer: a, id: " + "i" * 101 + "}", "id", "(at most 100)"),
    ("{type: multiple_choice, prompt: p, answer: c0, choices: [" + ", ".join(f"c{i}" for i in range(27)) + "]}",
     "choices", "27 items; at most 26"),
])
def test_values_past_what_the_columns_hold_are_refused(question, field, words):
    """Numbers and texts past the columns' sizes are refused with their field, before the database sees them."""
    error = refusal(yaml_set(f"  - {question}\n"), "yaml", "big.yaml")
    assert f"line 3, field 'questions[0].{field}'" in str(error) and words in str(error)


@pytest.mark.parametrize("head, field", [
    ("title: " + "t" * 201 + "\n", "title"),
    ("title: T\nlanguage: en-abcdefgh-abcdefgh\n", "language"),
    ("title: T\ndescription: " + "d" * (limits.DESCRIPTION_MAX + 1) + "\n", "description"),
])
def test_set_fields_past_their_columns_are_refused(head, field):
    """A title over 200 characters, a 20-character language code and an endless description are refused."""
    error = refusal(yaml_set(head=head), "yaml", "t.yaml")
    assert f"field '{field}'" in str(error) and "at most" in str(error)


def test_a_long_file_name_gives_a_title_cut_to_the_column():
    """A GIFT file named with 300 letters is read; its title is the name cut to 200 characters."""
    result = read("Q {T}\n", "gift", filename="n" * 300 + ".gift")
    assert result.set.title == "n" * limits.TITLE_MAX


def test_a_title_full_of_wide_letters_gives_a_slug_that_fits():
    """A title whose letters spell out to many ASCII ones still gets a slug its column holds."""
    data = set_from_dict({"title": "\ufdfa" * 200, "questions": [{"type": "flashcard", "prompt": "p", "answer": "a"}]})
    assert 0 < len(data.slug) <= limits.SLUG_MAX - 20


def test_too_many_questions_are_refused_in_one_problem():
    """A set past the question limit is refused once, without validating each question."""
    questions = [{"type": "flashcard", "prompt": "p", "answer": "a"}] * (limits.QUESTIONS_MAX + 1)
    with pytest.raises(FormatError) as caught:
        set_from_dict({"title": "T", "questions": questions})
    assert [problem.field for problem in caught.value.problems] == ["questions"]


def test_gift_numeric_ranges_that_overflow_are_skipped_as_no_number():
    """``{#9e999999..9e999999}`` overflows decimal arithmetic: the question is skipped, named, and nothing is left."""
    error = refusal("Q {#9e999999..9e999999}\n", "gift", "n.gift")
    assert "numeric answer '9e999999..9e999999' is not a number" in str(error)


def test_aiken_with_27_options_is_refused_at_the_27th():
    """Aiken letters choices A-Z: a 27th is refused on its line."""
    text = "Q?\n" + "".join(f"{letter}. option {letter}\n" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "A. one more\nANSWER: A\n"
    error = refusal(text, "aiken", "a.aiken")
    assert "a.aiken, line 28: a question has at most 26 choices, A-Z" in str(error)


@pytest.mark.parametrize("sentence", ["²", "١٢", "99999999999999999999"])
def test_csv_source_sentence_that_is_no_ascii_number_is_refused_by_field(sentence):
    """A superscript or Arabic-Indic digit, or a number past the column, is a refusal, not a crash."""
    error = refusal(f"type,prompt,answer,source_sentence\nflashcard,p,a,{sentence}\n", "csv", "s.csv")
    assert "s.csv, line 2, field 'questions[0].source.sentence'" in str(error)


@pytest.mark.parametrize("answer", ["\\d", "C:\\new", "\\1", "\\g<0>", "a\\\\b"])
def test_a_backslash_in_a_cloze_answer_is_kept_literally(answer):
    """The blank is spliced back, never used as a substitution template: ``C:\\new`` stays as written."""
    question, problems = question_from_dict({"type": "cloze", "prompt": "Path {{ " + answer + " }} here"})
    assert problems == []
    assert question.answer == answer and question.prompt == "Path {{" + answer + "}} here"


def test_a_blank_across_a_line_break_is_no_blank_in_the_reader_or_the_pages():
    """``{{Lis\\nbon}}`` is refused by the reader, and the pages would show it unmasked as no blank."""
    _, problems = question_from_dict({"type": "cloze", "prompt": "Capital: {{Lis\nbon}}."})
    assert len(problems) == 1 and "on one line, found 0" in problems[0].message
    assert cloze.blanks("Capital: {{Lis\nbon}}.") == []
    assert cloze.fill("a {{x\n}} {{y}}", lambda inside: "_") == "a {{x\n}} _"


@pytest.mark.parametrize("text, blanks", [
    ("{{a}}", [(0, 5, "a")]),
    ("x {{a}} y {{b}}", [(2, 7, "a"), (10, 15, "b")]),
    ("{{{a}}}", [(0, 6, "{a")]),
    ("{{}}", [(0, 4, "")]),
    ("{{a\n{{b}}", [(4, 9, "b")]),
    ("{" * 1000, []),
    ("}}{{", []),
])
def test_cloze_blanks_match_the_one_line_lazy_rule(text, blanks):
    """Blanks open at ``{{``, close at the next ``}}`` and never span a line break (as ``\\{\\{(.*?)\\}\\}`` without DOTALL)."""
    assert cloze.blanks(text) == blanks


def test_repeated_prompts_get_increasing_suffixes_around_explicit_ids():
    """Copies of one prompt are numbered -2, -3... skipping ids written in the file, and an explicit id equal to a
    derived one keeps its name while the derived copy is numbered."""
    base = question_from_dict({"type": "flashcard", "prompt": "Same", "answer": "a"})[0].id
    questions = [{"type": "flashcard", "prompt": "Same", "answer": "a"} for _ in range(4)]
    questions.insert(1, {"type": "flashcard", "prompt": "Other", "answer": "b", "id": f"{base}-3"})
    questions.append({"type": "flashcard", "prompt": "Third", "answer": "c", "id": base})
    ids = [question.id for question in set_from_dict({"title": "T", "questions": questions}).questions]
    assert ids == [f"{base}-2", f"{base}-3", f"{base}-4", f"{base}-5", f"{base}-6", base]
    assert len(set(ids)) == len(ids)
