"""How long a large question set takes to read, import, re-import unchanged and export, beside libyaml.

    .venv/bin/python bench/import_speed.py [--questions 10000] [--repeat 3]

Needs only the project's own dependencies (PyYAML built with libyaml for the yardstick). It writes
a set of ``--questions`` multiple-choice questions (about 400 bytes each) to a temporary file and
times, best of ``--repeat``:

* libyaml's own parse (``yaml.load(..., Loader=yaml.CSafeLoader)``): the yardstick, unguarded;
* the guarded upload reader (``quizapp.formats.yaml_format.read``: aliases, depth, size refused,
  every field validated with its line);
* ``quizapp sets import FILE`` into a fresh migrated SQLite database, as a command (start-up
  included), then the same command again on the unchanged file (skipped by its hash);
* ``quizapp sets export SLUG --format yaml``, and in-process the writer (``yaml_format.write``:
  libyaml's emitter renders the scalars) beside ``yaml.dump`` with PyYAML's Python emitter, which
  writes the same text (checked).

Goals: the reader and the whole import within 2x libyaml's parse.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

GOAL = 2.0


def write_set(path: Path, questions: int) -> None:
    lines = ["title: Import speed", "slug: import-speed", "language: en", "description: A large set.", "questions:"]
    for i in range(questions):
        lines += [
            f"  - id: q{i}", "    type: multiple_choice",
            f"    prompt: Which of these is the value number {i} of the long list of questions?",
            f"    answer: right {i}", f"    choices: [right {i}, wrong {i}, other {i}, fourth {i}]",
            f"    explanation: Because {i} is the answer, as the explanation says at some length.",
            f"    source: {{doc: doc{i % 7}, sentence: {i}, quote: \"Quote {i} from the source text.\"}}",
            "    tags: [alpha, beta]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def command(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "quizapp"), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"quizapp {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import yaml

    from quizapp.formats import yaml_format, yaml_writer

    if not hasattr(yaml, "CSafeLoader"):
        print("PyYAML is built without libyaml here: there is no yardstick to compare with", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="import-speed-"))
    source = folder / "set.yaml"
    write_set(source, args.questions)
    text = source.read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "FLASK_APP")}
    env["DATABASE_URL"] = f"sqlite:///{folder / 'import.sqlite3'}"
    print(f"{args.questions} questions, {len(text.encode()) / 1e6:.1f} MB; best of {args.repeat}; "
          f"load average {os.getloadavg()[0]:.2f} at the start")

    libyaml = best_of(args.repeat, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    guarded = best_of(args.repeat, lambda: yaml_format.read(text, str(source)))
    set_data = yaml_format.read(text, str(source))
    written = []
    writer = best_of(args.repeat, lambda: written.append(yaml_format.write(set_data)))
    python_emitter = best_of(1, lambda: written.append(yaml.dump(
        set_data.to_dict(), Dumper=yaml_writer.PythonDumper, sort_keys=False, default_flow_style=False,
        allow_unicode=True, width=1_000_000, indent=2)))
    if written[0] != written[-1]:
        print("  the writer's text differs from PyYAML's Python emitter's")
    command(env, "db", "upgrade")
    first = best_of(1, lambda: command(env, "sets", "import", str(source)))
    again_out = []
    again = best_of(args.repeat, lambda: again_out.append(command(env, "sets", "import", str(source))))
    exported = folder / "out.yaml"
    export = best_of(args.repeat, lambda: command(env, "sets", "export", "import-speed", "-o", str(exported)))
    if "unchanged" not in again_out[-1]:
        print(f"  the unchanged file was imported again: {again_out[-1].strip()}")
    rows = [
        ("libyaml parse (yaml.CSafeLoader)", libyaml),
        ("guarded reader (yaml_format.read)", guarded),
        ("quizapp sets import (new set)", first),
        ("quizapp sets import (unchanged file)", again),
        ("quizapp sets export --format yaml", export),
        ("yaml_format.write (libyaml's emitter)", writer),
        ("yaml.dump, PyYAML's Python emitter", python_emitter),
    ]
    print(f"{'step':<38} {'seconds':>8} {'vs libyaml':>10} {'goal':>5}")
    for name, seconds in rows:
        goal = f"{GOAL:.1f}" if name.startswith(("guarded", "quizapp sets import (new")) else ""
        print(f"{name:<38} {seconds:>8.2f} {seconds / libyaml:>10.2f} {goal:>5}")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
