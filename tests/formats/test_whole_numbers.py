"""A whole number stays whole in every format that writes numbers: '1000', never '1000.0' (a float column or a
reader may hand the writers 1000.0)."""
import re

import pytest

from quizapp import formats
from quizapp.formats.data import QuestionData, SetData

NUMERIC = SetData(title="Numbers", slug="numbers", questions=[
    QuestionData(id="soldiers", type="numeric", prompt="Soldiers sent?", answer=10000.0, tolerance=1000.0),
    QuestionData(id="year", type="numeric", prompt="Year?", answer=2024.0, tolerance=0.0),
    QuestionData(id="pi", type="numeric", prompt="Pi?", answer=3.14, tolerance=0.005),
])


@pytest.mark.parametrize("name, expected", [
    ("gift", ["{#10000:1000}", "{#2024:0}", "{#3.14:0.005}"]),
    ("csv", ["numeric,Soldiers sent?,10000,,,1000,", "numeric,Year?,2024,,,0,", "numeric,Pi?,3.14,,,0.005,"]),
    ("moodle", ["<text>10000</text>\n      <tolerance>1000</tolerance>", "<text>2024</text>\n      <tolerance>0</tolerance>"]),
    ("yaml", ["answer: 10000\n    tolerance: 1000\n", "answer: 2024\n    tolerance: 0\n", "tolerance: 0.005"]),
])
def test_whole_numbers_are_written_as_integers(name, expected):
    """Answers and tolerances that are whole numbers are written without '.0'; fractions keep their digits."""
    text = formats.write(NUMERIC, name)
    for piece in expected:
        assert piece in text
    body = text.replace('<?xml version="1.0"', "")  # the XML declaration's version is no number of ours
    assert re.search(r"(?<![\d.])\d+\.0(?![\d])", body) is None


@pytest.mark.parametrize("name", ["gift", "csv", "moodle", "yaml"])
def test_whole_numbers_read_back_as_integers(name):
    """Read back, the numbers are the integers the author meant."""
    again = formats.read(formats.write(NUMERIC, name).encode(), name, title="Numbers").set
    # A tolerance of 0 is no tolerance: some formats leave it out.
    assert [(q.answer, q.tolerance or 0) for q in again.questions] == [(10000, 1000), (2024, 0), (3.14, 0.005)]
    assert all(type(q.answer) is int for q in again.questions[:2])
