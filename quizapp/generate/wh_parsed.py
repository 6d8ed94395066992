"""Wh-questions read off a clause's parse, with the sentence's own verb (tense and agreement kept):
subject and object ("O que armazena dados?"), place ("Onde …?"), agent of a passive ("Por quem …?")
and counts ("Quantos …?")."""
from __future__ import annotations

import re

from . import spans as sp
from .distractors import fold
from .facts import SentenceFacts
from .questions import Candidate, Context, _fact, _q
from .tree import clauses, lower_first, sentence_offset, span_kind, strip_punct, subtree, text_of

_EN_DO = {("Past", True): "did", ("Past", False): "did", ("Pres", True): "does", ("Pres", False): "do"}
_MAX_WH_WORDS = 24
_WHO_WHAT = {"pt": {True: "Quem", False: "O que"}, "en": {True: "Who", False: "What"}}
# Common nouns for bodies of people, asked with "Quem"/"Who".
_INSTITUTIONS = set("""câmara governo conselho tribunal parlamento ministério comissão assembleia empresa
    polícia exército direção escola universidade council government court parliament ministry committee
    assembly company police army board school university""".split())



def wh_parsed(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """Subject and object questions with the sentence's own verb: "O que armazena dados?",
    "O que a memória armazena?", "What did Gustave Eiffel's company design?"."""
    return [c for d, parts in clauses(f.doc) for c in _wh_parsed_clause(f, ctx, d, parts)]


def _wh_parsed_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    end_tokens = strip_punct(list(doc))
    if not end_tokens:
        return []
    lead_text = text_of(lead)
    lead_tail = f", {lead_text[:1].lower() + lead_text[1:]}" if lead and lead[0].pos_ != "PROPN" else (
        f", {lead_text}" if lead else "")
    out = []
    subj_text = text_of(s_tokens)
    s_kind = span_kind(f, sentence_offset(s_tokens[0]), sentence_offset(s_tokens[-1]) + len(s_tokens[-1].text))
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
        rest = text_of(rest_tokens) if contiguous else ""
        word = _WHO_WHAT[lang][who]
        prompt = f"{word} {rest}{lead_tail}?"
        if rest and 4 <= len(prompt.split()) <= _MAX_WH_WORDS and (who or s_tokens[-1].pos_ == "NOUN"):
            kind = sp.PERSON if who else "term"
            fact = _fact(f, f"{s_kind or 'term'}:{subj_text}") if s_kind else _fact(f, f"subj:{fold(subj_text)}")
            content = [t for t in s_tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")]
            answer = lower_first(subj_text, s_tokens)
            # "a empresa" alone names something the reader must already know: worth less.
            out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), fact, kind, f,
                                 bonus=0.05 if len(content) >= 2 else -0.3))
    # Object question: what the verb acts on, the rest of the clause kept in place.
    obj = next((c for c in root.children if c.dep_ == "obj" and c.i > root.i and c.pos_ == "NOUN"), None)
    if obj is not None:
        o_tokens = strip_punct(subtree(obj))
        # A counted object ("seis testes") is asked with "Quantos", by the rules.
        if o_tokens and o_tokens[-1].i - o_tokens[0].i + 1 == len(o_tokens) and len(o_tokens) <= 10 \
                and not any(t.pos_ in ("VERB", "AUX", "NUM") for t in o_tokens):
            o_text = text_of(o_tokens)
            # "o plano de contingência em dezembro": a date inside is a misattached phrase.
            dated = any(x.kind in (sp.DATE, sp.NUMBER) and sentence_offset(o_tokens[0]) <= x.start < sentence_offset(o_tokens[-1]) + len(
                o_tokens[-1].text) for x in f.spans)
            o_kind = span_kind(f, sentence_offset(o_tokens[0]), sentence_offset(o_tokens[-1]) + len(o_tokens[-1].text))
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
            toks = [t for t in doc if span.start <= sentence_offset(t) < span.end]
            if not toks:
                continue
            top = min(toks, key=lambda t: len(list(t.ancestors)))
            phrase = strip_punct(subtree(top))
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
            answer = text_of([t for t in phrase if t not in case]) if span.kind == sp.DATE else span.text
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
    tail = text_of(after) if after and after[-1].i - after[0].i + 1 == len(after) else None
    if after and tail is None:
        # The gone phrase sat in the middle: join the two sides with one space.
        left = [t for t in after if t.i < min(gone_ids)]
        right = [t for t in after if t.i > max(gone_ids)]
        tail = " ".join(x for x in (text_of(left), text_of(right)) if x)
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
    return [c for d, parts in clauses(f.doc) for c in _where_parsed_clause(f, ctx, d, parts)]


