"""`quizapp generate FILE... -o SET.yaml`: write a question set from source texts and documents."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from quizapp.formats import yaml_format
from quizapp.formats.model import set_from_dict

from . import generate_set
from .fallback import why_empty
from .readers import EXTENSIONS, UnreadableFile, read

# Inputs past this size get a progress bar on a terminal; small ones finish before it would draw.
_PROGRESS_CHARS = 50_000


def dump_yaml(data: dict) -> str:
    """The set as YAML text in the canonical format the app reads and exports."""
    return yaml_format.write(set_from_dict(data))


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@click.command("generate", help=f"Write a question set from FILEs ({', '.join(EXTENSIONS)}), "
                                "each question traced to its source sentence.")
@click.argument("texts", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the question set (YAML).")
@click.option("--title", default=None, help="Title of the set (default: the first text's headline).")
@click.option("--lang", type=click.Choice(["pt", "en"]), default="pt", show_default=True,
              help="Language of the source texts.")
def generate(texts: tuple[Path, ...], output: Path, title: str | None, lang: str) -> None:
    docs = []
    for path in texts:
        try:
            docs.append((path.stem, read(path.name, path.read_bytes()).text))
        except UnreadableFile as error:
            _fail(f"cannot read {path}: {error.reason}")
    size = sum(len(t) for _, t in docs)
    if title is None:
        first = next((line.strip("# ").strip() for line in docs[0][1].splitlines() if line.strip()), "")
        title = first[:80] or docs[0][0]
    if size >= _PROGRESS_CHARS:
        with click.progressbar(length=1000, label="Generating questions", file=sys.stderr) as bar:
            def progress(done: int, total: int) -> None:
                bar.update(done - bar.pos)
            result = generate_set(docs, title=title, lang=lang, progress=progress)
    else:
        result = generate_set(docs, title=title, lang=lang)
    report = result.report
    names = ", ".join(str(p) for p in texts)
    if not result.set["questions"]:
        _fail(f"no question could be made from {names}: {why_empty(report)}")
    output.write_text(dump_yaml(result.set), encoding="utf-8")
    click.echo(f"Wrote {report['questions']} questions to {output} "
               f"({report['sentences']} sentences in {report['documents']} texts).")
    for qtype, n in report["per_type"].items():
        click.echo(f"  {qtype:<16} {n}")
    if report.get("dropped"):
        click.echo(f"Dropped by validation: {report['dropped']}")
        for d in report["dropped_questions"][:5]:
            click.echo(f"  {d['prompt'][:70]} ({d['reason']})")
    missing = report["facts_without_question"]
    click.echo(f"Facts without a question: {len(missing)}")
    for fact in missing[:20]:
        click.echo(f"  {fact}")
    if len(missing) > 20:
        click.echo(f"  … and {len(missing) - 20} more")
    asked = {q["source"]["doc"] for q in result.set["questions"]}
    for path, (doc_id, _) in zip(texts, docs):
        if doc_id not in asked:
            click.echo(f"warning: no question could be made from {path}", err=True)
