"""Train the generator's language pipeline from the shared treebanks.

    python -m quizapp.nlp.train pt|en [--out build/nlp] [--no-install]

Converts the UD treebank in ../shared/corpora (contractions cut into pieces of their surface,
see `conllu`), trains the spaCy pipeline of `configs/pipeline.cfg` (tokenizer rules,
morphologizer for UPOS and features, trainable lemmatizer, dependency parser, whose tree also
gives the sentences, after the full-stop rules of `sentences`) and copies the best model into quizapp/nlp/models/<lang>/ with its licence
(English also gets the web-text token rules of `tokenizer.install_web_rules` there).
Training takes tens of minutes on two cores; the seed is fixed so a rerun gives the same model.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[1] / ".." / "shared" / "corpora"
TREEBANKS = {
    "pt": ("ud-portuguese-bosque", "pt_bosque-ud", "UD_Portuguese-Bosque (Rademaker et al.)"),
    "en": ("ud-english-ewt", "en_ewt-ud", "UD_English-EWT (Silveira et al.)"),
}


def treebank_file(lang: str, split: str, corpora: Path = CORPORA) -> Path:
    folder, stem, _ = TREEBANKS[lang]
    return corpora / folder / f"{stem}-{split}.conllu"


def convert(lang: str, out: Path, corpora: Path = CORPORA) -> None:
    """Write train.spacy, dev.spacy and contractions.json for `lang` under `out`."""
    import spacy
    from spacy.tokens import DocBin

    from .conllu import contraction_table, to_docs

    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank(lang)
    for split in ("train", "dev"):
        db = DocBin(store_user_data=False)
        for doc in to_docs(treebank_file(lang, split, corpora), nlp.vocab):
            db.add(doc)
        db.to_disk(out / f"{split}.spacy")
    table = contraction_table([treebank_file(lang, "train", corpora)])
    (out / "contractions.json").write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True),
                                           encoding="utf-8")


def install(lang: str, model: Path, corpora: Path = CORPORA) -> Path:
    """Copy a trained model into the package with its licence and attribution."""
    import spacy

    from . import sentences, tokenizer  # noqa: F401  (registered factories and callbacks)

    target = HERE / "models" / lang
    if target.exists():
        shutil.rmtree(target)
    nlp = spacy.load(model)
    # Sentence starts after a full stop bind the parser, which learnt from headlines (sentences.py).
    nlp.add_pipe("quizapp_sentence_rules", before="parser")
    if lang == "en":
        # Added here, not before training, so a rerun of train + install gives the shipped model.
        tokenizer.install_web_rules(nlp)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    folder, _, name = TREEBANKS[lang]
    shutil.copy(corpora / folder / "LICENSE.txt", target / "LICENSE.txt")
    (target / "ATTRIBUTION.md").write_text(
        f"This model was trained by `python -m quizapp.nlp.train {lang}` on {name}, "
        f"from ../shared/corpora/{folder}/ (Universal Dependencies).\n"
        "The treebank is licensed under CC BY-SA 4.0 (LICENSE.txt beside this file); the model, "
        "a work derived from it, is distributed under the same licence, apart from quizapp's MIT code.\n",
        encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lang", choices=sorted(TREEBANKS))
    parser.add_argument("--out", type=Path, default=Path("build/nlp"))
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--no-install", action="store_true", help="train only; leave the packaged model")
    args = parser.parse_args(argv)

    from spacy.cli.train import train

    from . import tokenizer  # noqa: F401  (registers the before_init callback)

    work = args.out / args.lang
    convert(args.lang, work, args.corpora)
    train(HERE / "configs" / "pipeline.cfg", work / "model", overrides={
        "paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
        "paths.contractions": str(work / "contractions.json"), "nlp.lang": args.lang, "initialize.before_init.lang": args.lang,
    })
    if not args.no_install:
        print("installed", install(args.lang, work / "model" / "model-best", args.corpora))


if __name__ == "__main__":
    main()
