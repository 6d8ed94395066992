"""No stage of the generator does work that grows with the square of the text: counted in operations,
not seconds, so a busy machine cannot make these pass or fail."""
from types import SimpleNamespace

from quizapp.generate import distractors, rank, spans as sp
from quizapp.generate.questions import Candidate


def _candidate(i: int) -> Candidate:
    # Every answer starts with "a" and every prompt holds "a", as Portuguese ones do; each prompt
    # also names the previous question's answer, so there is real work to do for each question.
    q = {"type": "short_answer", "prompt": f"Qual é a terra de Rui{i} perto de a Vila{i - 1}?",
         "answer": f"a Vila{i}", "source": {"doc": "d", "sentence": i, "quote": ""}}
    where = SimpleNamespace(sentence=SimpleNamespace(doc="d", index=i, text=q["prompt"]))
    return Candidate(q, f"d:{i}:place:vila{i}", "place", where)


def _reveal_checks(n: int, monkeypatch) -> int:
    calls = 0
    real = rank._reveals

    def counted(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(rank, "_reveals", counted)
    kept = rank._Kept()
    for i in range(n):
        c = _candidate(i)
        if not kept.conflicts(c):
            kept.add(c)
    monkeypatch.setattr(rank, "_reveals", real)
    return calls


def test_ranking_compares_a_question_with_the_kept_ones_it_may_touch_only(monkeypatch):
    """Twice the questions, about twice the comparisons (every kept one per question would be four times)."""
    small, large = _reveal_checks(300, monkeypatch), _reveal_checks(600, monkeypatch)
    assert small > 0
    assert large <= 2.5 * small


class _Name(str):
    """A name that counts how often it is compared with another."""

    compared = 0
    __hash__ = str.__hash__

    def __eq__(self, other):
        _Name.compared += 1
        return str.__eq__(self, other)


def _comparisons_to_pool(n: int) -> int:
    _Name.compared = 0
    pool = distractors.Pool("pt")
    for i in range(n):
        for _ in range(3):  # each name is told three times
            pool.add(sp.Span(sp.PERSON, _Name(f"Pessoa{i} Silva"), 0, 1))
    assert len(pool.by_kind[sp.PERSON]) == n and pool.knows(sp.PERSON, f"Pessoa{n - 1} Silva")
    return _Name.compared


def test_the_pool_of_names_learns_a_name_without_comparing_it_with_every_name_before():
    """Twice the names, about twice the comparisons (a list searched end to end would be four times)."""
    small, large = _comparisons_to_pool(500), _comparisons_to_pool(1000)
    assert large <= 2.5 * max(small, 1)
