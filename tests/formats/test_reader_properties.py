"""Every reader, fed hostile input, gives a clear refusal or a valid set, in time proportional to the size.

The inputs come from :mod:`tests.formats.hostile_inputs` driven by Hypothesis, which shrinks a failure
to its smallest input. The ``ci`` profile (the default) tries a few dozen inputs per property;
``QUIZAPP_HYPOTHESIS_PROFILE=long`` tries thousands. ``bench/fuzz.py`` runs ten thousand per format
and prints the figures.
"""
import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from quizapp.formats import FormatError, cloze
from quizapp.formats.model import set_from_dict
from tests.formats.hostile_inputs import FORMATS, TEXT_FORMATS, YAML_TAGS, hostile_input, outcome, time_bound

settings.register_profile("ci", max_examples=40, deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("QUIZAPP_HYPOTHESIS_PROFILE", "ci"))


def assert_handled(content, fmt: str) -> None:
    """The reader's answer is a set or a refusal naming the file, within the time bound for the size."""
    found = outcome(content, fmt)
    assert found.kind != "crash", found.detail
    assert found.seconds <= time_bound(found.size), f"{found.seconds:.2f}s for {found.size} bytes"


@pytest.mark.parametrize("fmt", FORMATS)
@given(rng=st.randoms(use_true_random=False))
def test_mutated_files_are_read_or_refused(fmt, rng):
    """Valid files with bytes flipped, cut, repeated and hostile tokens spliced in, random bytes and deep nesting."""
    assert_handled(hostile_input(rng, fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@given(content=st.binary(max_size=4_000))
def test_random_bytes_are_read_or_refused(fmt, content):
    assert_handled(content, fmt)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@given(text=st.text(max_size=2_000))
def test_random_text_is_read_or_refused(fmt, text):
    """Any Unicode text, lone surrogates and control characters included."""
    assert_handled(text, fmt)


@given(tag=st.sampled_from(YAML_TAGS), value=st.text(max_size=40), field=st.sampled_from(
    ["title", "language", "slug", "description", "sources", "questions"]))
def test_every_yaml_tag_on_any_value_is_read_or_refused(tag, value, field):
    """``!!int``, ``!!binary``, ``!!timestamp``, ``!!python/...`` and the rest on any scalar, at the top or in a question."""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert_handled(f"{field}: {tag} {quoted}\ntitle: T\nquestions:\n  - {{type: short_answer, prompt: p, answer: {tag} {quoted}}}\n",
                   "yaml")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("depth", [100, 5_000, 100_000])
def test_deep_nesting_is_refused_or_read_in_time(fmt, depth):
    """Brackets, braces and tags nested far past any real file."""
    for opener, closer in (("[", "]"), ("{", "}"), ("<question>", "</question>")):
        assert_handled("title: " + opener * depth + closer * depth + "\n", fmt)


@pytest.mark.parametrize("fmt, content", [
    ("gift", "Q {T}\n\n" * 20_000),
    ("yaml", "title: T\nquestions:\n  - {type: cloze, prompt: '" + "{" * 9_000 + "'}\n"),
    ("csv", "type,prompt,answer\n" + "cloze,\"" + "{{" * 4_000 + "\",\n"),
    ("gift", "Q " + "{" * 40_000 + "\n"),
    ("csv", "type,prompt,answer,choices,accept,tolera" + "{" * 100 + '"\\0"' + "{" * 40_000 + "nce,ex"),
])
def test_inputs_that_were_quadratic_take_linear_time(fmt, content):
    """20,000 repeated prompts and 40,000 '{' took 26 s and 6.7 s, a 43 KB CSV header 12 s; now within the linear bound."""
    assert_handled(content, fmt)


_LAZY_BLANK = re.compile(r"\{\{(.*?)\}\}")  # the rule's definition: lazy, and '.' stops at a line break


@given(text=st.text(alphabet="{}\na\\", max_size=60))
def test_cloze_blanks_are_the_lazy_one_line_regex(text):
    """The linear scan finds exactly what ``\\{\\{(.*?)\\}\\}`` without DOTALL finds, on any mix of braces."""
    expected = [(m.start(), m.end(), m.group(1)) for m in _LAZY_BLANK.finditer(text)]
    assert cloze.blanks(text) == expected
    assert cloze.fill(text, lambda inside: "[" + inside + "]") == _LAZY_BLANK.sub(lambda m: "[" + m.group(1) + "]", text)


@given(prompts=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=40),
       explicit=st.lists(st.integers(0, 39), max_size=10))
def test_ids_are_unique_whatever_repeats(prompts, explicit):
    """Repeated prompts, mixed with explicit ids that copy a derived id or its suffixed forms, give unique ids."""
    first = set_from_dict({"title": "T", "questions": [{"type": "flashcard", "prompt": p, "answer": "x"} for p in "abc"]})
    derived = {q.prompt: q.id for q in first.questions}
    questions = [{"type": "flashcard", "prompt": p, "answer": "x"} for p in prompts]
    for n, index in enumerate(dict.fromkeys(i for i in explicit if i < len(questions))):
        questions[index]["id"] = derived[questions[index]["prompt"]] + ("" if n % 2 else f"-{n + 2}")
    written = [q["id"] for q in questions if "id" in q]
    try:
        ids = [q.id for q in set_from_dict({"title": "T", "questions": questions}).questions]
    except FormatError as error:  # only an id written twice is refused
        assert len(set(written)) < len(written) and "ids must be unique" in str(error)
        return
    assert len(ids) == len(set(ids)) and set(written) <= set(ids)


_ANKI_GAP = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)  # the definition the scan follows


@given(text=st.text(alphabet="{}c1:a\n", max_size=50))
def test_anki_cloze_gaps_are_the_regex_in_one_pass(text):
    """Anki's ``{{c1::answer::hint}}`` gaps found by the scan are the regex's, on any mix of its characters."""
    from quizapp.formats.anki_notes import cloze_gaps

    assume(re.search(r"\d{7}", text) is None)  # numbers that long are no gap for the scan, by design
    expected = [(m.start(), m.end(), int(m.group(1)), m.group(2), m.group(3)) for m in _ANKI_GAP.finditer(text)]
    assert [(g.start, g.end, g.number, g.answer, g.hint) for g in cloze_gaps(text)] == expected


@given(template=st.text(alphabet="{}#/:ab", max_size=40))
def test_template_field_references_never_include_sections(template):
    from quizapp.formats.apkg_reader import field_references

    for name in field_references(template):
        assert name and "}" not in name and "{" not in name
