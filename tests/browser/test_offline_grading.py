"""The device grades as the server does: the server's grading cases, run through grading.js in Chromium.

The cases are harvested, not copied: every ``grade(question, given)`` call the grading tests make
(``tests/test_grading*.py``, run here with a spy on ``grade``: every lenient rule, in both
languages, and what must stay wrong), plus forms of every answer in the seed sets with their set's
language and texts (as typed, shouted, without accents, with a typo, one word of it, a wrong
choice, the other spelling of a Portuguese word). When the grading module learns a new rule and its
tests say so, this test fails until the device follows: every case must agree.
"""
import importlib
import inspect
import itertools
import unicodedata
from pathlib import Path

import pytest

from quizapp import formats, grading
from quizapp.offline import grading_rules
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "questions"
TESTS = ROOT / "tests"


def _runs(function):
    """Keyword arguments for each parametrized run of a test function; None when it needs fixtures."""
    names = list(inspect.signature(function).parameters)
    marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
    axes = []
    for mark in marks:
        argnames = [n.strip() for n in (mark.args[0].split(",") if isinstance(mark.args[0], str) else mark.args[0])]
        values = [getattr(v, "values", v) for v in mark.args[1]]
        axes.append([dict(zip(argnames, v if len(argnames) > 1 else (v,))) for v in values])
    runs = [dict(itertools.chain.from_iterable(part.items() for part in combo)) for combo in itertools.product(*axes)]
    return runs if all(set(names) <= set(run) for run in runs) else None


def harvested_cases(monkeypatch) -> list[tuple]:
    """(question, given) of every grade() call made by the grading tests (tests/test_grading*.py)."""
    calls = []

    def spy(question, given):
        calls.append((question, given))
        return grading.grade(question, given)

    for path in sorted(TESTS.glob("test_grading*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        if getattr(module, "grade", None) is grading.grade:
            monkeypatch.setattr(module, "grade", spy)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            runs = _runs(function) if name.startswith("test_") else None
            for kwargs in runs or []:
                try:
                    function(**kwargs)
                except Exception:  # a test of a refusal; its grade() call is recorded all the same
                    pass
    return calls


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")


def _typo(text: str) -> str:
    """Two neighbouring letters of the longest word swapped."""
    word = max(text.split() or [""], key=len)
    if len(word) < 4:
        return text + "x"
    middle = len(word) // 2
    return text.replace(word, word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:], 1)


def _other_spellings(text: str) -> list[str]:
    """The text with each pair of the variant table swapped, either way."""
    lowered = text.lower()
    return [lowered.replace(a, b) for pair in grading.RULES["variant_spellings"] for a, b in (pair, pair[::-1])
            if a in lowered]


def seed_cases() -> list[tuple]:
    """Forms of every seed answer, right and wrong, against their questions."""
    cases = []
    for path in sorted(SEED.glob("*.yaml")):
        parsed = formats.read(path.read_bytes(), "yaml").set
        context = [parsed.description or "", *(str(s.get("title") or "") for s in parsed.sources or [])]
        for question in parsed.questions:
            q = {"type": question.type, "prompt": question.prompt, "answer": question.answer,
                 "choices": question.choices, "accept": question.accept, "tolerance": question.tolerance,
                 "explanation": question.explanation, "language": parsed.language, "context": context,
                 "source_quote": getattr(question.source, "quote", None) or ""}
            answer = str(question.answer)
            words = answer.split()
            forms = {answer, answer.upper(), _plain(answer), _typo(answer), words[0] if words else "",
                     words[-1] if words else "", f"  {answer}!  ", "o " + answer, "", "não sei",
                     *_other_spellings(answer)}
            forms.update(str(c) for c in (question.choices or []))
            cases += [(q, given) for given in sorted(forms)]
    return cases


def _question(question):
    if isinstance(question, dict):
        return question
    return {name: getattr(question, name, None) for name in (
        "type", "prompt", "answer", "choices", "accept", "tolerance", "explanation", "language", "context")}


def test_device_grading_gives_the_servers_verdicts(page, live_server, make_user, monkeypatch):
    """Every harvested case gets the same verdict, expected answer, note, near miss, credit and feedback from
    grading.js as from quizapp.grading."""
    cases = []
    for question, given in harvested_cases(monkeypatch) + seed_cases():
        question = _question(question)
        try:
            spec = grading_rules.question_rules(question)
            verdict = grading.grade(question, given)
        except ValueError:
            continue  # an unknown type or a malformed question, which the server refuses as well
        given = "" if given is None else str(given)
        cases.append({"spec": spec, "given": given,
                      "server": {"correct": verdict.correct, "expected": verdict.expected, "note": verdict.note,
                                 "near_miss": verdict.near_miss, "credit": verdict.credit,
                                 "feedback": verdict.feedback}})
    assert len(cases) > 400
    make_user("grader@example.org")
    sign_in(page, live_server, "grader@example.org")
    page.wait_for_function("() => window.quizapp && window.quizapp.grading")
    device = page.evaluate(
        "([cases, rules]) => cases.map(c => quizapp.grading.grade(c.spec, c.given, rules))",
        [cases, grading_rules.rules()])
    differing = [(case["spec"]["expected"], case["given"], case["server"], got)
                 for case, got in zip(cases, device) if got != case["server"]]
    assert differing == [], f"{len(differing)} of {len(cases)} cases differ, e.g. {differing[:5]}"
    lenient = [c for c in cases if c["server"]["correct"] and c["server"]["note"] in ("same person", "one typo accepted")]
    assert len(lenient) > 10  # the lenient rules are among the cases, not only exact answers
    partial = [c for c in cases if c["server"]["credit"] not in (None, 0, 100)]
    said = [c for c in cases if c["server"]["feedback"]]
    assert len(partial) >= 5 and len(said) >= 10  # partial credit and feedback are among the cases
