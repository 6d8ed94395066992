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


_RELATIVE = {"que", "onde", "cujo", "cuja", "cujos", "cujas", "qual", "quais", "that", "which", "where", "whose"}


def _relative_follows(head) -> bool:
    """ "o processo pelo qual …", "the process by which …": the noun is defined by a clause."""
    doc = head.doc
    nxt = [t.lower_ for t in doc[head.i + 1:head.i + 4]]
    return bool(nxt) and (nxt[0] in _RELATIVE or any(w in ("qual", "quais", "which") for w in nxt[1:3]))


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
        if not y_tokens or len(y_tokens) > _MAX_DEFINITION_WORDS or y_tokens[-1].i - y_tokens[0].i + 1 != len(y_tokens):
            continue
        if y_tokens[-1].i + 1 < len(doc) and not doc[y_tokens[-1].i + 1].is_punct:
            continue  # the parse left the end of the predicate elsewhere: a cut definition misleads
        x = _lower_first(_text(x_tokens), x_tokens)
        y = _text(y_tokens)
        copw = cop.text.lower()
        det = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
        defining = det is not None and (det.lower_ in _INDEFINITE[lang] or any(
            c.dep_ in ("acl:relcl", "acl") for c in head.children) or _relative_follows(head))
        if head.pos_ == "NOUN" and defining \
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
            # "O arquiteto responsável foi Francisco de Arruda": who (or which) held the role;
            # the name alone, not the clause after its comma ("…, que começou a obra").
            comma = next((k for k, t in enumerate(y_tokens) if t.text in (",", "(", ";", "—")), None)
            if comma is not None:
                y_tokens = _strip_punct(y_tokens[:comma])
                y = _text(y_tokens)
            if not y_tokens or len(y_tokens) > 6:
                continue
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
        y = _text(y_tokens)
        prompt = words["what_is"].format(cop="é" if lang == "pt" else "is", x=x)
        out.append(Candidate(_q(f, ctx, "flashcard", prompt, y), _fact(f, f"define:{fold(x)}"),
                             "definition", f, bonus=0.2))
        if len(y_tokens) >= 3 and not any(t.pos_ == "PRON" and t.dep_ != "nsubj" and t.lower_ not in _RELATIVE
                                          for t in y_tokens):
            # The other way round, as for a copular definition: from "um açúcar que a planta usa
            # como fonte de energia" back to "a glicose".
            term = _text(_strip_punct([t for t in x_tokens if not (t.dep_ == "det" and t.i == x_tokens[0].i)]))
            reverse = words["name_of"].format(y=y[:1].lower() + y[1:] if lang == "en" else y)
            out.append(Candidate(_q(f, ctx, "short_answer", reverse, term, accept=[x] if x != term else None),
                                 _fact(f, f"term:{fold(term)}"), "definition", f, bonus=0.2))
    return out


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
        if name and (len(_text(parts)) < 3 or ctx.df.get(tok.lemma_.lower(), 0) > 2):
            continue  # the text's topic, named in every other sentence, is guessed, not recalled
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
# Common nouns for bodies of people, asked with "Quem"/"Who".
_INSTITUTIONS = set("""câmara governo conselho tribunal parlamento ministério comissão assembleia empresa
    polícia exército direção escola universidade council government court parliament ministry committee
    assembly company police army board school university""".split())


def _clause_parts(doc, allow_numbers: bool = False):
    """(verb, subject, subject tokens, lead tokens) of a main clause with its subject before its verb."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > root.i or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    s_tokens = _strip_punct(_subtree(subj))
    if not s_tokens or s_tokens[-1].i - s_tokens[0].i + 1 != len(s_tokens) or len(s_tokens) > 10:
        return None
    if not allow_numbers and any(t.pos_ == "NUM" for t in s_tokens):
        return None  # a counted subject is asked with "Quantos"/"How many" (how_many)
    if any(t.text in (",", "(", "—", "–") for t in s_tokens):
        return None  # "O presidente, Fulano, …": the apposition makes a moved subject unreadable
    lead = _strip_punct([t for t in doc if t.i < s_tokens[0].i])
    if lead and not (doc[s_tokens[0].i - 1].text == "," and all(t.head.i == root.i or t.head.i in {
            x.i for x in lead} for t in lead)):
        return None
    if any(t.lower_ in ("que", "which", "who", "that") for t in doc[s_tokens[-1].i + 1:root.i]):
        return None
    return root, subj, s_tokens, lead


def _clause_docs(doc):
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


def _clauses(doc, allow_numbers: bool = False):
    """(clause, its parts) for each clause of :func:`_clause_docs` that has a subject and a main verb."""
    for clause in _clause_docs(doc):
        parts = _clause_parts(clause, allow_numbers=allow_numbers)
        if parts is not None:
            yield clause, parts


def _pos(tok) -> int:
    """A token's offset in the sentence, also for a clause read as a document of its own."""
    return tok.idx + tok.doc.user_data.get("offset", 0)


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
    return [c for d, parts in _clauses(f.doc) for c in _wh_parsed_clause(f, ctx, d, parts)]


