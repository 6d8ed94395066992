"""Hostile inputs for every reader, from a seeded random generator: the property tests drive it through
Hypothesis (which shrinks a failure to its smallest input), ``bench/fuzz.py`` runs it by the ten thousand.

Each input is a valid file of the format mutated (bytes flipped, inserted, cut or repeated, hostile
tokens spliced in, questions repeated to a large file), a file of random bytes, deep nesting, a huge
value, or a YAML file using one of YAML's tags. :func:`outcome` reads one and says what happened:
a valid set, a clear refusal, or a crash.
"""
from __future__ import annotations

import io
import random
import time
import zipfile
from dataclasses import dataclass

from quizapp import formats, limits
from quizapp.formats import FormatError
from tests.formats.formats_factories import every_type_questions, gen_set

# Text formats are mutated as text; Anki packages as bytes.
TEXT_FORMATS = ("yaml", "gift", "aiken", "csv", "moodle", "quizlet", "anki-text")
FORMATS = TEXT_FORMATS + ("apkg",)
EXTENSIONS = {"yaml": ".yaml", "gift": ".gift", "aiken": ".aiken", "csv": ".csv", "moodle": ".xml",
              "quizlet": ".txt", "anki-text": ".txt", "apkg": ".apkg"}

YAML_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!omap", "!!pairs",
             "!!set", "!!seq", "!!map", "!!merge", "!!value", "!!yaml", "!", "!local", "!!python/object:os.system",
             "!<tag:yaml.org,2002:int>", "!!python/name:os.system"]

# Pieces that have broken readers before, or could: spliced in at random places.
TOKENS = [
    "\x00", "\x01", "\x7f", "\ufeff", "\u2028", "\r", "\t", "\n\n", "\\", "\\n", "\\d", "\\1", "\\g<0>",
    "{", "}", "{{", "}}", "{{a}}", "{{\n}}", "{" * 2000, "{{" * 500, "::", "//", "$CATEGORY:", "~", "=", "#", "%50%",
    "#9e999999..9e999999", "#1:1", "{#", "{T}", "{F}", "{=a ~b}", "[html]", "[markdown]",
    "ANSWER: A", "ANSWER: Z", "A. x", "Z) y", "&a ", "*a", "<<: ", "- ", ": ", "? ", "[", "]", "---", "...",
    ".nan", ".inf", "-.inf", "1" * 4301, "9" * 30, "1e400", "10.000", "1,5", "-0", "²", "١٢",
    "\"\\0\"", "\"\\ud800\"", "\"\\x00\"", "'", "\"", ",", ";", "|", "\\|", "=HYPERLINK(\"x\")", "@cmd", "+1",
    "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "&#0;", "<question type=\"cloze\">",
    "<text>", "</text>", "{1:SHORTANSWER:=a}", "{1:MULTICHOICE:=a~b}", "#separator:tab", "#html:true",
    "#notetype column:1", "{{c1::a}}", "{{c1::" * 300, "x" * (limits.PROMPT_MAX + 1),
    "t" * (limits.TITLE_MAX + 1), "type", "prompt", "answer", "source_sentence", "tolerance",
]


def seed_files() -> dict[str, str | bytes]:
    """One valid file per format, written by the app's own writers (Aiken holds only multiple choice)."""
    data = gen_set(every_type_questions(), description="Rivers.", sources=[{"id": "rivers-text", "title": "Rivers"}])
    seeds: dict[str, str | bytes] = {name: formats.write(data, name) for name in ("yaml", "gift", "csv", "moodle", "apkg")}
    seeds["aiken"] = formats.write(gen_set([q for q in data.questions if q.type == "multiple_choice"]), "aiken")
    seeds["quizlet"] = "Capital of Portugal\tLisbon\nRiver of Porto\tDouro\n"
    seeds["anki-text"] = ("#separator:tab\n#html:true\n#notetype column:1\n#tags column:4\n"
                          "Basic\tCapital of Portugal\tLisbon\tgeo\nCloze\tThe {{c1::Douro}} ends in Porto.\t\tgeo\n")
    return seeds


_SEEDS: dict[str, str | bytes] = {}


def seeds() -> dict[str, str | bytes]:
    if not _SEEDS:
        _SEEDS.update(seed_files())
    return _SEEDS


def _mutate_text(rng: random.Random, text: str, fmt: str) -> str:
    for _ in range(rng.randint(1, 6)):
        kind = rng.randrange(8)
        at = rng.randint(0, len(text))
        if kind == 0:  # a hostile token
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif kind == 1:  # a random character
            text = text[:at] + chr(rng.choice([rng.randrange(32), rng.randrange(32, 0x250), rng.randrange(0x250, 0x30000)])) + text[at:]
        elif kind == 2:  # cut a piece out
            text = text[:at] + text[at + rng.randint(1, 200):]
        elif kind == 3:  # repeat a piece (a question block, a line) many times
            piece = text[at:at + rng.randint(1, 400)]
            text = text[:at] + piece * rng.choice([2, 10, 100, 1000]) + text[at:]
        elif kind == 4 and fmt == "yaml":  # a tag before a value
            text = text[:at] + f" {rng.choice(YAML_TAGS)} " + text[at:]
        elif kind == 5:  # a line swapped for another one
            lines = text.split("\n")
            if len(lines) > 1:
                lines[rng.randrange(len(lines))] = rng.choice(lines)
            text = "\n".join(lines)
        elif kind == 6:  # cut the file short
            text = text[:at]
        else:  # a huge value
            text = text[:at] + rng.choice(["9" * rng.randint(20, 5000), "x" * rng.randint(200, 50_000), "{" * rng.randint(100, 40_000)]) + text[at:]
    return text[:300_000]


