"""`quizapp generate TEXT... -o SET.yaml`: write a question set from source texts."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from quizapp.formats import yaml_format
from quizapp.formats.model import set_from_dict

from . import generate_set

# Inputs past this size get a progress bar; small ones finish before it would draw.
_PROGRESS_BYTES = 200_000


def dump_yaml(data: dict) -> str:
    """The set as YAML text in the canonical format the app reads and exports."""
    return yaml_format.write(set_from_dict(data))


@click.command("generate")
@click.argument("texts", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the question set (YAML).")
@click.option("--title", default=None, help="Title of the set (default: the first text's headline).")
@click.option("--lang", type=click.Choice(["pt", "en"]), default="pt", show_default=True,
              help="Language of the source texts.")
def generate(texts: tuple[Path, ...], output: Path, title: str | None, lang: str) -> None:
    """Write a question set from TEXT files, each question traced to its source sentence."""
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in texts]
    size = sum(len(t) for _, t in docs)
    if title is None:
        first = next((line.strip() for line in docs[0][1].splitlines() if line.strip()), "")
        title = first[:80] or docs[0][0]
    if size >= _PROGRESS_BYTES:
        with click.progressbar(length=len(docs), label="Reading texts", file=sys.stderr) as bar:
            def progress(items):
                for item in items:
                    yield item
                    bar.update(1)
            result = generate_set(docs, title=title, lang=lang, progress=progress)
    else:
        result = generate_set(docs, title=title, lang=lang)
    output.write_text(dump_yaml(result.set), encoding="utf-8")
    report = result.report
    click.echo(f"Wrote {report['questions']} questions to {output} "
               f"({report['sentences']} sentences in {report['documents']} texts).")
    for qtype, n in report["per_type"].items():
        click.echo(f"  {qtype:<16} {n}")
    missing = report["facts_without_question"]
    click.echo(f"Facts without a question: {len(missing)}")
    for fact in missing[:20]:
        click.echo(f"  {fact}")
    if len(missing) > 20:
        click.echo(f"  … and {len(missing) - 20} more")
