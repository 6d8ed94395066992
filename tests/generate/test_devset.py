"""The generator's development set (bench/texts) is consistent: every text described, every fact in its text."""
import importlib.util
import sys
from pathlib import Path

from quizapp.generate.checks import contains
from quizapp.generate.distractors import fold

BENCH = Path(__file__).resolve().parents[2] / "bench" / "generate_quality.py"
spec = importlib.util.spec_from_file_location("generate_quality", BENCH)
bench = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = bench  # dataclasses look their module up by name
spec.loader.exec_module(bench)


def test_every_fact_is_stated_in_its_text():
    """Each fact's key answer and cue occur in the text it belongs to, so coverage can reach 100 %."""
    for text in bench.load_manifest(seeds=False):
        for keys, cue in text.facts:
            assert any(contains(text.text, key) for key in keys), (text.path, keys)
            assert fold(cue) in fold(text.text), (text.path, cue)


def test_the_set_spans_genres_languages_and_a_held_out_split():
    """30+ texts, 6+ genres, both Portuguese variants, 5+ English texts, about a third held out."""
    texts = list(bench.load_manifest(seeds=False))
    assert len(texts) >= 30
    assert len({t.genre for t in texts}) >= 6
    assert {"pt-PT", "pt-BR", "en"} <= {t.variant for t in texts}
    assert sum(t.lang == "en" for t in texts) >= 5
    assert len(texts) / 4 <= sum(t.split == "test" for t in texts) <= len(texts) / 2


def test_coverage_counts_a_fact_asked_about_its_sentence():
    """A question covers a fact when its answer holds the key and its quote holds the cue, and not otherwise."""
    fact = (["D. Manuel I", "Manuel I"], "mandado construir")
    quote = "O mosteiro foi mandado construir por D. Manuel I no início do séc. XVI."
    asked = {"type": "short_answer", "answer": "D. Manuel I", "source": {"quote": quote}}
    other = {"type": "short_answer", "answer": "D. Manuel I", "source": {"quote": "D. Manuel I morreu em 1521."}}
    true_false = {"type": "true_false", "answer": True, "source": {"quote": quote}}
    assert bench.is_covered(fact, [asked])
    assert not bench.is_covered(fact, [other, true_false])


def test_coverage_needs_the_whole_key():
    """An answer that is only a part of the key ("Calvin" for "ciclo de Calvin") does not cover the fact;
    one that holds the whole key does, and the lenient count takes the part too."""
    fact = (["ciclo de Calvin"], "descrito")
    quote = "O ciclo de Calvin foi descrito pelo químico Melvin Calvin."
    part = {"type": "short_answer", "answer": "Calvin", "source": {"quote": quote}}
    whole = {"type": "cloze", "answer": "o ciclo de Calvin", "source": {"quote": quote}}
    assert not bench.is_covered(fact, [part])
    assert bench.is_covered(fact, [part], lenient=True)
    assert bench.is_covered(fact, [whole])
