"""Reading written numbers: converted only when they can mean one thing."""
import pytest

from quizapp.formats.numbers import parse_number


@pytest.mark.parametrize("text, language, expected", [
    ("10000", None, 10000),
    ("-3.5", None, -3.5),
    ("10 mil", None, 10000),
    ("1,5 mil", None, 1500),
    ("2 million", None, 2000000),
    ("1,5", None, 1.5),
    ("0,125", None, 0.125),
    ("1.000.000", None, 1000000),
    ("1.234,5", None, 1234.5),
    ("1,234.5", None, 1234.5),
    ("10.000", "pt", 10000),
    ("10.000", "en", 10),
    ("1,500", "pt-BR", 1.5),
    ("1,500", "en-GB", 1500),
])
def test_parse_number(text, language, expected):
    """Written numbers convert to the value their writer meant."""
    value = parse_number(text, language)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text, fragment", [
    ("10.000", "ambiguous"),
    ("1,500", "ambiguous"),
    ("ten", "not a number"),
    ("1 2", "not a number"),
    ("", "empty"),
    ("inf", "not a number"),
])
def test_parse_number_refuses(text, fragment):
    """Ambiguous or non-numeric text is refused with a reason."""
    with pytest.raises(ValueError, match=fragment):
        parse_number(text)
