"""Stage 4d: what a copula says a thing is, when it is not a definition.

parsed.definitions asks "O que é X?" when the predicate is indefinite ("X é um Y que …") and
"Quem foi X?" when it is a name.  Two more shapes of textbook prose are asked here:
- a definite common-noun predicate names the one thing that fills a role: "A unidade mínima de
  informação é o bit" → "Qual é a unidade mínima de informação?" (bit);
- an adjective predicate is a property to recall: "A memória principal é volátil" → the
  sentence with "{{volátil}}" blanked.
"""
from __future__ import annotations

from .distractors import fold
from .facts import SentenceFacts
from .tree import lower_first, strip_punct, subtree, text_of
from .questions import Candidate, Context, _fact, _q

_DEFINITE = {"pt": {"o", "a", "os", "as"}, "en": {"the"}}
_WHICH = {"pt": "Qual {cop} {x}?", "en": "What {cop} {x}?"}
_MAX_SUBJECT_WORDS = 8
_MAX_ANSWER_WORDS = 5
_MIN_ADJECTIVE_LETTERS = 5


def _copula(head):
    cop = next((c for c in head.children if c.dep_ == "cop" and c.i < head.i), None)
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < (cop.i if cop else 0)), None)
    if cop is None or subj is None or any(c.dep_ in ("aux", "advmod") and c.lower_ in ("não", "not", "nunca", "never")
                                          for c in head.children):
        return None
    return cop, subj


def which_is(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """ "A unidade mínima de informação é o bit" → "Qual é a unidade mínima de informação?" (bit)."""
    doc = f.doc
    if doc is None:
        return []
    lang = ctx.lex.lang
    out = []
    for head in doc:
        if head.pos_ != "NOUN":
            continue
        got = _copula(head)
        if got is None:
            continue
        cop, subj = got
        det = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
        if det is None or det.lower_ not in _DEFINITE[lang] or any(
                c.dep_ in ("acl", "acl:relcl", "nmod", "conj") for c in head.children):
            continue  # "um Y que …" is a definition; "o Y de Z" or "o Y e o W" a longer phrase
        x_tokens = strip_punct(subtree(subj))
        if not x_tokens or len(x_tokens) > _MAX_SUBJECT_WORDS or subj.pos_ != "NOUN" or any(
                t.pos_ in ("PRON", "VERB", "AUX", "PUNCT") for t in x_tokens):
            continue
        answer_tokens = [t for t in doc[det.i + 1:head.i + 1]]
        if not answer_tokens or len(answer_tokens) > _MAX_ANSWER_WORDS or any(
                t.pos_ not in ("NOUN", "ADJ", "PROPN") for t in answer_tokens):
            continue
        answer = text_of(answer_tokens)
        x = lower_first(text_of(x_tokens), x_tokens)
        prompt = _WHICH[lang].format(cop=cop.lower_, x=x)
        out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer, accept=[text_of([det, *answer_tokens])]),
                             _fact(f, f"term:{fold(answer)}"), "definition", f, bonus=0.1))
    return out


def adjective_predicate(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """ "A memória principal é volátil" → the sentence with the property blanked."""
    doc = f.doc
    if doc is None or ctx.df is None:
        return []
    text = doc.text
    out = []
    for head in doc:
        if head.pos_ != "ADJ" or len(head.text) < _MIN_ADJECTIVE_LETTERS or _copula(head) is None:
            continue
        if ctx.df.get(head.lemma_.lower(), 0) > 1:
            continue  # a property said of everything in the text tells nothing of this one
        if text[:head.idx].count("“") > text[:head.idx].count("”"):
            continue  # someone's words are theirs to choose
        start, end = head.idx, head.idx + len(head.text)
        prompt = text[:start] + "{{" + head.text + "}}" + text[end:]
        out.append(Candidate(_q(f, ctx, "cloze", prompt, head.text), _fact(f, f"term:{fold(head.text)}"), "term", f,
                             bonus=0.1))
    return out


BUILDERS = (which_is, adjective_predicate)