def _wh_parsed_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
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
    s_kind = _span_kind(f, _pos(s_tokens[0]), _pos(s_tokens[-1]) + len(s_tokens[-1].text))
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
            subj.lemma_.lower() in _INSTITUTIONS or subj.lemma_.lower() in ctx.lex.titles)
        conj_ids = {t.i for c in root.children if c.dep_ == "conj" for t in c.subtree}
        rest_tokens = [t for t in end_tokens if t.i >= root.i and t.i not in conj_ids]
        while rest_tokens and (rest_tokens[-1].is_punct or rest_tokens[-1].pos_ == "CCONJ"):
            rest_tokens.pop()
        contiguous = bool(rest_tokens) and rest_tokens[-1].i - rest_tokens[0].i + 1 == len(rest_tokens)
        rest = _text(rest_tokens) if contiguous else ""
        word = _WH[lang]["who" if who else "what"]
        prompt = f"{word} {rest}{lead_tail}?"
        if rest and 4 <= len(prompt.split()) <= _MAX_WH_WORDS and (who or s_tokens[-1].pos_ == "NOUN"):
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
            # "o plano de contingência em dezembro": a date inside is a misattached phrase.
            dated = any(x.kind in (sp.DATE, sp.NUMBER) and _pos(o_tokens[0]) <= x.start < _pos(o_tokens[-1]) + len(
                o_tokens[-1].text) for x in f.spans)
            o_kind = _span_kind(f, _pos(o_tokens[0]), _pos(o_tokens[-1]) + len(o_tokens[-1].text))
            prompt = _moved(doc, root, s_tokens, subj_text, o_tokens, end_tokens, lead_tail, plural, lang,
                            "O que" if lang == "pt" else "What")
            if prompt and o_kind != sp.PERSON and not dated:
                out.append(Candidate(_q(f, ctx, "short_answer", prompt, o_text),
                                     _fact(f, f"obj:{fold(o_text)}"), "term", f))
    if lang == "en":
        # When / Where: a date or a place in a phrase of the main verb.
        for span in f.spans:
            if span.kind not in (sp.DATE, sp.PLACE, sp.COUNTRY) or span.relative:
                continue
            toks = [t for t in doc if span.start <= _pos(t) < span.end]
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
    # "ocorre no estroma e fixa o carbono": a second verb is another fact.
    for c in root.children:
        if c.dep_ == "conj" and c.i > root.i:
            gone_ids |= {t.i for t in doc[c.left_edge.i - 1 if c.left_edge.i > 0 and doc[c.left_edge.i - 1].pos_ == "CCONJ" else c.left_edge.i:c.right_edge.i + 1]}
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
    if tail and tail.lstrip()[:1] in (",", ";", ":"):
        return None  # what follows the gone phrase was part of it ("two years, two months and five days")
    subj = subj_text[:1].lower() + subj_text[1:] if s_tokens[0].pos_ != "PROPN" and s_tokens[0].i == 0 \
        else subj_text
    if tail and any(p in tail for p in (";", ":", "(", ")")):
        return None
    verb = root.text
    nxt = doc[root.i + 1] if root.i + 1 < len(doc) else None
    if nxt is not None and nxt.text.startswith("-") and not root.whitespace_:
        verb += nxt.text  # "mede" + "-se"
        tail = tail.replace(nxt.text, "", 1).strip() if tail and tail.startswith(nxt.text) else tail
    if lang == "pt":
        if auxes:
            return None
        pieces = [word, subj, verb, tail]
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



_TIME_NOUNS = {"pt": {"ano", "anos", "século", "mês", "dia", "semana", "época", "altura", "momento", "vez", "fase",
                      "período", "hora", "minuto", "década", "início", "final", "fim", "meados", "caso", "geral"},
               "en": {"year", "century", "month", "day", "week", "time", "moment", "period", "hour", "minute",
                      "decade", "case", "general", "fact", "addition", "order", "way", "end", "beginning"}}
_LOCATIVE = {"pt": {"em"}, "en": {"in", "at", "inside"}}
# Verbs whose "em"/"in" phrase says where something is or happens.
_WHERE_VERBS = {
    "pt": set("""acontecer ocorrer ficar situar localizar encontrar viver morar nascer morrer realizar decorrer
        estar habitar crescer guardar armazenar produzir formar trabalhar estudar instalar nascer concentrar
        existir surgir residir reunir decorrer desenvolver""".split()),
    "en": set("""happen occur take live stay lie sit stand be locate find grow store keep produce form work study
        die bear meet gather exist arise reside settle""".split()),
}


