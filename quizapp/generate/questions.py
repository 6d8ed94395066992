"""Stage 4: candidate questions of every type from the facts of each sentence.

Each builder over-generates; stage 5 (rank.py) scores and keeps the best per
fact.  A candidate carries the fact it asks about so duplicates can be found.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from . import clause as cl, distractors as dz, lexicon, spans as sp
from .facts import SentenceFacts

# The question word (a key of the lexicon's words) that asks for each kind of subject.
_SUBJECT_WH = {sp.PERSON: "who", sp.COUNTRY: "which_country", sp.ORG: "which_org"}


@dataclass
class Candidate:
    """One possible question, with the fact it asks about and what its score rests on."""

    q: dict
    fact: str
    answer_kind: str
    sentence: SentenceFacts
    score: float = 0.0
    notes: list[str] = field(default_factory=list)
    words: frozenset[str] | None = None
    bonus: float = 0.0
    # The answer as the sentence prints it ("10 mil" for the numeric 10000).
    shown: str = ""
    requeued: bool = False


@dataclass
class Context:
    """What builders share: language, the names seen, the distractor pool, the original quotes."""

    lex: lexicon.Lexicon
    pool: dz.Pool
    names: set[str]
    quote_of: dict[tuple[str, int], str]
    # One key per person across spellings ("Sergei Lavrov" → "Sergey Lavrov").
    person_key: dict[str, str] = field(default_factory=dict)
    # Sentences holding each content lemma, and how many sentences there are (parsed.py).
    df: Counter | None = None
    n_sentences: int = 0


def _source(f: SentenceFacts, ctx: Context) -> dict:
    s = f.sentence
    return {"doc": s.doc, "sentence": s.index, "quote": ctx.quote_of[(s.doc, s.index)]}


def _q(f: SentenceFacts, ctx: Context, qtype: str, prompt: str, answer, **extra) -> dict:
    q = {"type": qtype, "prompt": prompt, "answer": answer}
    q.update({k: v for k, v in extra.items() if v is not None})
    q["explanation"] = ctx.quote_of[(f.sentence.doc, f.sentence.index)]
    q["source"] = _source(f, ctx)
    return q


def _fact(f: SentenceFacts, what: str) -> str:
    return f"{f.sentence.doc}:{f.sentence.index}:{what}"


_YEAR = re.compile(r"(?:(?:em|no ano de|desde|in|since) )?((?:1[89]|20)\d\d)", re.IGNORECASE)


_TIME_UNITS = frozenset("""ano anos mes meses semana semanas dia dias hora horas minuto minutos segundo segundos
    seculo seculos decada decadas year years month months week weeks day days hour hours minute minutes second
    seconds century centuries decade decades""".split())


def span_fact(f: SentenceFacts, s: sp.Span) -> str:
    """The fact a question on span `s` asks; a count with its noun is one fact in every sentence."""
    # A count with its noun ("600 soldados") is one fact wherever the texts repeat it.
    # A span of time ("dois anos", "cinco meses") is what one sentence says lasted; two sentences
    # with "dois anos" tell two facts.
    if s.kind == sp.NUMBER and s.unit and s.unit not in ("%", *sp.CLOZE_ONLY) and s.value is not None \
            and dz.fold(s.unit) not in _TIME_UNITS:
        return f"count:{s.value:g}:{dz.fold(s.unit)}"
    return _fact(f, f"{s.kind}:{s.key}")


def _choices(answer: str, wrong: list[str], salt: str) -> list[str] | None:
    if len(wrong) < 3:
        return None
    return dz.stable_order([answer, *wrong[:3]], salt)


def appositive(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """"Quem é o presidente russo?" (name) and its flashcard (name ↔ description)."""
    out = []
    lex = ctx.lex
    for r in f.relations:
        desc = f"{r.article} {r.description}".strip() if lex.lang == "pt" else f"the {r.description}"
        name = r.subject.text
        if len(r.description.split()) < 2:
            continue  # "o médio": a bare title is too vague to ask about
        if r.kind == "appositive":
            prompt = f"Quem é {desc}?" if lex.lang == "pt" else f"Who is {desc}?"
            # One fact per person and title, across documents, spellings and both directions.
            fact = f"person-title:{dz.fold(ctx.person_key.get(r.subject.key, r.subject.key))}"
            out.append(Candidate(_q(f, ctx, "short_answer", prompt, name,
                                    accept=[r.subject.key] if r.subject.key != name else None),
                                 fact, sp.PERSON, f))
            wrong = ctx.pool.entities(r.subject.key, sp.PERSON, [])
            if len(name.split()) == 1:
                wrong = [ctx.pool.short_form(w) for w in wrong]
            ch = _choices(name, wrong, prompt)
            if ch:
                out.append(Candidate(_q(f, ctx, "multiple_choice", prompt, name, choices=ch),
                                     fact, sp.PERSON, f))
            front = f"Quem é {r.subject.key}?" if lex.lang == "pt" else f"Who is {r.subject.key}?"
            # The other side of the card: from the name to what the person is.  Its own
            # fact (one per person), so a set may hold both directions of a title.
            back = f"person-desc:{dz.fold(ctx.person_key.get(r.subject.key, r.subject.key))}"
            out.append(Candidate(_q(f, ctx, "flashcard", front, r.description),
                                 back, "definition", f, bonus=-0.25))
        else:
            word = "O que é" if lex.lang == "pt" else "What is"
            # The name's own article ("a Assembleia", "da Duma"), not its description's.
            own = re.search(r"(?:^|\s)([OoAa]s?|d[oa]s?|n[oa]s?|pel[oa]s?)\s$", f.sentence.text[:r.subject.start])
            art = f"{own.group(1).lower()[-1:] if not own.group(1).lower().endswith('s') else own.group(1).lower()[-2:]} " \
                if own and lex.lang == "pt" else ""
            if not own and lex.lang == "pt" and r.subject.start > 0 and f.sentence.text[
                    :r.subject.start].rstrip().endswith(r.description):
                art = f"{r.article} "  # "a agência … Sputnik": the name takes its kind's article
            if lex.lang == "en":
                art = "the "
            prompt = f"{word} {art}{name}?"
            out.append(Candidate(_q(f, ctx, "flashcard", prompt, r.description),
                                 _fact(f, f"define:{name}"), "definition", f))
            # The other way round: from the description to the name it defines.
            ask = "Como se chama" if lex.lang == "pt" else "What is the name of"
            the = f"{r.article} " if lex.lang == "pt" else "the "
            prompt = f"{ask} {the}{r.description}?"
            # "a agência de notícias russa" names a kind with many members: asked with choices
            # of other named things, it has one right answer; typed, it would have several.
            before = f.sentence.text[:r.subject.start].rstrip().endswith(r.description)
            ch = _choices(name, ctx.pool.entities(r.subject.key, r.subject.kind,
                                                  [n for n in ctx.names if n in prompt]), prompt)
            if ch:
                out.append(Candidate(_q(f, ctx, "multiple_choice", prompt, name, choices=ch),
                                     _fact(f, f"name:{name}"), r.subject.kind, f, bonus=-0.1))
            if not before:
                out.append(Candidate(_q(f, ctx, "short_answer", prompt, name),
                                     _fact(f, f"name:{name}"), r.subject.kind, f, bonus=-0.1))
    return out


def wh(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """Quem/Quando/Onde/Quantos questions by moving one span of a subject–verb sentence."""
    lex = ctx.lex
    text = f.sentence.text
    c = cl.analyse(text, lex.lang)
    if c is None:
        return []
    out = []
    for s in f.spans:
        prompt, kind = None, s.kind
        if s.kind in _SUBJECT_WH and c.subj_start <= s.start < c.verb_start:
            prompt = cl.wh_subject(text, c, s, lex, lex.words[_SUBJECT_WH[s.kind]])
        elif lex.lang == "en":
            # English moves the verb into "did … do" for these; not built yet, so
            # only subject questions, which keep the statement's word order.
            continue
        elif s.kind == sp.DATE and re.match(r"(?:até|a partir de|until|by)\s", s.text, re.IGNORECASE):
            continue  # "anunciou um investimento … até 2027": a deadline, not when it happened
        elif s.kind == sp.DATE and not s.relative:
            since = re.match(r"(desde|since)\s", s.text, flags=re.IGNORECASE)
            word = ("Desde quando" if lex.lang == "pt" else "Since when") if since else \
                lex.words["when"]
            if not since and lex.lang == "pt" and _YEAR.fullmatch(s.text):
                word = "Em que ano"  # a bare year: the question says what kind of answer it wants
            prompt = cl.wh_adjunct(text, c, s, f.spans, lex, word, ctx.names)
            alt = _without_places(text, f.spans, s, lex)
            if prompt and alt:
                # "Quando … se reuniram com Xi Jinping?" without "em Pequim": asks the date
                # and leaves the place to its own question.
                t2, spans2, s2 = alt
                c2 = cl.analyse(t2, lex.lang)
                p2 = c2 and cl.wh_adjunct(t2, c2, s2, spans2, lex, word, ctx.names)
                if p2 and p2 != prompt:
                    out.extend(_wh_candidates(f, ctx, s, p2, kind, bonus=0.02))
        elif s.kind in (sp.PLACE, sp.COUNTRY) and re.search(r"\b(em|in)\s+$", text[:s.start]):
            prompt = cl.wh_adjunct(text, c, s, f.spans, lex, lex.words["where"], ctx.names)
        elif s.kind == sp.NUMBER:
            prompt = cl.how_many(text, c, s, f.spans, lex, ctx.names)
        if not prompt:
            continue
        out.extend(_wh_candidates(f, ctx, s, prompt, kind))
    return out


def _without_places(text: str, spans: list[sp.Span], keep: sp.Span, lex: lexicon.Lexicon):
    """The sentence without its "em <place>" phrases, spans shifted to match; None if it has none."""
    cuts = []
    for o in spans:
        if o.kind in (sp.PLACE, sp.COUNTRY) and o is not keep:
            m = re.search(r"\s(?:em|in)\s+$", text[:o.start])
            verb = re.search(r"([\w-]+)$", text[:m.start()]) if m else None
            if verb and cl.is_finite_verb(verb.group(1), lex.lang):
                continue  # "aterrou em Pyongyang": the verb's own place; without it the question goes vague
            if m and o.start > keep.end or (m and o.end < keep.start):
                cuts.append((m.start(), o.end))
    if not cuts or lex.lang != "pt":
        return None
    out, shifted, last = [], [], 0
    for a, b in sorted(cuts):
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    new = "".join(out)

    def move(x: sp.Span):
        delta = sum(b - a for a, b in cuts if b <= x.start)
        return dataclasses.replace(x, start=x.start - delta, end=x.end - delta,
                                   phrase=(x.phrase[0] - delta, x.phrase[1] - delta) if x.phrase else None)
    for o in spans:
        if not any(a <= o.start < b for a, b in cuts):
            shifted.append(o if o.end <= cuts[0][0] else move(o))
    moved_keep = next(o for o, orig in zip(shifted, [o for o in spans if not any(
        a <= o.start < b for a, b in cuts)]) if orig is keep)
    return new, shifted, moved_keep


def month_case(answer: str, lex: lexicon.Lexicon) -> str:
    """Portuguese month names in lowercase, as current spelling writes them ("final de Abril" →
    "final de abril"), so every date answer and its wrong choices look alike."""
    if lex.lang != "pt":
        return answer
    return re.sub(r"\b\w+\b", lambda m: m.group(0).lower() if m.group(0).lower() in lex.months
                  else m.group(0), answer)


def _wh_candidates(f: SentenceFacts, ctx: Context, s: sp.Span, prompt: str, kind: str,
                   bonus: float = 0.0) -> list[Candidate]:
    lex = ctx.lex
    out = []
    answer = s.text
    if s.kind == sp.DATE:
        answer = re.sub(r"^(em|in|on|desde|since)\s+", "", answer, flags=re.IGNORECASE)
        if s.start == 0 and answer[:1].isupper() and answer.split()[0].lower() not in lex.months:
            answer = answer[:1].lower() + answer[1:]  # capital only from the sentence start
        answer = month_case(answer, lex)
    fact = span_fact(f, s)
    accept = [s.key] if s.key != answer else None
    out.append(Candidate(_q(f, ctx, "short_answer", prompt, answer, accept=accept),
                         fact, kind, f, bonus=bonus))
    wrong = _wrong(s, answer, ctx, prompt)
    ch = _choices(answer, wrong, prompt)
    if ch:
        out.append(Candidate(_q(f, ctx, "multiple_choice", prompt, answer, choices=ch),
                             fact, kind, f, bonus=bonus))
    year = _YEAR.fullmatch(s.text) if s.kind == sp.DATE else None
    if year:
        # A year is a number to type: no choices needed, no spelling to get wrong.
        out.append(Candidate(_q(f, ctx, "numeric", prompt, int(year.group(1)), tolerance=0),
                             fact, kind, f, shown=year.group(1), bonus=bonus))
    if s.kind == sp.NUMBER and s.value is not None:
        # Approximate figures ("quase", "cerca de") accept a tenth either way.
        tol = round(s.value * 0.1, 2) if s.approx else 0
        value = int(s.value) if s.value == int(s.value) else s.value
        out.append(Candidate(_q(f, ctx, "numeric", prompt, value, tolerance=tol),
                             fact, kind, f, shown=s.text, bonus=bonus))
    return out


def _wrong(s: sp.Span, answer: str, ctx: Context, prompt: str) -> list[str]:
    if s.kind == sp.NUMBER:
        return dz.numbers(s, ctx.lex)
    if s.kind == sp.DATE:
        return dz.dates(answer, ctx.lex)
    if s.kind in sp.ENTITY_KINDS and s.kind != sp.NAME:
        avoid = [n for n in ctx.names if n in prompt]
        wrong = ctx.pool.entities(s.key, s.kind, avoid)
        if len(answer.split()) == 1 and s.kind == sp.PERSON:
            wrong = [ctx.pool.short_form(w) for w in wrong]
        return wrong
    return []


_CONTRACTED = {"pelo": "por", "pela": "por", "do": "de", "da": "de", "no": "em", "na": "em",
               "ao": "a", "à": "a", "o": "", "a": "", "O": "", "A": ""}


def core(prompt: str, f: SentenceFacts, lex: lexicon.Lexicon) -> str:
    """The prompt without what only decorates its facts: the titles beside names
    ("o presidente russo, Vladimir Putin," → "Vladimir Putin") and an opening date.

    A cloze built on the core shows fewer answers of other questions, so more of
    one sentence's facts can be asked in one set.
    """
    out = prompt
    for e in f.spans:
        if e.kind == sp.PERSON:
            # A second title after the name: "Dmitry Medvedev, atual vice-presidente do …,".
            out = re.sub(rf"(?<={re.escape(e.text)}), ((?:atual |antigo |ex-)?[a-zà-ÿ-]+ [^,;“”{{}}]{{0,80}}),",
                         lambda m: "" if m.group(1).split()[0] in lex.titles or (
                             len(m.group(1).split()) > 1 and m.group(1).split()[1] in lex.titles)
                         else m.group(0), out)
    for r in f.relations:
        if r.kind != "appositive":
            continue
        name, desc = re.escape(r.subject.text), re.escape(r.description)
        out = re.sub(rf"(?<!\w)(pel[oa]|d[oa]|n[oa]|ao|à|[OoAa]) {desc}, ({name}\b)(,(?= (\S+)))?",
                     lambda m: (_CONTRACTED[m.group(1)] + " ").lstrip() + m.group(2) + (
                         m.group(3) if m.group(3) and not cl.is_finite_verb(m.group(4), lex.lang)
                         and m.group(4) != "como" else ""), out)
        out = re.sub(rf"(?<={name}), (?:[oa] )?{desc},", "", out)
    lead = re.match(r"^([^,;{}]{3,40}), (?=\S)", out)
    if lead and any(d.kind == sp.DATE and d.start == 0 for d in f.spans) and "{{" not in lead.group(1):
        out = out[lead.end():]
    out = re.sub(r"\s+", " ", out).strip()
    return out[:1].upper() + out[1:]


_CLOZE_WORDS = 30
_CLOZE_MAX_WORDS = 36
# After a comma these open an elaboration, not the core of the clause.
_ELABORATION = re.compile(r", (?=(?:\w+ndo|que|onde|incluindo|including|which|who|where)\b)")


def _trim_cloze(prompt: str) -> str:
    """A long cloze cut after the blank where an elaboration starts ("…, fornecendo …");
    "" when it stays too long to read as one fact."""
    if len(prompt.split()) <= _CLOZE_WORDS:
        return prompt
    blank_end = prompt.index("}}")
    for m in _ELABORATION.finditer(prompt, blank_end):
        head = prompt[:m.start()].rstrip(" ,;")
        if len(head.split()) >= 8:
            prompt = head + "."
            break
    return prompt if len(prompt.split()) <= _CLOZE_MAX_WORDS else ""


def cloze(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """The source sentence with one fact blanked out as {{answer}}, and its core as well."""
    out = []
    text, cut = cl.without_connective(f.sentence.text, ctx.lex)
    for s in f.spans:
        if s.kind == sp.NAME or s.start < cut or (s.kind == sp.QUOTE and len(s.text.split()) > 4):
            continue  # a long quotation is wording to recognise, not to type back
        lo, hi = s.start - cut, s.end - cut
        answer = s.text
        if s.kind == sp.DATE:
            m = re.match(r"^(em|no|na|desde|in|on|since)\s+", answer, flags=re.IGNORECASE)
            if m:
                lo += m.end()
                answer = answer[m.end():]
            answer = month_case(answer, ctx.lex)
        prompt = _trim_cloze(text[:lo] + "{{" + answer + "}}" + text[hi:])
        if not prompt:
            continue
        # A name blanked beside its title asks who holds the title: the appositive's fact.
        rel = next((r for r in f.relations if r.kind == "appositive" and r.subject.start == s.start), None)
        fact = (f"person-title:{dz.fold(ctx.person_key.get(rel.subject.key, rel.subject.key))}"
                if rel else span_fact(f, s))
        out.append(Candidate(_q(f, ctx, "cloze", prompt, answer), fact, s.kind, f))
        short = core(prompt, f, ctx.lex) if ctx.lex.lang == "pt" and not rel else prompt
        if short != prompt and short.count("{{") == 1:
            out.append(Candidate(_q(f, ctx, "cloze", short, answer), fact, s.kind, f, bonus=0.02))
    return out


def true_false(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """The sentence as stated (true) and with one fact swapped for a same-kind one (false).

    Both share one fact key, so a sentence gives one true/false question; which
    of the two is favoured alternates by a hash of the sentence, to balance answers.
    """
    out = []
    text, cut = cl.without_connective(f.sentence.text, ctx.lex)
    if re.search(r", [^,;]+ (?:ou|or) ", text):
        return []  # a list ("pinturas …, retratos … ou uma obra …"): which item is swapped is guesswork
    if "“" in text and any(w in ctx.lex.saying_verbs for w in re.findall(r"\w+", text.lower())):
        return []  # someone's quoted words are their view: "true" would only mean "was said"
    favour_true = int(dz.stable_order(["t", "f"], text)[0] == "t")
    fact = _fact(f, "true-false")
    for s in f.spans:
        if s.kind in (sp.NAME, sp.QUOTE) or s.start < cut or s.unit in sp.CLOZE_ONLY or (
                s.kind == sp.DATE and s.relative):
            continue
        if any(r.subject == s for r in f.relations):
            continue  # the title beside the name would give a swapped name away
        answer = s.text
        wrong = [w for w in _wrong(s, answer, ctx, text) if not _clashes(w, answer, text)]
        article = re.search(r"\b(\w+)\s+$", text[:s.start - cut])
        if s.kind in (sp.COUNTRY, sp.PLACE) and article and article.group(1).lower() in _ARTICLES:
            # "a Rússia" → "a Ucrânia", never "a Japão" nor "no Kursk".
            if s.kind == sp.PLACE or article.group(1).lower().endswith("s"):
                continue
            wrong = [w for w in wrong if _feminine(w) == _feminine(answer)]
        if not wrong:
            continue
        false_text = text[:s.start - cut] + wrong[0] + text[s.end - cut:]
        out.append(Candidate(_q(f, ctx, "true_false", false_text, False), fact, s.kind, f,
                             notes=[f"swapped {answer} → {wrong[0]}"], bonus=0.05 * (1 - favour_true),
                             shown=answer))
        if len(out) == 1:
            out.append(Candidate(_q(f, ctx, "true_false", text, True), fact, s.kind, f,
                                 bonus=0.05 * favour_true))
    return out


_ARTICLES = {"o", "a", "os", "as", "no", "na", "nos", "nas", "do", "da", "dos", "das", "ao", "à",
             "pelo", "pela"}


def _feminine(name: str) -> bool:
    return name.split()[0].lower().endswith("a")


def _clashes(wrong: str, answer: str, text: str) -> bool:
    """True when a swapped-in value already appears in the sentence, making the swap obvious."""
    if wrong in text:
        return True
    changed = set(re.findall(r"\w+", wrong.lower())) - set(re.findall(r"\w+", answer.lower()))
    return bool(changed & _word_set(text))


@lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


BUILDERS = (appositive, wh, cloze, true_false)


def candidates(f: SentenceFacts, ctx: Context) -> list[Candidate]:
    """Every candidate question for one sentence, from every builder (the rules' and the parse's)."""
    from . import focus, parsed, predicates

    out: list[Candidate] = []
    for build in BUILDERS + parsed.BUILDERS + predicates.BUILDERS:
        out.extend(build(f, ctx))
    # The same clozes cut to their clause, so the sentence's other facts can be asked beside them.
    out.extend(focus.add_focused(out, f, ctx))
    return out
