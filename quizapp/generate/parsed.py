"""Stage 4b: questions read off the parse of a sentence (trained pipeline, quizapp.nlp).

Where the rules of clause.py look for names and dates in a sentence's words, these builders
read its dependency tree: a copula with an indefinite predicate is a definition ("A memória é
um dispositivo que …" → "O que é a memória?", and the card both ways), a copula with a named
predicate an identity ("O arquiteto responsável foi Francisco de Arruda" → "Quem foi o
arquiteto responsável?"), a clause's subject or object a wh-question with the sentence's own
verb (tense and agreement kept because the verb is the sentence's), and its most informative
noun phrases cloze blanks.  Each builder returns nothing when the tree has another shape.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from . import spans as sp
from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _choices, _fact, _q

_WH = {
    "pt": {"what_is": "O que {cop} {x}?", "who_is": "Quem {cop} {x}?", "which_is": "Qual {cop} {x}?",
           "name_of": "Como se chama {y}?", "who": "Quem", "what": "O que"},
    "en": {"what_is": "What {cop} {x}?", "who_is": "Who {cop} {x}?", "which_is": "What {cop} {x}?",
           "name_of": "What is the term for {y}?", "who": "Who", "what": "What"},
}
_INDEFINITE = {"pt": {"um", "uma", "uns", "umas"}, "en": {"a", "an"}}
# A predicate whose head is one of these is an opinion or a vague class, not a definition.
_VAGUE = {"pt": {"coisa", "forma", "maneira", "parte", "exemplo", "caso", "vez", "problema", "questão"},
          "en": {"thing", "way", "part", "example", "case", "time", "problem", "question", "lot"}}
_PRONOUNS = {"PRON"}
_COPULAS = {"pt": {"é", "são", "foi", "foram", "era", "eram", "será", "serão"},
            "en": {"is", "are", "was", "were"}}


def subj_before(cop, head) -> bool:
    """The copula sits between a subject and its predicate head."""
    return cop.i < head.i and any(c.dep_.startswith("nsubj") and c.i < cop.i for c in head.children)
_MAX_DEFINITION_WORDS = 25


def _text(tokens) -> str:
    """The text of a run of tokens as the sentence writes it (their own spacing)."""
    tokens = list(tokens)
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def _subtree(tok) -> list:
    return list(tok.subtree)


def _strip_punct(tokens: list) -> list:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    return tokens


def _is_person(tokens: list, ctx: Context) -> bool:
    """True when the texts typed this name as a person (lexicon, titles, given names)."""
    text = _text(tokens)
    return text in ctx.person_key or text in ctx.pool.by_kind.get(sp.PERSON, ())


def _lower_first(text: str, tokens: list) -> str:
    # "A memória" → "a memória" in the middle of a question; a name keeps its capital.
    if tokens and tokens[0].pos_ != "PROPN" and tokens[0].i == 0 and text[:1].isupper() and not (
            len(tokens[0].text) > 1 and tokens[0].text.isupper()):
        return text[:1].lower() + text[1:]
    return text


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
            c.pos_ in ("AUX", "VERB") and c.lower_ in _COPULAS[lang] and subj_before(c, head))]
        subjs = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not cops or not subjs or head.pos_ not in ("NOUN", "PROPN"):
            continue
        cop, subj = cops[0], subjs[0]
        if not (subj.i < cop.i < head.i) or any(c.dep_ in ("aux", "advmod") and c.i < cop.i and c.lower_ in (
                "não", "not", "nunca", "never") for c in head.children):
            continue
        if any(c.dep_ == "aux" for c in head.children):
            continue  # "pode ser um …": a possibility, not what the thing is
        x_tokens = _strip_punct(_subtree(subj))
        if not x_tokens or subj.pos_ in _PRONOUNS or any(t.pos_ == "PRON" and t.dep_ == "nsubj" for t in x_tokens):
            continue
        if len(x_tokens) > 8 or any(t.pos_ in ("VERB", "AUX") for t in x_tokens):
            continue
        # The predicate: everything from the copula's right to the head's last word.
        y_tokens = _strip_punct([t for t in head.subtree if t.i > cop.i and t.dep_ not in ("parataxis",)])
        if not y_tokens or len(y_tokens) > _MAX_DEFINITION_WORDS:
            continue
        x = _lower_first(_text(x_tokens), x_tokens)
        y = _text(y_tokens)
        copw = cop.text.lower()
        det = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
        if head.pos_ == "NOUN" and det is not None and det.lower_ in _INDEFINITE[lang] \
                and head.lemma_.lower() not in _VAGUE[lang] and len(y_tokens) >= 2:
            prompt = words["what_is"].format(cop=copw, x=x)
            fact = _fact(f, f"define:{fold(x)}")
            out.append(Candidate(_q(f, ctx, "flashcard", prompt, y), fact, "definition", f, bonus=0.3))
            if len(y_tokens) >= 3:
                term = _text(_strip_punct([t for t in x_tokens if not (t.dep_ == "det" and t.i == x_tokens[0].i)]))
                reverse = words["name_of"].format(y=y[:1].lower() + y[1:] if lang == "en" else y)
                out.append(Candidate(_q(f, ctx, "short_answer", reverse, term, accept=[x] if x != term else None),
                                     _fact(f, f"term:{fold(term)}"), "definition", f, bonus=0.25))
        elif head.pos_ == "PROPN" and subj.pos_ == "NOUN" and det is None:
            # "O arquiteto responsável foi Francisco de Arruda": who (or which) held the role.
            person = _is_person(y_tokens, ctx) or \
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
        x_tokens = _strip_punct([t for t in tok.head.subtree if t.i < tok.left_edge.i])
        y_tokens = _strip_punct(_subtree(tok))
        if not x_tokens or len(x_tokens) > 8 or len(y_tokens) < 2 or len(y_tokens) > _MAX_DEFINITION_WORDS:
            continue
        x = _lower_first(_text(x_tokens), x_tokens)
        prompt = words["what_is"].format(cop="é" if lang == "pt" else "is", x=x)
        out.append(Candidate(_q(f, ctx, "flashcard", prompt, _text(y_tokens)), _fact(f, f"define:{fold(x)}"),
                             "definition", f, bonus=0.2))
    return out


def informativeness(docs: list) -> Counter:
    """How many sentences of the texts hold each content lemma (for choosing cloze blanks)."""
    df: Counter = Counter()
    for doc in docs:
        if doc is not None:
            df.update({t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")})
    return df


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
        # or one member of a list is a piece of a bigger phrase.
        if tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "obj", "obl", "nsubj:pass", "appos", "ROOT",
                                                   "iobj", "xcomp"):
            continue
        # The phrase: the noun with its adjectives and compounds, not its articles or clauses.
        parts = [tok] + [c for c in tok.children if c.dep_ in ("amod", "compound", "flat", "flat:name", "nummod")
                         and abs(c.i - tok.i) <= 2]
        parts.sort(key=lambda t: t.i)
        if parts[-1].i - parts[0].i + 1 != len(parts):
            continue  # not contiguous
        if any(t.is_stop or t.pos_ in ("PRON", "DET", "VERB") for t in parts):
            continue
        start, end = parts[0].idx, parts[-1].idx + len(parts[-1].text)
        if start == 0 or any(a < end and start < b for a, b in taken):
            continue
        if any(c.dep_ in ("nmod", "acl", "acl:relcl") and c.i > tok.i for c in tok.children):
            continue  # "a região estratégica de Kursk": the phrase goes on past the blank
        after = doc[parts[-1].i + 1] if parts[-1].i + 1 < len(doc) else None
        if after is not None and after.pos_ == "CCONJ":
            continue  # "altos líderes russos e norte-coreanos": the blank would cut the list
        if text[:start].count("“") > text[:start].count("”") or text[:start].count('"') % 2:
            continue  # someone's words are theirs to choose, not a term to recall
        # Informative: rare across the texts, longer than a short common word.
        info = sum(math.log(1 + n_docs / max(ctx.df.get(t.lemma_.lower(), 1), 1)) for t in parts)
        if len(tok.text) < 5 or info < 1.0:
            continue
        if len(parts) == 1 and (ctx.df.get(tok.lemma_.lower(), 0) > 1 or len(tok.text) < 8):
            continue  # one short or repeated noun ("projeto", "pessoas") is no key term
        answer = text[start:end]
        prompt = text[:start] + "{{" + answer + "}}" + text[end:]
        if len(prompt.split()) > 30:
            continue
        c = Candidate(_q(f, ctx, "cloze", prompt, answer), _fact(f, f"term:{fold(answer)}"), "term", f,
                      bonus=min(0.1 * info, 0.4) - 0.1)
        out.append(c)
    return out


_EN_DO = {("Past", True): "did", ("Past", False): "did", ("Pres", True): "does", ("Pres", False): "do"}
_MAX_WH_WORDS = 24


def _clause_parts(doc):
    """(verb, subject tokens, lead tokens) of a sentence's main clause with a subject before its verb."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > root.i or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    s_tokens = _strip_punct(_subtree(subj))
    if not s_tokens or s_tokens[-1].i - s_tokens[0].i + 1 != len(s_tokens) or len(s_tokens) > 10:
        return None
    if any(t.text in (",", "(", "—", "–") for t in s_tokens):
        return None  # "O presidente, Fulano, …": the apposition makes a moved subject unreadable
    lead = _strip_punct([t for t in doc if t.i < s_tokens[0].i])
    if lead and not (doc[s_tokens[0].i - 1].text == "," and all(t.head.i == root.i or t.head.i in {
            x.i for x in lead} for t in lead)):
        return None
    if any(t.lower_ in ("que", "which", "who", "that") for t in doc[s_tokens[-1].i + 1:root.i]):
        return None
    return root, subj, s_tokens, lead