def _case_word(tok) -> str:
    # "n" of "nos" carries the word "em" as its norm (quizapp.nlp.conllu).
    return (tok.norm_ or tok.lower_).lower()


def where_parsed(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """ "O processo acontece nos cloroplastos." → "Onde o processo acontece?" (a place that is a
    thing, not a named place: those are the rules')."""
    return [c for d, parts in _clauses(f.doc) for c in _where_parsed_clause(f, ctx, d, parts)]


def _where_parsed_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    if any(c.dep_ == "obj" for c in root.children):
        return []  # "a planta absorve água nas folhas": the question would be about the verb's object too
    if root.lemma_.lower() not in _WHERE_VERBS[lang]:
        return []  # "mede-se em hertz", "in groups": "em"/"in" is not always a place
    plural = "Plur" in root.morph.get("Number") or "Plur" in subj.morph.get("Number")
    end_tokens = _strip_punct(list(doc))
    out = []
    for obl in root.children:
        if obl.dep_ != "obl" or obl.i < root.i or obl.pos_ != "NOUN" or obl.lemma_.lower() in _TIME_NOUNS[lang]:
            continue
        case = [c for c in obl.children if c.dep_ == "case"]
        if len(case) != 1 or _case_word(case[0]) not in _LOCATIVE[lang]:
            continue
        phrase = _strip_punct([t for t in obl.subtree if not (t.dep_ in ("appos", "acl:relcl", "acl") or any(
            a.dep_ in ("appos", "acl:relcl", "acl") and a.head.i == obl.i for a in t.ancestors if a.i != obl.i))])
        if not phrase or phrase[-1].i - phrase[0].i + 1 != len(phrase) or len(phrase) > 8:
            continue
        answer_tokens = [t for t in phrase if t.i != case[0].i]
        if not answer_tokens:
            continue
        gone = list(obl.subtree)
        prompt = _moved(doc, root, s_tokens, _text(s_tokens), gone, end_tokens, _lead_tail(lead), plural, lang,
                        "Onde" if lang == "pt" else "Where")
        if not prompt:
            continue
        while answer_tokens and answer_tokens[0].pos_ == "DET":
            answer_tokens = answer_tokens[1:]  # "nos cloroplastos" → "cloroplastos"
        if not answer_tokens:
            continue
        answer = _text(answer_tokens)
        out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), _fact(f, f"where:{fold(answer)}"),
                             sp.PLACE, f, bonus=-0.05))
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
        thing_text = _lower_first(_text(thing), thing)
        if thing[0].pos_ != "DET":
            thing_text = ("o " if lang == "pt" else "the ") + thing_text if lang == "en" or noun.morph.get(
                "Gender") != ["Fem"] else "a " + thing_text
        if lang == "pt":
            prompt = f"Que outro nome tem {thing_text}?" if also else f"Como se chama {thing_text}?"
        else:
            prompt = f"What else is {thing_text} called?" if also else f"What is {thing_text} called?"
        answer = _text(name)
        out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), _fact(f, f"term:{fold(answer)}"),
                             "definition", f, bonus=0.15))
    return out


