"""Every reader against ten thousand hostile inputs each: crashes, slow inputs, time per KB.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--formats yaml gift ...] [--seed 1] [--save DIR]

The inputs are those of the property tests (``tests/formats/hostile_inputs.py``): valid files of each
format mutated (bytes flipped, cut, repeated up to a few hundred KB, hostile tokens spliced in, YAML
tags), random bytes, deep nesting and huge values, from a seeded generator, so a run is repeatable.
Each is read as an upload is read. A crash is anything but a valid set or a refusal naming the
file; a slow input is one past the tests' time bound (1 s + 50 ms per KB). Per format the table
prints inputs, sets, refusals, crashes, slow inputs, the largest input, the slowest read and the
most milliseconds per KB (over inputs of 1 KB or more); then each distinct crash and slow input
with the start of its content. ``--save DIR`` writes the crashing and slow inputs there.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.formats.hostile_inputs import EXTENSIONS, FORMATS, hostile_input, outcome, time_bound  # noqa: E402


def run(fmt: str, inputs: int, seed: int, save: Path | None) -> tuple[dict, list[tuple[str, str, bytes | str]]]:
    rng = random.Random(f"{seed}:{fmt}")
    kinds: Counter = Counter()
    findings: dict[str, tuple[str, str | bytes]] = {}
    slow = largest = 0
    slowest = (0.0, 0)
    per_kb = (0.0, 0)
    started = time.perf_counter()
    for number in range(inputs):
        content = hostile_input(rng, fmt)
        found = outcome(content, fmt)
        kinds[found.kind] += 1
        largest = max(largest, found.size)
        if found.seconds > slowest[0]:
            slowest = (found.seconds, found.size)
        if found.size >= 1024 and found.seconds * 1000 / (found.size / 1024) > per_kb[0]:
            per_kb = (found.seconds * 1000 / (found.size / 1024), found.size)
        problem = None
        if found.kind == "crash":
            problem = f"crash {found.detail[:120]}"
        elif found.seconds > time_bound(found.size):
            slow += 1
            problem = f"slow {found.seconds:.2f}s for {found.size} bytes"
        if problem and problem.split(" for ")[0] not in findings:
            findings[problem.split(" for ")[0]] = (problem, content)
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
                (save / f"{fmt}-{number}{EXTENSIONS[fmt]}").write_bytes(data)
    row = {"format": fmt, "inputs": inputs, "sets": kinds["set"], "refused": kinds["refused"],
           "crashes": kinds["crash"], "slow": slow, "largest KB": f"{largest / 1024:.0f}",
           "slowest s": f"{slowest[0]:.3f} ({slowest[1] / 1024:.0f} KB)",
           "max ms/KB": f"{per_kb[0]:.2f} ({per_kb[1] / 1024:.0f} KB)",
           "total s": f"{time.perf_counter() - started:.0f}"}
    return row, [(fmt, problem, content) for problem, content in findings.values()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per format")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, help="write crashing and slow inputs to this folder")
    args = parser.parse_args()
    rows, findings = [], []
    for fmt in args.formats:
        row, found = run(fmt, args.inputs, args.seed, args.save)
        rows.append(row)
        findings += found
        print(f"{fmt}: done", file=sys.stderr, flush=True)
    columns = list(rows[0])
    widths = [max(len(column), *(len(str(row[column])) for row in rows)) for column in columns]
    print("  ".join(column.ljust(width) for column, width in zip(columns, widths)))
    for row in rows:
        print("  ".join(str(row[column]).ljust(width) for column, width in zip(columns, widths)))
    for fmt, problem, content in findings:
        print(f"\n{fmt}: {problem}\n  {content[:200]!r}")
    return 1 if any(row["crashes"] or row["slow"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
