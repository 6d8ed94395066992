"""CoNLL-U treebanks as spaCy documents whose text is the sentence's own surface.

A multiword token ("no" = "em" + "o", "dele" = "de" + "ele", "aprova-se" = "aprova" + "se")
is cut into pieces of its surface, one per word, so every word keeps its tag, lemma and head
while the document's text stays the text a person wrote: "n" carries the word "em" (as its norm
and lemma), "o" the article.  The tokenizer splits the same way at run time (`contractions`),
so a contraction needs no rewriting of the text and offsets stay offsets into the source.
A surface too short to cut ("à" = "a" + "a") stays one token with the annotation of its first
word; the benchmark counts the other word as missed.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass
class Word:
    id: int
    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str


@dataclass
class Sentence:
    """One treebank sentence: its text, its words and how the words sit in surface tokens."""

    sent_id: str
    doc_id: str
    text: str
    words: list[Word] = field(default_factory=list)
    # Surface tokens: (surface, [word ids], space after).
    tokens: list[tuple[str, list[int], bool]] = field(default_factory=list)


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """The sentences of a CoNLL-U file, with document ids carried over from `# newdoc`."""
    doc_id, sent = "", None
    mwt_until, mwt = 0, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent is not None and sent.words:
                    yield sent
                sent, mwt_until, mwt = None, 0, None
                continue
            if sent is None:
                sent = Sentence("", doc_id, "")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key, value = key.strip(), value.strip()
                if key == "newdoc id" or key == "newdoc_id" or key.startswith("newdoc"):
                    doc_id = value or doc_id
                    sent.doc_id = doc_id
                elif key == "sent_id":
                    sent.sent_id = value
                elif key == "text":
                    sent.text = value
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue  # empty nodes (enhanced graphs) are not words
            space = "SpaceAfter=No" not in cols[9]
            if "-" in cols[0]:
                start, end = (int(x) for x in cols[0].split("-"))
                mwt_until, mwt = end, (cols[1], list(range(start, end + 1)), space)
                sent.tokens.append(mwt)
                continue
            wid = int(cols[0])
            sent.words.append(Word(wid, cols[1], cols[2], cols[3], cols[5], int(cols[6]) if cols[6] != "_" else 0,
                                   cols[7]))
            if wid > mwt_until:
                sent.tokens.append((cols[1], [wid], space))
    if sent is not None and sent.words:
        yield sent


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def cut_surface(surface: str, forms: list[str]) -> list[str] | None:
    """Pieces of `surface`, one per word form, each word's piece ending as the word does.

    "no" with ("em", "o") → ["n", "o"]; "dele" → ["d", "ele"]; "pelos" → ["pel", "os"];
    "àquele" → ["à", "quele"]; "aprova-se" → ["aprova", "-se"].  None when the surface is too
    short to give every word a piece ("à" = "a" + "a").
    """
    pieces: list[str] = []
    rest = surface
    for i in range(len(forms) - 1, 0, -1):
        form = _fold(forms[i])
        low = _fold(rest)
        n = 0
        while n < len(form) and n < len(low) - 1 and low[-1 - n] == form[-1 - n]:
            n += 1
        if n == 0:
            return None
        cut = len(rest) - n
        if rest[cut - 1] == "-" and cut > 1:
            cut -= 1  # the hyphen goes with the clitic: "aprova" + "-se"
        pieces.insert(0, rest[cut:])
        rest = rest[:cut]
        if not rest:
            return None
    pieces.insert(0, rest)
    return pieces


def hyphen_pieces(surface: str, n_words: int) -> list[str] | None:
    """A clitic written with hyphens, one piece per word: "fazê-lo" → ["fazê", "-lo"]."""
    parts = surface.split("-")
    if len(parts) != n_words or not all(parts):
        return None
    return [parts[0]] + ["-" + p for p in parts[1:]]


def sentence_pieces(sent: Sentence) -> list[tuple[str, list[int], bool]]:
    """Surface pieces of a sentence: (text, word ids it carries, space after)."""
    forms = {w.id: w.form for w in sent.words}
    out = []
    for surface, ids, space in sent.tokens:
        if len(ids) == 1:
            out.append((surface, ids, space))
            continue
        pieces = hyphen_pieces(surface, len(ids)) or cut_surface(surface, [forms[i] for i in ids])
        if pieces is None:
            out.append((surface, ids, space))
            continue
        for j, (piece, wid) in enumerate(zip(pieces, ids)):
            out.append((piece, [wid], space if j == len(ids) - 1 else False))
    return out


def contraction_table(paths: list[str | Path], min_count: int = 2, min_share: float = 0.5) -> dict[str, list[list[str]]]:
    """Surface → pieces with their word forms, for every contraction written without a hyphen
    that is a multiword token in most of its occurrences ("nos" as "em os" but not the pronoun).
    Hyphenated clitics are split by the tokenizer's suffix rule instead."""
    as_mwt: dict[str, Counter] = defaultdict(Counter)
    seen: Counter = Counter()
    for path in paths:
        for sent in read_conllu(path):
            forms = {w.id: w.form for w in sent.words}
            for surface, ids, _ in sent.tokens:
                seen[surface.lower()] += 1
                if len(ids) > 1 and "-" not in surface:
                    pieces = cut_surface(surface.lower(), [forms[i].lower() for i in ids])
                    if pieces:
                        as_mwt[surface.lower()][json.dumps([pieces, [forms[i].lower() for i in ids]])] += 1
    table = {}
    for surface, splits in sorted(as_mwt.items()):
        key, count = splits.most_common(1)[0]
        total = sum(splits.values())
        if total >= min_count and total / seen[surface] >= min_share:
            table[surface] = json.loads(key)
    return table


def to_docs(path: str | Path, vocab, n_sents: int = 10):
    """spaCy reference documents of up to `n_sents` sentences of one source document each."""
    from spacy.tokens import Doc

    batch: list[Sentence] = []

    def flush():
        words, spaces, pos, morphs, lemmas, heads, deps, starts, norms = [], [], [], [], [], [], [], [], []
        for sent in batch:
            by_id = {w.id: w for w in sent.words}
            pieces = sentence_pieces(sent)
            index = {}
            for k, (_, ids, _) in enumerate(pieces):
                for wid in ids:
                    index[wid] = len(words) + k
            base = len(words)
            for k, (text, ids, space) in enumerate(pieces):
                w = by_id[ids[0]]
                words.append(text)
                spaces.append(space)
                pos.append(w.upos)
                morphs.append(w.feats if w.feats != "_" else "")
                lemmas.append(w.lemma)
                norms.append(w.form.lower())
                # A word whose head is folded into the same token points at that token's head.
                head = w.head
                while head and index.get(head) == base + k:
                    head = by_id[head].head
                heads.append(index[head] if head else base + k)
                deps.append("ROOT" if not head else w.deprel)
                starts.append(k == 0)
            spaces[-1] = True
        doc = Doc(vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, lemmas=lemmas, heads=heads,
                  deps=deps, sent_starts=starts)
        for token, norm in zip(doc, norms):
            token.norm_ = norm
        batch.clear()
        return doc

    for sent in read_conllu(path):
        if batch and (sent.doc_id != batch[-1].doc_id or len(batch) >= n_sents):
            yield flush()
        batch.append(sent)
    if batch:
        yield flush()
