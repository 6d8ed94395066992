"""Questions from copular sentences: definitions both ways ("A memória é um dispositivo que …" →
"O que é a memória?", and back to the term), identities ("O arquiteto responsável foi Francisco de
Arruda" → "Quem foi o arquiteto responsável?") and names given by "chamado"/"called"."""
from __future__ import annotations

from . import spans as sp
from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _choices, _fact, _q
from .tree import COPULAS, PRONOUNS, RELATIVE, is_person, lower_first, relative_follows, strip_punct, subj_before, subtree, text_of

_WH = {
    "pt": {"what_is": "O que {cop} {x}?", "who_is": "Quem {cop} {x}?", "which_is": "Qual {cop} {x}?",
           "name_of": "Como se chama {y}?"},
    "en": {"what_is": "What {cop} {x}?", "who_is": "Who {cop} {x}?", "which_is": "What {cop} {x}?",
           "name_of": "What is the term for {y}?"},
}
_INDEFINITE = {"pt": {"um", "uma", "uns", "umas"}, "en": {"a", "an"}}
# A predicate whose head is one of these is an opinion or a vague class, not a definition.
_VAGUE = {"pt": {"coisa", "forma", "maneira", "parte", "exemplo", "caso", "vez", "problema", "questão"},
          "en": {"thing", "way", "part", "example", "case", "time", "problem", "question", "lot"}}
_MAX_DEFINITION_WORDS = 25


