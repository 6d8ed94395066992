"""Per-answer feedback and partial credit in the exports beyond GIFT and Moodle: CSV keeps them in two columns
its reader reads back; Aiken and Quizlet cannot hold them, and say so per question before writing."""
import pytest

from quizapp import formats
from tests.formats.test_per_answer_round_trips import SET_YAML


def per_answer_set():
    return formats.read(SET_YAML.encode(), "yaml").set


def test_csv_round_trip_keeps_feedback_and_credit():
    """Written as CSV and read back, every question keeps its feedback and credit, answers holding ': ', '|',
    braces and '#' included; nothing is named as dropped."""
    data = per_answer_set()
    data.questions[0].choices[2] = "Earth: home | #3"
    data.questions[0].feedback = {"Earth: home | #3": "We live here | home", **data.questions[0].feedback}
    del data.questions[0].feedback["Earth {home} #3"]
    text = formats.write(data, "csv")
    assert "Earth\\: home \\| #3: We live here \\| home" in text
    result = formats.read(text.encode(), "csv", title=data.title)
    assert [q.to_dict() for q in result.set.questions] == [q.to_dict() for q in data.questions]
    assert result.dropped == [] and formats.dropped_on_write(data, "csv") == []


def test_csv_cells_are_answer_colon_value_lists():
    """A teacher's spreadsheet writes 'answer: text|answer: text'; in a semicolon file credit reads '12,5'."""
    text = ("type;prompt;answer;choices;feedback;credit\n"
            "multiple_choice;Closest planet?;Mercury;Mercury|Venus|Pluto;Venus: Too hot | Pluto: Not a planet;"
            "Venus: 12,5\n")
    question = formats.read(text.encode(), "csv", filename="p.csv").set.questions[0]
    assert (question.feedback, question.credit) == ({"Venus": "Too hot", "Pluto": "Not a planet"}, {"Venus": 12.5})


@pytest.mark.parametrize("cell, message", [
    ("feedback\nmultiple_choice,Closest?,Mercury,Mercury|Venus,Too hot",
     "each item of the 'feedback' column is an answer, ': ' and its feedback, e.g. 'Venus: Too hot'"),
    ("feedback\nmultiple_choice,Closest?,Mercury,Mercury|Venus,Mars: Too cold",
     "'Mars' is not one of the question's answers ('Mercury', 'Venus')"),
    ("credit\nmultiple_choice,Closest?,Mercury,Mercury|Venus,Venus: half",
     "credit is a number from 0 to 100"),
], ids=["no-answer", "unknown-answer", "not-a-number"])
def test_csv_bad_per_answer_cells_are_refused_with_their_line(cell, message):
    """A feedback or credit cell that says nothing clear is refused on its line, naming the cell's rule."""
    text = "type,prompt,answer,choices," + cell + "\n"
    with pytest.raises(formats.FormatError) as refused:
        formats.read(text.encode(), "csv", filename="p.csv")
    problem = refused.value.problems[0]
    assert problem.line == 2 and message in problem.message and "questions[0]" in problem.field


def test_aiken_names_the_feedback_and_credit_it_leaves_out():
    """Aiken keeps the multiple choice but not its feedback or partial credit: both are named, with the answers."""
    dropped = formats.dropped_on_write(per_answer_set(), "aiken")
    assert [(d.title_or_prompt, d.reason) for d in dropped] == [
        ("Closest planet?", "the feedback on 'Mercury', 'Venus', 'Earth {home} #3' is left out: Aiken holds one "
                            "right letter per question and no feedback"),
        ("Closest planet?", "the partial credit of 'Venus' (50%), 'Pluto' (12.5%) is left out: Aiken holds one "
                            "right letter per question and no feedback"),
    ]
    # The other questions are not written at all: they are skipped, not dropped.
    assert len(formats.skipped_on_write(per_answer_set(), "aiken")) == 4


def test_quizlet_names_what_its_cards_leave_out():
    """A Quizlet card is a term and a definition: the short answer's feedback and credit are named as left out."""
    dropped = formats.dropped_on_write(per_answer_set(), "quizlet")
    assert [(d.title_or_prompt, d.reason.split(" is left out")[0]) for d in dropped] == [
        ("Who wrote Hamlet?", "the feedback on 'Bacon', 'Marlowe', 'Shakespeare'"),
        ("Who wrote Hamlet?", "the partial credit of 'Marlowe' (33.5%), 'Bacon' (0%)"),
    ]
    assert formats.write(per_answer_set(), "quizlet") == "Who wrote Hamlet?\tShakespeare\n"


@pytest.mark.parametrize("name", ["yaml", "gift", "moodle", "csv"])
def test_formats_that_keep_feedback_and_credit_name_nothing(name):
    """The formats that hold feedback and credit report nothing dropped."""
    assert formats.dropped_on_write(per_answer_set(), name) == []
