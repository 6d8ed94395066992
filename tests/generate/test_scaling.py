"""No stage of the generator does work that grows with the square of the text: counted in operations,
not seconds, so a busy machine cannot make these pass or fail."""
from types import SimpleNamespace

from quizapp.generate import rank
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