def _span_kind(f: SentenceFacts, start: int, end: int) -> str | None:
    for s in f.spans:
        if s.start <= start and end <= s.end + 1 and s.kind in sp.ENTITY_KINDS:
            return s.kind
        if start <= s.start and s.end <= end and s.kind in sp.ENTITY_KINDS and (s.end - s.start) >= 0.6 * (end - start):
            return s.kind
    return None


def wh_parsed(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """Subject and object questions with the sentence's own verb: "O que armazena dados?",
    "O que a memória armazena?", "What did Gustave Eiffel's company design?"."""
    doc = f.doc
    if doc is None:
        return []
    parts = _clause_parts(doc)
    if parts is None:
        return []
    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    text = doc.text
    end_tokens = _strip_punct(list(doc))
    if not end_tokens:
        return []
    lead_text = _text(lead)
    lead_tail = f", {lead_text[:1].lower() + lead_text[1:]}" if lead and lead[0].pos_ != "PROPN" else (
        f", {lead_text}" if lead else "")
    out = []
    subj_text = _text(s_tokens)
    s_kind = _span_kind(f, s_tokens[0].idx, s_tokens[-1].idx + len(s_tokens[-1].text))
    plural = "Plur" in root.morph.get("Number") or "Plur" in subj.morph.get("Number")
    third = root.morph.get("Person") in (["3"], [])
    # Subject question: the verb keeps its tense; "Quem"/"Who" take a singular verb.
    # A verb whose number differs from its subject's is a misparse (or a coordination).
    if any(c.dep_ == "conj" for c in subj.children) or (
            root.morph.get("Number") and subj.morph.get("Number") and root.morph.get("Number") != subj.morph.get("Number")):
        return out
    # Named subjects (people, countries, organisations) are the rules' questions (clause.py).
    between = doc[s_tokens[-1].i + 1:root.i]
    titled = subj.lemma_.lower() in ctx.lex.titles or subj.lower_ in ctx.lex.titles
    if not plural and third and s_kind not in (sp.PERSON, sp.COUNTRY, sp.ORG) and not titled \
            and not any(t.is_punct or t.pos_ in ("ADV", "PROPN", "PRON") for t in between):
        who = s_kind in (sp.PERSON, sp.ORG) or subj_text in ctx.person_key or (
            subj.lemma_.lower() in ctx.lex.org_words or subj.lemma_.lower() in ctx.lex.titles)
        rest = text[doc[root.i].idx:end_tokens[-1].idx + len(end_tokens[-1].text)]
        word = _WH[lang]["who" if who else "what"]
        prompt = f"{word} {rest}{lead_tail}?"
        if 4 <= len(prompt.split()) <= _MAX_WH_WORDS and (who or s_tokens[-1].pos_ == "NOUN"):
            kind = sp.PERSON if who else "term"
            fact = _fact(f, f"{s_kind or 'term'}:{subj_text}") if s_kind else _fact(f, f"subj:{fold(subj_text)}")
            content = [t for t in s_tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")]
            answer = _lower_first(subj_text, s_tokens)
            # "a empresa" alone names something the reader must already know: worth less.
            out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), fact, kind, f,
                                 bonus=0.05 if len(content) >= 2 else -0.3))
    # Object question: what the verb acts on, the rest of the clause kept in place.
    obj = next((c for c in root.children if c.dep_ == "obj" and c.i > root.i and c.pos_ == "NOUN"), None)
    if obj is not None:
        o_tokens = _strip_punct(_subtree(obj))
        # A counted object ("seis testes") is asked with "Quantos", by the rules.
        if o_tokens and o_tokens[-1].i - o_tokens[0].i + 1 == len(o_tokens) and len(o_tokens) <= 10 \
                and not any(t.pos_ in ("VERB", "AUX", "NUM") for t in o_tokens):
            o_text = _text(o_tokens)
            o_kind = _span_kind(f, o_tokens[0].idx, o_tokens[-1].idx + len(o_tokens[-1].text))
            prompt = _moved(doc, root, s_tokens, subj_text, o_tokens, end_tokens, lead_tail, plural, lang,
                            "O que" if lang == "pt" else "What")
            if prompt and o_kind != sp.PERSON:
                out.append(Candidate(_q(f, ctx, "short_answer", prompt, o_text),
                                     _fact(f, f"obj:{fold(o_text)}"), "term", f))
    if lang == "en":
        # When / Where: a date or a place in a phrase of the main verb.
        for span in f.spans:
            if span.kind not in (sp.DATE, sp.PLACE, sp.COUNTRY) or span.relative:
                continue
            toks = [t for t in doc if span.start <= t.idx < span.end]
            if not toks:
                continue
            top = min(toks, key=lambda t: len(list(t.ancestors)))
            phrase = _strip_punct(_subtree(top))
            if top.head.i != root.i or top.dep_ not in ("obl", "obl:tmod", "nmod:tmod", "advmod", "obl:npmod"):
                continue
            case = [c for c in top.children if c.dep_ == "case"]
            if span.kind != sp.DATE and not any(c.lower_ in ("in", "at") for c in case):
                continue
            is_lead = bool(lead) and [t.i for t in phrase] == [t.i for t in lead]
            if (phrase[0].i < root.i and not is_lead) or phrase[-1].i - phrase[0].i + 1 != len(phrase):
                continue
            prompt = _moved(doc, root, s_tokens, subj_text, phrase, end_tokens, "" if is_lead else lead_tail,
                            plural, lang, "When" if span.kind == sp.DATE else "Where")
            if not prompt:
                continue
            answer = _text([t for t in phrase if t not in case]) if span.kind == sp.DATE else span.text
            out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer),
                                 _fact(f, f"{span.kind}:{span.key}"), span.kind, f))
    return out