def by_whom(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """ "O ciclo foi descrito pelo químico Melvin Calvin" → "Por quem foi descrito o ciclo?"."""
    doc = f.doc
    if doc is None:
        return []
    lang = ctx.lex.lang
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return []
    aux = [c for c in root.children if c.dep_ == "aux:pass" and c.i < root.i]
    subj = next((c for c in root.children if c.dep_ == "nsubj:pass" and c.i < root.i), None)
    agent = next((c for c in root.children if c.dep_ in ("obl:agent", "obl") and c.i > root.i and any(
        _case_word(k) in ("por", "by") for k in c.children if k.dep_ == "case")), None)
    if not aux or subj is None or agent is None or len(aux) > 2:
        return []
    s_tokens = _strip_punct(_subtree(subj))
    if not s_tokens or s_tokens[0].i != 0 or any(t.is_punct for t in s_tokens) or len(s_tokens) > 8:
        return []
    between = doc[s_tokens[-1].i + 1:aux[0].i]
    if len(between):
        return []
    name = next((c for c in agent.children if c.dep_ in ("appos", "flat:name") and c.pos_ == "PROPN"), None)
    if agent.pos_ == "PROPN":
        name = agent
    if name is None:
        return []
    name_tokens = [t for t in name.subtree if t.dep_ in ("flat:name", "flat") or t.i == name.i]
    name_tokens = [t for t in name_tokens if name.i <= t.i <= name.i + 4]
    name_tokens = sorted(name_tokens, key=lambda t: t.i)
    if not name_tokens or name_tokens[-1].i - name_tokens[0].i + 1 != len(name_tokens):
        return []
    answer = _text(name_tokens)
    # The rest of the clause after the agent, kept as the sentence has it.
    rest = [t for t in _strip_punct(list(doc)) if t.i > max(x.i for x in agent.subtree)]
    if rest and (rest[0].pos_ in ("CCONJ", "PUNCT") or any(t.is_punct for t in rest)):
        rest = []
    subj_text = _lower_first(_text(s_tokens), s_tokens)
    verb = " ".join(a.text for a in aux) + " " + root.text
    tail = (" " + _text(rest)) if rest else ""
    if lang == "pt":
        prompt = f"Por quem {verb} {subj_text}{tail}?"
    else:
        first, more = aux[0].text, " ".join(a.text for a in aux[1:])
        prompt = f"By whom {first} {subj_text} {(more + ' ') if more else ''}{root.text}{tail}?"
    if len(prompt.split()) > _MAX_WH_WORDS:
        return []
    return [Candidate(_q(f, ctx, "short_answer", prompt, answer), _fact(f, f"person:{answer}"), sp.PERSON, f,
                      bonus=0.1)]


def _lead_tail(lead) -> str:
    if not lead:
        return ""
    text = _text(lead)
    return f", {text[:1].lower() + text[1:]}" if lead[0].pos_ != "PROPN" else f", {text}"


BUILDERS = (definitions, noun_phrases, wh_parsed, where_parsed, called, by_whom)


def how_many(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """A count with what it counts, asked from the subject or the object of the clause:
    "Quantos soldados a Coreia do Norte enviou?", "How many workers assembled the parts?"."""
    return [c for d, parts in _clauses(f.doc, allow_numbers=True) for c in _how_many_clause(f, ctx, d, parts)]


def _how_many_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
    from .questions import _wh_candidates

    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    end_tokens = _strip_punct(list(doc))
    numbers = {s.start: s for s in f.spans if s.kind == sp.NUMBER and s.value is not None and s.unit not in sp.CLOZE_ONLY}
    out = []
    for noun in (subj, *[c for c in root.children if c.dep_ == "obj" and c.i > root.i]):
        if noun.pos_ != "NOUN":
            continue
        num = next((c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i), None)
        if num is None:
            continue
        first = num.left_edge
        span = numbers.get(_pos(first)) or numbers.get(_pos(num))
        if span is None:
            continue
        # The counted phrase: the noun with its adjectives after the number ("testes nucleares").
        counted = [t for t in noun.subtree if t.i > num.i and (t.i == noun.i or (t.dep_ == "amod" and t.head.i == noun.i))]
        counted = sorted(counted, key=lambda t: t.i)
        if not counted or counted[-1].i - counted[0].i + 1 != len(counted):
            continue
        if lang == "pt":
            word = "Quantas" if noun.morph.get("Gender") == ["Fem"] else "Quantos"
        else:
            word = "How many" if "Plur" in noun.morph.get("Number") or span.value != 1 else "How much"
        what = f"{word} {_text(counted)}"
        if noun.i == subj.i:
            if lead:
                continue
            rest_tokens = [t for t in end_tokens if t.i >= root.i]
            conj_ids = {t.i for c in root.children if c.dep_ == "conj" for t in c.subtree}
            rest_tokens = [t for t in rest_tokens if t.i not in conj_ids]
            while rest_tokens and (rest_tokens[-1].is_punct or rest_tokens[-1].pos_ == "CCONJ"):
                rest_tokens.pop()
            if not rest_tokens or rest_tokens[-1].i - rest_tokens[0].i + 1 != len(rest_tokens):
                continue
            tail = [t for t in s_tokens if t.i > counted[-1].i]
            if tail:
                continue  # "300 workers of the company assembled": the rest of the subject would dangle
            prompt = f"{what} {_text(rest_tokens)}?"
        else:
            plural = "Plur" in root.morph.get("Number") or "Plur" in subj.morph.get("Number")
            prompt = _moved(doc, root, s_tokens, _text(s_tokens), list(noun.subtree), end_tokens, _lead_tail(lead),
                            plural, lang, what)
        if not prompt or len(prompt.split()) > _MAX_WH_WORDS:
            continue
        out.extend(_wh_candidates(f, ctx, span, prompt, sp.NUMBER, bonus=0.05))
    return out


BUILDERS = BUILDERS + (how_many,)