def _nested(rng: random.Random, fmt: str) -> str:
    depth = rng.choice([10, 60, 1000, 20_000])
    if fmt == "yaml":
        return rng.choice(["title: [" + "[" * depth + "]" * depth + "]\n",
                           "title: T\nquestions:\n" + "".join("  " * i + "- \n" for i in range(min(depth, 3000))),
                           "title: " + "{a: " * depth + "1" + "}" * depth + "\n"])
    if fmt == "moodle":
        return "<quiz>" + "<question>" * depth + "</question>" * depth + "</quiz>"
    return "Q " + "{" * depth + "=a" + "}" * depth + "\n"


def _tagged_yaml(rng: random.Random) -> str:
    tag = rng.choice(YAML_TAGS)
    value = rng.choice(["abc", "''", "1", "2001-13-45", "aGk=", "[1, 2]", "{a: 1}", ".nan", "1" * 4301, "null", "x"])
    field = rng.choice(["title", "language", "slug", "description"])
    question = rng.choice(["answer", "prompt", "tolerance", "id", "choices", "source"])
    return (f"{field}: {tag} {value}\ntitle: T\nquestions:\n"
            f"  - {{type: {rng.choice(['numeric', 'short_answer', 'cloze', 'multiple_choice'])}, prompt: 'p {{{{a}}}}', "
            f"answer: a, {question}: {tag} {value}}}\n")


def _random_zip(rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(rng.randint(0, 4)):
            name = rng.choice(["collection.anki2", "collection.anki21", "media", "../evil", "0"]) + "x" * index
            archive.writestr(name, rng.randbytes(rng.randint(0, 2000)) if rng.random() < 0.7 else b"{}" * rng.randint(0, 5000))
    return buffer.getvalue()


def _mutated_apkg(rng: random.Random) -> bytes:
    """The seed package with its collection's notes, tags, note types and review log rewritten."""
    import sqlite3
    import tempfile
    from pathlib import Path

    with zipfile.ZipFile(io.BytesIO(seeds()["apkg"])) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(members["collection.anki2"])
        db = sqlite3.connect(path)
        for note_id, fields in db.execute("SELECT id, flds FROM notes").fetchall():
            if rng.random() < 0.7:
                fields = _mutate_text(rng, fields, "anki").encode("utf-8", "replace").decode("utf-8")
            db.execute("UPDATE notes SET flds = ?, tags = ? WHERE id = ?",
                       (fields, rng.choice(["", " a b ", rng.choice(TOKENS)]), note_id))
        if rng.random() < 0.3:
            models = db.execute("SELECT models FROM col").fetchone()[0]
            db.execute("UPDATE col SET models = ?",
                       (_mutate_text(rng, models, "json").encode("utf-8", "replace").decode("utf-8"),))
        if rng.random() < 0.3:
            db.execute("UPDATE cards SET ord = ?, type = ?, ivl = ?", (rng.choice([0, 1, 99, -1, 2**62]),
                                                                       rng.randrange(-1, 5), rng.choice([0, 2**62])))
        if rng.random() < 0.3:
            db.execute("INSERT OR IGNORE INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                       "SELECT ?, id, 0, ?, 0, 0, 0, ?, ? FROM cards",
                       (rng.choice([0, 1, 2**62, -1]), rng.randrange(-1, 6), rng.choice([0, 2**62]), rng.randrange(-1, 6)))
        db.commit()
        db.close()
        members["collection.anki2"] = path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def hostile_input(rng: random.Random, fmt: str) -> str | bytes:
    """One input for ``fmt``: usually a mutated valid file, else random bytes, nesting or a YAML tag."""
    roll = rng.random()
    if roll < 0.08:
        return rng.randbytes(rng.randint(0, 4000))
    if fmt == "apkg":
        if roll < 0.2:
            return _random_zip(rng)
        if roll < 0.85:
            return _mutated_apkg(rng)
        data = bytearray(seeds()["apkg"])
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if roll < 0.14:
        return _nested(rng, fmt)
    if fmt == "yaml" and roll < 0.3:
        return _tagged_yaml(rng)
    return _mutate_text(rng, seeds()[fmt], fmt)


@dataclass(frozen=True)
class Outcome:
    kind: str  # "set", "refused" or "crash"
    seconds: float
    size: int
    detail: str = ""


def outcome(content: str | bytes, fmt: str) -> Outcome:
    """Read ``content`` as ``fmt`` the way an upload is read, and say what came of it.

    A set read must validate again from its own mapping (so every value fits the limits); a
    refusal must name the file in every problem. Anything else is a crash.
    """
    size = len(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    filename = "upload" + EXTENSIONS[fmt]
    start = time.perf_counter()
    try:
        result = formats.read(raw, fmt, filename=filename)
        formats.set_from_dict(result.set.to_dict(), filename=filename)
        kind, detail = "set", ""
    except FormatError as error:
        kind, detail = "refused", str(error)
        if not error.problems or not all(str(error.describe(problem)).startswith(filename) and problem.message
                                         for problem in error.problems):
            kind, detail = "crash", "a refusal without a message naming the file: " + detail[:200]
    except Exception as error:  # noqa: BLE001  the point is to catch whatever a reader lets through
        kind, detail = "crash", f"{type(error).__name__}: {error}"[:300]
    return Outcome(kind, time.perf_counter() - start, size, detail)


# The time a read may take: a fixed allowance plus a share per KB, far above a linear reader's
# (bench/fuzz.py prints the real figures) and far below a quadratic one's on the large inputs.
BASE_SECONDS = 1.0
SECONDS_PER_KB = 0.05


def time_bound(size: int) -> float:
    return BASE_SECONDS + SECONDS_PER_KB * size / 1024