def _moved(doc, root, s_tokens, subj_text, gone, end_tokens, lead_tail, plural, lang, word) -> str | None:
    """The clause asked with `word` in place of the tokens `gone` (after the verb): Portuguese keeps
    subject-verb order ("O que a memória armazena?"), English inverts with its auxiliary or with
    "do" in the verb's tense ("What did the company build?")."""
    gone_ids = {t.i for t in gone}
    after = [t for t in end_tokens if t.i > root.i and t.i not in gone_ids]
    auxes = [c for c in root.children if c.dep_ in ("aux", "aux:pass") and c.i < root.i]
    if any(c.dep_ in ("advmod",) and c.i < root.i and c.i > s_tokens[-1].i for c in root.children):
        return None  # "também", "already": where they go in the question is guesswork
    tail = _text(after) if after and after[-1].i - after[0].i + 1 == len(after) else None
    if after and tail is None:
        # The gone phrase sat in the middle: join the two sides with one space.
        left = [t for t in after if t.i < min(gone_ids)]
        right = [t for t in after if t.i > max(gone_ids)]
        tail = " ".join(x for x in (_text(left), _text(right)) if x)
    subj = subj_text[:1].lower() + subj_text[1:] if s_tokens[0].pos_ != "PROPN" and s_tokens[0].i == 0 \
        else subj_text
    if lang == "pt":
        if auxes:
            return None
        pieces = [word, subj, root.text, tail]
    else:
        tense = root.morph.get("Tense")
        if auxes:
            first, rest = auxes[0].text.lower(), " ".join(a.text for a in auxes[1:])
            verb = " ".join(p for p in (rest, root.text) if p)
        elif tense and root.tag_ not in ("VBG", "VBN"):
            first, verb = _EN_DO[(tense[0], not plural)], root.lemma_
        else:
            return None
        pieces = [word, first, subj, verb, tail]
    prompt = " ".join(p for p in pieces if p) + lead_tail + "?"
    prompt = re.sub(r"\s+([,;:])", r"\1", prompt).replace(" ?", "?")
    if not 4 <= len(prompt.split()) <= _MAX_WH_WORDS or prompt.count(",") > 2:
        return None
    return prompt


BUILDERS = (definitions, noun_phrases, wh_parsed)
