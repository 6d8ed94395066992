"""The YAML writer: deterministic, in contract order, and read back unchanged."""
from tests.formats.formats_factories import gen_every_type_set, gen_question, gen_set

from quizapp.formats import yaml_format


def test_round_trip_every_type():
    """read(write(s)) == s for a set holding every question type and optional field."""
    original = gen_every_type_set()
    assert yaml_format.read(yaml_format.write(original)) == original


def test_write_is_deterministic_and_ordered():
    """Writing twice gives the same text, with keys in the contract's order and unicode kept."""
    data = gen_set([gen_question(prompt="Qual é o rio de Coimbra?", answer="Mondego", tags=["rios"])],
                   title="Rios de Portugal", slug="rios-de-portugal", language="pt")
    text = yaml_format.write(data)
    assert text == yaml_format.write(data)
    assert text.splitlines()[:4] == ["title: Rios de Portugal", "slug: rios-de-portugal", "language: pt", "questions:"]
    assert "Qual é o rio" in text
    keys = [line.strip().lstrip("- ").split(":")[0] for line in text.splitlines()[4:] if ":" in line]
    assert keys == ["id", "type", "prompt", "answer", "tags"]


def test_tricky_strings_round_trip():
    """Multi-line prompts, long lines, YAML look-alikes and special characters survive a round trip."""
    questions = [
        gen_question(id="a", prompt="First line\nsecond line: with colon", answer="yes"),
        gen_question(id="b", prompt="word " * 200 + "end", answer="1945-05-08"),
        gen_question(id="c", prompt="# not a comment & *not an alias* {not: flow}", answer="null"),
        gen_question(id="d", prompt="Quote \"inside\" and 'single'", answer="10"),
    ]
    data = gen_set(questions)
    text = yaml_format.write(data)
    assert yaml_format.read(text) == data
    assert "word word" in text.splitlines()[text.splitlines().index("  - id: b") + 2]


def test_empty_optional_fields_left_out():
    """Empty optional fields are not written."""
    text = yaml_format.write(gen_set())
    for key in ("description", "sources", "choices", "accept", "tolerance", "explanation", "source", "tags"):
        assert f"{key}:" not in text