def definitions(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """Copular sentences and appositions: definitions (both ways) and identities."""
    doc = f.doc
    if doc is None:
        return []
    lang = ctx.lex.lang
    words = _WH[lang]
    out: list[Candidate] = []
    for head in doc:
        cops = [c for c in head.children if c.dep_ == "cop" or (
            c.pos_ in ("AUX", "VERB") and c.lower_ in COPULAS[lang] and subj_before(c, head))]
        subjs = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not cops or not subjs or head.pos_ not in ("NOUN", "PROPN"):
            continue
        cop, subj = cops[0], subjs[0]
        if not (subj.i < cop.i < head.i) or any(c.dep_ in ("aux", "advmod") and c.i < cop.i and c.lower_ in (
                "não", "not", "nunca", "never") for c in head.children):
            continue
        if any(c.dep_ == "aux" for c in head.children):
            continue  # "pode ser um …": a possibility, not what the thing is
        x_tokens = strip_punct(subtree(subj))
        if not x_tokens or subj.pos_ in PRONOUNS or any(t.pos_ == "PRON" and t.dep_ == "nsubj" for t in x_tokens):
            continue
        if len(x_tokens) > 8 or any(t.pos_ in ("VERB", "AUX") for t in x_tokens):
            continue
        # The predicate: everything from the copula's right to the head's last word.
        y_tokens = strip_punct([t for t in head.subtree if t.i > cop.i and t.dep_ not in ("parataxis",)])
        if not y_tokens or len(y_tokens) > _MAX_DEFINITION_WORDS or y_tokens[-1].i - y_tokens[0].i + 1 != len(y_tokens):
            continue
        if y_tokens[-1].i + 1 < len(doc) and not doc[y_tokens[-1].i + 1].is_punct:
            continue  # the parse left the end of the predicate elsewhere: a cut definition misleads
        x = lower_first(text_of(x_tokens), x_tokens)
        y = text_of(y_tokens)
        copw = cop.text.lower()
        det = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
        defining = det is not None and (det.lower_ in _INDEFINITE[lang] or any(
            c.dep_ in ("acl:relcl", "acl") for c in head.children) or relative_follows(head))
        if head.pos_ == "NOUN" and defining \
                and head.lemma_.lower() not in _VAGUE[lang] and len(y_tokens) >= 2:
            prompt = words["what_is"].format(cop=copw, x=x)
            fact = _fact(f, f"define:{fold(x)}")
            out.append(Candidate(_q(f, ctx, "flashcard", prompt, y), fact, "definition", f, bonus=0.3))
            if len(y_tokens) >= 3:
                term = text_of(strip_punct([t for t in x_tokens if not (t.dep_ == "det" and t.i == x_tokens[0].i)]))
                reverse = words["name_of"].format(y=y[:1].lower() + y[1:] if lang == "en" else y)
                out.append(Candidate(_q(f, ctx, "short_answer", reverse, term, accept=[x] if x != term else None),
                                     _fact(f, f"term:{fold(term)}"), "definition", f, bonus=0.25))
        elif head.pos_ == "PROPN" and subj.pos_ == "NOUN" and det is None:
            # "O arquiteto responsável foi Francisco de Arruda": who (or which) held the role;
            # the name alone, not the clause after its comma ("…, que começou a obra").
            comma = next((k for k, t in enumerate(y_tokens) if t.text in (",", "(", ";", "—")), None)
            if comma is not None:
                y_tokens = strip_punct(y_tokens[:comma])
                y = text_of(y_tokens)
            if not y_tokens or len(y_tokens) > 6:
                continue
            person = is_person(y_tokens, ctx) or \
                subj.lemma_.lower() in ctx.lex.titles
            prompt = (words["who_is"] if person else words["which_is"]).format(cop=copw, x=x)
            fact = _fact(f, f"identity:{fold(y)}")
            out.append(Candidate(_q(f, ctx, "short_answer", prompt, y), fact, sp.PERSON if person else sp.NAME, f,
                                 bonus=0.2))
            wrong = ctx.pool.entities(y, sp.PERSON, [], 3) if person else []
            wrong = [w for w in wrong if len(w.split()) >= 2] if len(y.split()) >= 2 else wrong
            ch = _choices(y, wrong, prompt)
            if ch:
                out.append(Candidate(_q(f, ctx, "multiple_choice", prompt, y, choices=ch), fact,
                                     sp.PERSON if person else sp.NAME, f, bonus=0.2))
    for tok in doc:
        # "A RAM, uma memória volátil, …": an apposition that says what a thing is.
        if tok.dep_ != "appos" or tok.head.pos_ not in ("NOUN", "PROPN") or tok.pos_ != "NOUN":
            continue
        det = next((c for c in tok.children if c.dep_ == "det" and c.i < tok.i), None)
        if det is None or det.lower_ not in _INDEFINITE[lang]:
            continue
        x_tokens = strip_punct([t for t in tok.head.subtree if t.i < tok.left_edge.i])
        y_tokens = strip_punct(subtree(tok))
        if not x_tokens or len(x_tokens) > 8 or len(y_tokens) < 2 or len(y_tokens) > _MAX_DEFINITION_WORDS:
            continue
        x = lower_first(text_of(x_tokens), x_tokens)
        y = text_of(y_tokens)
        prompt = words["what_is"].format(cop="é" if lang == "pt" else "is", x=x)
        out.append(Candidate(_q(f, ctx, "flashcard", prompt, y), _fact(f, f"define:{fold(x)}"),
                             "definition", f, bonus=0.2))
        if len(y_tokens) >= 3 and not any(t.pos_ == "PRON" and t.dep_ != "nsubj" and t.lower_ not in RELATIVE
                                          for t in y_tokens):
            # The other way round, as for a copular definition: from "um açúcar que a planta usa
            # como fonte de energia" back to "a glicose".
            term = text_of(strip_punct([t for t in x_tokens if not (t.dep_ == "det" and t.i == x_tokens[0].i)]))
            reverse = words["name_of"].format(y=y[:1].lower() + y[1:] if lang == "en" else y)
            out.append(Candidate(_q(f, ctx, "short_answer", reverse, term, accept=[x] if x != term else None),
                                 _fact(f, f"term:{fold(term)}"), "definition", f, bonus=0.2))
    return out



_CALLED = {"pt": {"chamado", "chamada", "chamados", "chamadas", "denominado", "denominada", "designado",
                  "designada"},
           "en": {"called", "named", "termed"}}


def called(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """ "o pigmento verde chamado clorofila" → "Como se chama o pigmento verde?" (clorofila)."""
    doc = f.doc
    if doc is None:
        return []
    lang = ctx.lex.lang
    out = []
    for tok in doc:
        if tok.lower_ not in _CALLED[lang] or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        also = doc[tok.i - 1].lower_ in ("também", "also")
        # The name: the words after "chamado" up to punctuation or a clause.
        name = []
        for t in doc[tok.i + 1:]:
            if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") or (t.pos_ == "DET" and name):
                break
            name.append(t)
        while name and name[-1].pos_ == "ADP":
            name.pop()
        # The thing named: the noun phrase right before (article, noun, adjectives).
        end = tok.i - (2 if also else 1)
        while end >= 0 and doc[end].is_punct:
            end -= 1
        if end < 0 or not name or len(name) > 6:
            continue
        noun = doc[end]
        while noun.pos_ == "ADJ" and noun.head.i < noun.i and noun.head.pos_ == "NOUN":
            noun = noun.head
        if noun.pos_ != "NOUN":
            continue
        thing = [t for t in doc[noun.left_edge.i:end + 1] if not t.is_punct]
        if not thing or len(thing) > 6 or thing[-1].i - thing[0].i + 1 != len(thing) or any(
                t.pos_ in ("VERB", "AUX", "PRON") for t in thing):
            continue
        thing_text = lower_first(text_of(thing), thing)
        if thing[0].pos_ != "DET":
            thing_text = ("o " if lang == "pt" else "the ") + thing_text if lang == "en" or noun.morph.get(
                "Gender") != ["Fem"] else "a " + thing_text
        if lang == "pt":
            prompt = f"Que outro nome tem {thing_text}?" if also else f"Como se chama {thing_text}?"
        else:
            prompt = f"What else is {thing_text} called?" if also else f"What is {thing_text} called?"
        answer = text_of(name)
        out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), _fact(f, f"term:{fold(answer)}"),
                             "definition", f, bonus=0.15))
    return out


