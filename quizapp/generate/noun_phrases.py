"""Key noun phrases of a sentence as cloze blanks, chosen by how informative they are in the text."""
from __future__ import annotations

import math
from collections import Counter

from . import spans as sp
from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _fact, _q
from .tree import text_of

def informativeness(docs: list) -> Counter:
    """How many sentences of the texts hold each content lemma (for choosing cloze blanks)."""
    df: Counter = Counter()
    for doc in docs:
        if doc is not None:
            df.update({t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")})
    return df


_PARTICLES = {"de", "da", "do", "das", "dos", "d", "a", "o", "e", "von", "van", "der", "del", "di", "du", "la", "le"}
_NP_DEPS = {"nsubj", "obj", "obl", "nsubj:pass", "appos", "ROOT", "iobj", "xcomp", "obl:agent", "nmod"}


def noun_phrases(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """The sentence with one informative noun phrase blanked: the key terms of textbook prose."""
    doc = f.doc
    if doc is None or ctx.df is None:
        return []
    n_docs = max(ctx.n_sentences, 1)
    out = []
    taken = [(s.start, s.end) for s in f.spans if s.kind != sp.NAME]
    text = doc.text
    for tok in doc:
        # Phrases of the clause itself; a complement of another noun ("agências de notícias")
        # or one member of a list is a piece of a bigger phrase.  A name the rules did not type
        # ("Maurice Koechlin", "PeerJ") is a key term too, wherever it stands.
        name = tok.pos_ == "PROPN" and tok.dep_ not in ("flat", "flat:name", "compound") and not (
            tok.dep_ == "nmod" and tok.head.pos_ == "PROPN")  # "Camões" of "Luís de Camões" is half a name
        if not (tok.pos_ == "NOUN" or name) or tok.dep_ not in _NP_DEPS:
            continue
        # The phrase: the noun with its adjectives and compounds, not its articles or clauses.
        if name:
            # "Vasco da Gama": the name's own words and the particles between them.
            last = max([tok.i] + [c.right_edge.i for c in tok.children if c.i > tok.i and (
                c.dep_ in ("flat", "flat:name") or (c.dep_ == "nmod" and c.pos_ == "PROPN"))])
            # "Stephen Sauvestre", "the French Revolution": capitalised words before the head too.
            first = tok.i
            while first > 0 and doc[first - 1].head.i in range(first, last + 1) and doc[first - 1].dep_ in (
                    "compound", "flat", "flat:name", "amod") and doc[first - 1].text[:1].isupper():
                first -= 1
            parts = list(doc[first:last + 1])
            if not (parts[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in parts)):
                continue
        else:
            parts = [tok] + [c for c in tok.children if c.dep_ in ("amod", "compound", "flat", "flat:name", "nummod")
                             and abs(c.i - tok.i) <= 2]
            parts.sort(key=lambda t: t.i)
            if any(t.is_stop or t.pos_ in ("PRON", "DET", "VERB") for t in parts):
                continue
        if parts[-1].i - parts[0].i + 1 != len(parts):
            continue  # not contiguous
        start, end = parts[0].idx, parts[-1].idx + len(parts[-1].text)
        if (start == 0 and not name) or any(a < end and start < b for a, b in taken):
            continue
        rare = ctx.df.get(tok.lemma_.lower(), 0) <= 1 and len(tok.text) >= 6
        if not name and not rare and any(c.dep_ in ("nmod", "acl", "acl:relcl") and c.i > tok.i for c in tok.children):
            continue  # "a região estratégica de Kursk": the phrase goes on past the blank
        after = doc[parts[-1].i + 1] if parts[-1].i + 1 < len(doc) else None
        if after is not None and after.pos_ == "CCONJ":
            continue  # "altos líderes russos e norte-coreanos": the blank would cut the list
        if text[:start].count("“") > text[:start].count("”") or text[:start].count('"') % 2:
            continue  # someone's words are theirs to choose, not a term to recall
        # Informative: rare across the texts, longer than a short common word.
        info = sum(math.log(1 + n_docs / max(ctx.df.get(t.lemma_.lower(), 1), 1)) for t in parts)
        if not name and (len(tok.text) < 5 or info < 1.0):
            continue
        if len(parts) == 1 and not name and (ctx.df.get(tok.lemma_.lower(), 0) > 1 or len(tok.text) < 8
                                             or tok.lemma_.lower() in ctx.lex.titles or tok.lower_ in ctx.lex.titles):
            continue  # one short or repeated noun ("projeto", "pessoas") is no key term
        if name and (len(text_of(parts)) < 3 or ctx.df.get(tok.lemma_.lower(), 0) > 2):
            continue  # the text's topic, named in every other sentence, is guessed, not recalled
        answer = text[start:end]
        prompt = text[:start] + "{{" + answer + "}}" + text[end:]
        if len(prompt.split()) > 30:
            continue
        c = Candidate(_q(f, ctx, "cloze", prompt, answer), _fact(f, f"term:{fold(answer)}"), "term", f,
                      bonus=min(0.1 * info, 0.4) - 0.1)
        out.append(c)
    return out