def _where_parsed_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    if any(c.dep_ == "obj" for c in root.children):
        return []  # "a planta absorve água nas folhas": the question would be about the verb's object too
    if root.lemma_.lower() not in _WHERE_VERBS[lang]:
        return []  # "mede-se em hertz", "in groups": "em"/"in" is not always a place
    plural = "Plur" in root.morph.get("Number") or "Plur" in subj.morph.get("Number")
    end_tokens = strip_punct(list(doc))
    out = []
    for obl in root.children:
        if obl.dep_ != "obl" or obl.i < root.i or obl.pos_ != "NOUN" or obl.lemma_.lower() in _TIME_NOUNS[lang]:
            continue
        case = [c for c in obl.children if c.dep_ == "case"]
        if len(case) != 1 or _case_word(case[0]) not in _LOCATIVE[lang]:
            continue
        phrase = strip_punct([t for t in obl.subtree if not (t.dep_ in ("appos", "acl:relcl", "acl") or any(
            a.dep_ in ("appos", "acl:relcl", "acl") and a.head.i == obl.i for a in t.ancestors if a.i != obl.i))])
        if not phrase or phrase[-1].i - phrase[0].i + 1 != len(phrase) or len(phrase) > 8:
            continue
        answer_tokens = [t for t in phrase if t.i != case[0].i]
        if not answer_tokens:
            continue
        gone = list(obl.subtree)
        prompt = _moved(doc, root, s_tokens, text_of(s_tokens), gone, end_tokens, _lead_tail(lead), plural, lang,
                        "Onde" if lang == "pt" else "Where")
        if not prompt:
            continue
        while answer_tokens and answer_tokens[0].pos_ == "DET":
            answer_tokens = answer_tokens[1:]  # "nos cloroplastos" → "cloroplastos"
        if not answer_tokens:
            continue
        answer = text_of(answer_tokens)
        out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer), _fact(f, f"where:{fold(answer)}"),
                             sp.PLACE, f, bonus=-0.05))
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
    s_tokens = strip_punct(subtree(subj))
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
    answer = text_of(name_tokens)
    # The rest of the clause after the agent, kept as the sentence has it.
    rest = [t for t in strip_punct(list(doc)) if t.i > max(x.i for x in agent.subtree)]
    if rest and (rest[0].pos_ in ("CCONJ", "PUNCT") or any(t.is_punct for t in rest)):
        rest = []
    subj_text = lower_first(text_of(s_tokens), s_tokens)
    verb = " ".join(a.text for a in aux) + " " + root.text
    tail = (" " + text_of(rest)) if rest else ""
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
    text = text_of(lead)
    return f", {text[:1].lower() + text[1:]}" if lead[0].pos_ != "PROPN" else f", {text}"


def how_many(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """A count with what it counts, asked from the subject or the object of the clause:
    "Quantos soldados a Coreia do Norte enviou?", "How many workers assembled the parts?"."""
    return [c for d, parts in clauses(f.doc, allow_numbers=True) for c in _how_many_clause(f, ctx, d, parts)]


def _how_many_clause(f: SentenceFacts, ctx: Context, doc, parts) -> list[Candidate]:
    from .questions import _wh_candidates

    root, subj, s_tokens, lead = parts
    lang = ctx.lex.lang
    end_tokens = strip_punct(list(doc))
    numbers = {s.start: s for s in f.spans if s.kind == sp.NUMBER and s.value is not None and s.unit not in sp.CLOZE_ONLY}
    out = []
    for noun in (subj, *[c for c in root.children if c.dep_ == "obj" and c.i > root.i]):
        if noun.pos_ != "NOUN":
            continue
        num = next((c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i), None)
        if num is None:
            continue
        first = num.left_edge
        span = numbers.get(sentence_offset(first)) or numbers.get(sentence_offset(num))
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
        what = f"{word} {text_of(counted)}"
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
            prompt = f"{what} {text_of(rest_tokens)}?"
        else:
            plural = "Plur" in root.morph.get("Number") or "Plur" in subj.morph.get("Number")
            prompt = _moved(doc, root, s_tokens, text_of(s_tokens), list(noun.subtree), end_tokens, _lead_tail(lead),
                            plural, lang, what)
        if not prompt or len(prompt.split()) > _MAX_WH_WORDS:
            continue
        out.extend(_wh_candidates(f, ctx, span, prompt, sp.NUMBER, bonus=0.05))
    return out
