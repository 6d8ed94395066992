"""Accuracy of the packaged language pipelines on the treebanks' held-out files.

Run: .venv/bin/python bench/pipeline_accuracy.py [pt|en ...] [--split test|dev] [--limit N]

Each source document of the file is given to the pipeline as raw text (its sentences joined
by one space), so sentences and tokens are found by the pipeline, not taken from the treebank.
Every word of the treebank counts, contractions included ("no" = "em" + "o" is two words):
- UPOS: words whose token is found exactly (same characters) and tagged with the word's UPOS;
  a word folded into a token that holds two words ("à" = "a" + "a") counts as missed.
- UAS / LAS: words found whose head is the right word (and, for LAS, with the right relation;
  "LAS" compares the universal relation as the CoNLL 2018 evaluation does, "LAS full" the
  whole label with its subtype, e.g. "nsubj:pass").
- Lemma: words found with the treebank's lemma.
- Sentence F1: sentences whose first and last characters both match a predicted sentence.
Targets (issue 9): UPOS >= 95, LAS >= 80, sentence F1 >= 90.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp import nlp  # noqa: E402
from quizapp.nlp.conllu import read_conllu, sentence_pieces  # noqa: E402
from quizapp.nlp.train import TREEBANKS, treebank_file  # noqa: E402


def documents(path: Path, limit: int = 0):
    """(raw text, gold sentences with character offsets) per source document."""
    docs, current, doc_id = [], [], None
    for sent in read_conllu(path):
        if current and sent.doc_id != doc_id:
            docs.append(current)
            current = []
        doc_id = sent.doc_id
        current.append(sent)
    if current:
        docs.append(current)
    if limit:
        docs = docs[:limit]
    for sents in docs:
        text, gold = "", []
        for sent in sents:
            if text:
                text += " "
            start = len(text)
            pieces = []  # (start, end, word ids)
            for surface, ids, space in sentence_pieces(sent):
                pieces.append((len(text), len(text) + len(surface), ids))
                text += surface + (" " if space else "")
            text = text.rstrip(" ")
            gold.append((sent, start, len(text), pieces))
        yield text, gold


def score(lang: str, split: str, limit: int = 0) -> dict:
    model = nlp.pipeline(lang)
    totals = dict(words=0, upos=0, uas=0, las=0, las_full=0, lemma=0, gold_sents=0, pred_sents=0, sents=0)
    seconds, chars = 0.0, 0
    for text, gold in documents(treebank_file(lang, split), limit):
        t0 = time.perf_counter()
        doc = model(text)
        seconds += time.perf_counter() - t0
        chars += len(text)
        by_span = {(t.idx, t.idx + len(t.text)): t for t in doc}
        pred_sents = {(s[0].idx, s[-1].idx + len(s[-1].text)) for s in doc.sents
                      if s.text.strip()}
        totals["pred_sents"] += len(pred_sents)
        for sent, start, end, pieces in gold:
            totals["gold_sents"] += 1
            totals["sents"] += (start, end) in pred_sents
            token_of: dict[int, object] = {}  # word id → predicted token, primary words only
            word_of_token: dict[int, int] = {}  # predicted token index → word id
            primary_of = {wid: ids[0] for _, _, ids in pieces for wid in ids}
            for a, b, ids in pieces:
                tok = by_span.get((a, b))
                if tok is not None:
                    token_of[ids[0]] = tok
                    word_of_token[tok.i] = ids[0]
            for w in sent.words:
                totals["words"] += 1
                tok = token_of.get(w.id)
                if tok is None:
                    continue
                totals["upos"] += tok.pos_ == w.upos
                totals["lemma"] += tok.lemma_ == w.lemma
                head = 0 if tok.dep_ == "ROOT" or tok.head.i == tok.i else word_of_token.get(tok.head.i, -1)
                # A head folded into a token of two words is that token's first word.
                gold_head = primary_of[w.head] if w.head else 0
                if head == gold_head:
                    totals["uas"] += 1
                    label = "root" if tok.dep_ == "ROOT" else tok.dep_
                    totals["las"] += label.split(":")[0] == w.deprel.split(":")[0]
                    totals["las_full"] += label == w.deprel
    n = totals["words"]
    p = totals["sents"] / max(totals["pred_sents"], 1)
    r = totals["sents"] / max(totals["gold_sents"], 1)
    return {
        "words": n, "UPOS": 100 * totals["upos"] / n, "UAS": 100 * totals["uas"] / n,
        "LAS": 100 * totals["las"] / n, "LAS full": 100 * totals["las_full"] / n,
        "lemma": 100 * totals["lemma"] / n, "sent P": 100 * p, "sent R": 100 * r,
        "sent F1": 100 * (2 * p * r / (p + r) if p + r else 0), "KB/s": chars / 1000 / max(seconds, 1e-9),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("langs", nargs="*", default=[lang for lang in nlp.LANGS
                                                      if (nlp.model_path(lang) / "config.cfg").is_file()])
    parser.add_argument("--split", default="test", choices=("test", "dev"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args(argv)
    cols = ["words", "UPOS", "UAS", "LAS", "LAS full", "lemma", "sent P", "sent R", "sent F1", "KB/s"]
    print(f"{'pipeline':<10}" + "".join(f"{c:>10}" for c in cols))
    for lang in args.langs:
        s = score(lang, args.split, args.limit)
        print(f"{lang + ' ' + args.split:<10}" + "".join(
            f"{s[c]:>10d}" if c == "words" else f"{s[c]:>10.1f}" for c in cols))
    print("targets: UPOS >= 95, LAS >= 80, sentence F1 >= 90 (test files)")


if __name__ == "__main__":
    main()
