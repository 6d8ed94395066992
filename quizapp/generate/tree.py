"""Reading a sentence's dependency tree: text of token runs, subtrees, main clauses and their parts.

Shared by the builders that ask from the parse (copulas, noun_phrases, wh_parsed, predicates, focus).
"""
from __future__ import annotations

from . import spans as sp
from .facts import SentenceFacts
from .questions import Context

PRONOUNS = {"PRON"}
COPULAS = {"pt": {"é", "são", "foi", "foram", "era", "eram", "será", "serão"},
            "en": {"is", "are", "was", "were"}}



def subj_before(cop, head) -> bool:
    """The copula sits between a subject and its predicate head."""
    return cop.i < head.i and any(c.dep_.startswith("nsubj") and c.i < cop.i for c in head.children)


def text_of(tokens) -> str:
    """The text of a run of tokens as the sentence writes it (their own spacing)."""
    tokens = list(tokens)
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def subtree(tok) -> list:
    return list(tok.subtree)


def strip_punct(tokens: list) -> list:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    return tokens


def is_person(tokens: list, ctx: Context) -> bool:
    """True when the texts typed this name as a person (lexicon, titles, given names)."""
    text = text_of(tokens)
    return text in ctx.person_key or ctx.pool.knows(sp.PERSON, text)


def lower_first(text: str, tokens: list) -> str:
    # "A memória" → "a memória" in the middle of a question; a name keeps its capital.
    if tokens and tokens[0].pos_ != "PROPN" and tokens[0].i == 0 and text[:1].isupper() and not (
            len(tokens[0].text) > 1 and tokens[0].text.isupper()):
        return text[:1].lower() + text[1:]
    return text


RELATIVE = {"que", "onde", "cujo", "cuja", "cujos", "cujas", "qual", "quais", "that", "which", "where", "whose"}


def relative_follows(head) -> bool:
    """ "o processo pelo qual …", "the process by which …": the noun is defined by a clause."""
    doc = head.doc
    nxt = [t.lower_ for t in doc[head.i + 1:head.i + 4]]
    return bool(nxt) and (nxt[0] in RELATIVE or any(w in ("qual", "quais", "which") for w in nxt[1:3]))



def clause_parts(doc, allow_numbers: bool = False):
    """(verb, subject, subject tokens, lead tokens) of a main clause with its subject before its verb."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > root.i or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    s_tokens = strip_punct(subtree(subj))
    if not s_tokens or s_tokens[-1].i - s_tokens[0].i + 1 != len(s_tokens) or len(s_tokens) > 10:
        return None
    if not allow_numbers and any(t.pos_ == "NUM" for t in s_tokens):
        return None  # a counted subject is asked with "Quantos"/"How many" (how_many)
    if any(t.text in (",", "(", "—", "–") for t in s_tokens):
        return None  # "O presidente, Fulano, …": the apposition makes a moved subject unreadable
    lead = strip_punct([t for t in doc if t.i < s_tokens[0].i])
    if lead and not (doc[s_tokens[0].i - 1].text == "," and all(t.head.i == root.i or t.head.i in {
            x.i for x in lead} for t in lead)):
        return None
    if any(t.lower_ in ("que", "which", "who", "that") for t in doc[s_tokens[-1].i + 1:root.i]):
        return None
    return root, subj, s_tokens, lead


def clause_docs(doc):
    """The sentence, then each clause joined to its main verb with its own subject ("…, and about
    300 workers assembled the parts"), as a document of its own so the builders read it alone."""
    if doc is None:
        return
    yield doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return
    for c in root.children:
        subj = next((x for x in c.children if x.dep_ == "nsubj" and x.i < c.i), None)
        if c.dep_ != "conj" or c.pos_ != "VERB" or subj is None or c.i < root.i:
            continue
        start, end = subj.left_edge.i, c.right_edge.i + 1
        if end - start >= 4:
            sub = doc[start:end].as_doc()
            sub.user_data["offset"] = doc[start].idx
            yield sub


def clauses(doc, allow_numbers: bool = False):
    """(clause, its parts) for each clause of :func:`clause_docs` that has a subject and a main verb."""
    for clause in clause_docs(doc):
        parts = clause_parts(clause, allow_numbers=allow_numbers)
        if parts is not None:
            yield clause, parts


def sentence_offset(tok) -> int:
    """A token's offset in the sentence, also for a clause read as a document of its own."""
    return tok.idx + tok.doc.user_data.get("offset", 0)


def span_kind(f: SentenceFacts, start: int, end: int) -> str | None:
    for s in f.spans:
        if s.start <= start and end <= s.end + 1 and s.kind in sp.ENTITY_KINDS:
            return s.kind
        if start <= s.start and s.end <= end and s.kind in sp.ENTITY_KINDS and (s.end - s.start) >= 0.6 * (end - start):
            return s.kind
    return None

