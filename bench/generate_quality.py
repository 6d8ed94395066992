"""Quality and speed bench for the question generator, on the development set in bench/texts.

Run: .venv/bin/python bench/generate_quality.py [--texts] [--missed] [--sample N] [--no-speed]

Prints, per genre, per language variant, per split (dev / held-out test) and per shape: clean questions per
100 words, well-formedness, coverage of the fact lists, questions by type, texts with no question
and generated questions dropped by validation; then speed (KB/s on CPU time, the parser's share apart) and peak memory per input byte at
1x, 10x and 100x the seed articles (../shared/seeds), as one document with its paragraphs and as one
single paragraph.  How a fact counts as covered is written at the top of bench/texts/manifest.yaml.

Targets (issue 9): >= 4 clean questions per 100 words, >= 90 % fact coverage, 0 texts without a
question, >= 30 KB/s on one core (CPU time), peak memory per input byte flat from 1x to 100x (nothing quadratic).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp import nlp  # noqa: E402
from quizapp.generate import generate_set  # noqa: E402
from quizapp.generate.checks import contains, set_problems  # noqa: E402
from quizapp.generate.distractors import fold  # noqa: E402
from quizapp.generate.readers import read  # noqa: E402  (a .md text is read as a teacher's upload is)

TEXTS = ROOT / "bench" / "texts"
# The shared material sits beside the project's checkout (or beside the folder of checkouts).
SEEDS = next((p / "shared" / "seeds" for p in ROOT.parents if (p / "shared" / "seeds").is_dir()),
             ROOT.parent / "shared" / "seeds")
QUESTION_TYPES = ("cloze", "flashcard", "multiple_choice", "numeric", "short_answer", "true_false")


@dataclass
class Text:
    """One text of the development set with what the manifest says about it."""

    path: str
    split: str
    genre: str
    lang: str
    variant: str
    shape: list[str]
    facts: list[tuple[list[str], str]]
    text: str


@dataclass
class Outcome:
    """What the generator made of one text, measured."""

    text: Text
    words: int
    questions: list[dict]
    clean: int
    dropped: int
    covered: list[bool]
    covered_lenient: list[bool]
    problems: dict[int, list[str]] = field(default_factory=dict)


def load_manifest(seeds: bool = True) -> list[Text]:
    """Every text the manifest lists (the seed articles only with `seeds`); an unlisted text is an error."""
    manifest = yaml.safe_load((TEXTS / "manifest.yaml").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(TEXTS).as_posix() for p in TEXTS.glob("*/*") if p.is_file()}
    if on_disk - set(manifest):
        sys.exit(f"bench/texts/manifest.yaml does not describe: {', '.join(sorted(on_disk - set(manifest)))}")
    out = []
    for path, meta in manifest.items():
        folder, name = path.split("/", 1)
        if folder == "seeds" and not seeds:
            continue
        file = SEEDS / name if folder == "seeds" else TEXTS / path
        facts = [([a.strip() for a in str(answer).split("|")], str(cue)) for answer, cue in meta["facts"]]
        out.append(Text(path, meta.get("split", folder), meta["genre"], meta["lang"], meta["variant"],
                        meta["shape"], facts, read(file.name, file.read_bytes()).text))
    return out


def _answers(q: dict) -> list[str]:
    if isinstance(q["answer"], bool):
        return []
    answer = q["answer"]
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    return [str(answer), *map(str, q.get("accept", []))]


def is_covered(fact: tuple[list[str], str], questions: list[dict], lenient: bool = False) -> bool:
    """A question asks this fact: its answer holds one whole key and its quote holds the cue.

    An answer that is only a part of the key ("Calvin" for "ciclo de Calvin") asks something else;
    with `lenient` it counts too (the figure the bench printed before, kept for comparison).
    """
    keys, cue = fact
    for q in questions:
        if fold(cue) not in fold(q["source"]["quote"]):
            continue
        for answer in _answers(q):
            if any(contains(answer, key) or (lenient and contains(key, answer)) for key in keys):
                return True
    return False


def measure(text: Text) -> Outcome:
    title = next((ln.strip("# ").strip() for ln in text.text.splitlines() if ln.strip()), text.path)
    result = generate_set([(Path(text.path).stem, text.text)], title=title[:80], lang=text.lang)
    qs = result.set["questions"]
    problems = set_problems(qs, text.lang)
    return Outcome(text, len(re.findall(r"\w+", text.text)), qs, len(qs) - len(problems),
                   result.report.get("dropped", 0), [is_covered(f, qs) for f in text.facts],
                   [is_covered(f, qs, lenient=True) for f in text.facts], problems)


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def header(*cells) -> str:
    return row(*cells) + "\n" + row(*["---"] * len(cells))


def _summary(label: str, group: list[Outcome]) -> str:
    words = sum(o.words for o in group)
    total = sum(len(o.questions) for o in group)
    clean = sum(o.clean for o in group)
    facts = sum(len(o.covered) for o in group)
    covered = sum(sum(o.covered) for o in group)
    lenient = sum(sum(o.covered_lenient) for o in group)
    empty = sum(1 for o in group if not o.questions)
    types = Counter(q["type"] for o in group for q in o.questions)
    return row(label, len(group), words, f"{100 * clean / words:.1f}", f"{clean / total:.1%}" if total else "-",
               f"{covered}/{facts} = {covered / facts:.0%}", f"{lenient / facts:.0%}", empty, sum(o.dropped for o in group),
               *(types.get(t, 0) for t in QUESTION_TYPES))


def quality_tables(outcomes: list[Outcome]) -> None:
    cols = ("texts", "words", "clean per 100 words", "well-formed", "facts covered", "lenient (part of a key)",
            "texts without a question",
            "dropped by validation", *QUESTION_TYPES)
    for title, key in (("genre", lambda o: o.text.genre), ("language", lambda o: o.text.variant),
                       ("split", lambda o: o.text.split)):
        print(f"\n## Per {title}")
        print(header(title, *cols))
        for value in sorted({key(o) for o in outcomes}):
            print(_summary(value, [o for o in outcomes if key(o) == value]))
        if title == "split":
            print(_summary("all", outcomes))
    # A text has several shapes (one-paragraph, teasers, wrapped …): it counts in each.
    print("\n## Per shape (a text counts once in each of its shapes)")
    print(header("shape", *cols))
    for shape in sorted({s for o in outcomes for s in o.text.shape}):
        print(_summary(shape, [o for o in outcomes if shape in o.text.shape]))


def text_table(outcomes: list[Outcome], missed: bool) -> None:
    print("\n## Per text")
    print(header("text", "shape", "words", "questions", "clean per 100 words", "facts covered", "dropped"))
    for o in outcomes:
        print(row(o.text.path, " ".join(o.text.shape), o.words, len(o.questions),
                  f"{100 * o.clean / o.words:.1f}", f"{sum(o.covered)}/{len(o.covered)}", o.dropped))
        if missed and o.text.split == "dev":
            for (keys, cue), ok in zip(o.text.facts, o.covered):
                if not ok:
                    print(f"  not covered: {keys[0]} ({cue})")
            for i, probs in o.problems.items():
                print(f"  malformed: {o.questions[i]['prompt']} → {'; '.join(probs)}")


def print_sample(outcomes: list[Outcome], n: int, seed: int = 7) -> None:
    """A seeded sample of questions from the dev split only, to judge by hand."""
    pool = [(o.text.path, q) for o in outcomes if o.text.split == "dev" for q in o.questions]
    pick = sorted(random.Random(seed).sample(range(len(pool)), min(n, len(pool))))
    print(f"\n## Sample of {len(pick)} dev questions (random.Random({seed}))")
    for k, i in enumerate(pick, 1):
        path, q = pool[i]
        extra = f" choices={q['choices']}" if "choices" in q else ""
        print(f"{k:2}. {path} [{q['type']}] {q['prompt']} → {q['answer']}{extra}")


def _seed_text(mult: int, one_paragraph: bool) -> str:
    bodies = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    text = "\n\n".join(bodies * mult)
    return re.sub(r"\s*\n\s*", " ", text) if one_paragraph else text


class _ParserClock:
    """CPU seconds spent inside the language pipeline (quizapp.nlp.parse) within `with`."""

    def __init__(self):
        self.seconds = 0.0

    def __enter__(self):
        self._parse = nlp.parse

        def timed(texts, lang):
            t0 = time.process_time()
            try:
                return self._parse(texts, lang)
            finally:
                self.seconds += time.process_time() - t0

        nlp.parse = timed
        return self

    def __exit__(self, *exc):
        nlp.parse = self._parse


def speed_table() -> None:
    # CPU time of this process (all its threads), not wall-clock time: the machine may be shared,
    # and other processes only ever add wall time.  KB/s on CPU time is the speed on one core.
    print("\n## Speed and memory: the seed articles repeated, as one document")
    print("KB/s on CPU time (time.process_time: the speed on one core, whatever else runs); the parser's "
          "share is the pipeline alone (quizapp.nlp.parse); wall-clock KB/s for reference only.\n")
    print(header("input", "shape", "KB", "CPU s", "KB/s (CPU)", "parser CPU s", "parser KB/s (CPU)",
                 "rest KB/s (CPU)", "wall s", "KB/s (wall)", "peak MB", "peak bytes per input byte"))
    generate_set([("warm", _seed_text(1, False))], title="warm", lang="pt")
    for one_paragraph in (False, True):
        for mult in (1, 10, 100):
            text = _seed_text(mult, one_paragraph)
            kb = len(text.encode()) / 1024
            # Best of several runs: other processes on a shared machine only ever add time.
            cpu = wall = parser = float("inf")
            for _ in range(3 if mult < 100 else 1):
                with _ParserClock() as clock:
                    w0, c0 = time.perf_counter(), time.process_time()
                    generate_set([("speed", text)], title="speed", lang="pt")
                    c1, w1 = time.process_time(), time.perf_counter()
                if c1 - c0 < cpu:
                    cpu, parser = c1 - c0, clock.seconds
                wall = min(wall, w1 - w0)
            tracemalloc.start()
            generate_set([("memory", text)], title="memory", lang="pt")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(row(f"{mult}x", "one paragraph" if one_paragraph else "paragraphs", f"{kb:.0f}",
                      f"{cpu:.2f}", f"{kb / cpu:.0f}", f"{parser:.2f}", f"{kb / parser:.0f}",
                      f"{kb / (cpu - parser):.0f}", f"{wall:.2f}", f"{kb / wall:.0f}",
                      f"{peak / 2**20:.1f}", f"{peak / (kb * 1024):.0f}"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", action="store_true", help="also print one row per text")
    ap.add_argument("--missed", action="store_true", help="with --texts: list uncovered facts and malformed "
                                                          "questions of the dev split (never of test)")
    ap.add_argument("--sample", type=int, default=0, metavar="N", help="print N seeded dev questions")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed and memory table")
    ap.add_argument("--split", choices=("dev", "test"), help="measure only the texts of one split (tune on dev "
                                                             "alone: the held-out figures are read, not studied)")
    args = ap.parse_args()
    outcomes = [measure(t) for t in load_manifest() if args.split in (None, t.split)]
    quality_tables(outcomes)
    if args.texts:
        text_table(outcomes, args.missed)
    if args.sample:
        print_sample(outcomes, args.sample)
    if not args.no_speed:
        speed_table()


if __name__ == "__main__":
    main()
