"""CSV and Aiken readers: columns, delimiters, lettered choices, and their refusals with lines."""
import pytest

from quizapp.formats import FormatError, aiken, csv_format


def test_csv_semicolon_and_lists():
    """A semicolon CSV is detected, lists split on '|', decimal commas read, title from the file name."""
    text = ("Type;Prompt;Answer;Choices;Tags\n"
            "multiple_choice;Which river crosses Zaragoza?;Ebro;Ebro|Tagus|Douro;spain|rivers\n"
            "numeric;Mean depth of the estuary, in m?;1,5;;\n"
            "true_false;The Minho is a border river.;yes;;\n")
    result = csv_format.read(text, filename="rios_ibericos.csv")
    assert result.set.title == "rios ibericos"
    mc, num, tf = result.set.questions
    assert mc.choices == ["Ebro", "Tagus", "Douro"] and mc.tags == ["spain", "rivers"]
    assert num.answer == 1.5 and tf.answer is True


def test_csv_tab_delimiter_and_quoted_newlines():
    """Tabs are detected and a quoted cell may span lines; the next row still reports its own line."""
    text = 'type\tprompt\tanswer\nflashcard\t"Two\nlines"\tyes\nnumeric\tHow deep?\tvery\n'
    with pytest.raises(FormatError) as caught:
        csv_format.read(text, filename="t.tsv")
    assert str(caught.value).startswith("t.tsv, line 4, field 'questions[1].answer':")


def test_csv_unknown_column_refused():
    """A misspelled column is refused by name at the header line."""
    with pytest.raises(FormatError, match=r"r.csv, line 1: unknown column 'answr'"):
        csv_format.read("type,prompt,answr\nflashcard,a,b\n", filename="r.csv")


def test_csv_rows_refused_with_lines():
    """Every bad row is reported with its line and field."""
    text = "type,prompt,answer,choices\nflashcard,Ebro,Zaragoza,\nessay,Describe,,\nmultiple_choice,P?,x,a|b\n"
    with pytest.raises(FormatError) as caught:
        csv_format.read(text, filename="r.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "questions[1].type"), (4, "questions[2].answer")]


def test_aiken_reads_both_option_styles():
    """Options may be 'A.' or 'A)'; the ANSWER letter picks the answer."""
    text = "Which river flows through Porto?\nA. Tagus\nB) Douro\nC. Ebro\nANSWER: B\n\nLongest?\nA) Tagus\nB) Ebro\nANSWER: A\n"
    result = aiken.read(text, filename="a.txt")
    assert [(q.answer, q.choices) for q in result.set.questions] == [
        ("Douro", ["Tagus", "Douro", "Ebro"]), ("Tagus", ["Tagus", "Ebro"])]


def test_aiken_problems_with_lines():
    """Out-of-order letters, answers outside the choices and a missing ANSWER are all reported."""
    text = "First?\nA. x\nC. y\nANSWER: A\n\nSecond?\nA. x\nB. y\nANSWER: D\n\nThird?\nA. x\nB. y\n"
    with pytest.raises(FormatError) as caught:
        aiken.read(text, filename="a.txt")
    assert [p.line for p in caught.value.problems] == [3, 9, 11]
    assert "out of order" in str(caught.value) and "not one of the choices" in str(caught.value)


def test_aiken_writer_reports_skipped():
    """The Aiken writer leaves out other types and says which."""
    from tests.formats.formats_factories import gen_every_type_set

    data = gen_every_type_set()
    skipped = aiken.skipped_on_write(data)
    assert len(skipped) == len(data.questions) - 1
    assert all(item.reason == "Aiken holds multiple-choice questions only" for item in skipped)
    assert aiken.write(data).count("ANSWER:") == 1
