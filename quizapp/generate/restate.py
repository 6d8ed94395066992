"""Stage 2b: sentences restated so they stand alone, before facts are read from them.

A news sentence often leans on the article around it: "Isto inclui …", "O facto
de X é outro sinal de que …", "os dois países", "esta aliança", "num outro
desfile".  Each rule here rewrites one such shape into the statement it carries,
keeping the sentence's index, so every question still quotes its source.  Text
a rule brings in from elsewhere (the two countries "os dois países" names) is
marked as inserted: no question asks for it.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from . import clause as cl, lexicon
from .sentences import Sentence

# Preposition + article as Portuguese writes them together.
_CONTRACT = {("de", "a"): "da", ("de", "o"): "do", ("de", "as"): "das", ("de", "os"): "dos",
             ("em", "a"): "na", ("em", "o"): "no", ("em", "as"): "nas", ("em", "os"): "nos",
             ("a", "a"): "à", ("a", "o"): "ao", ("por", "a"): "pela", ("por", "o"): "pelo"}
_PREP_OF = {"d": "de", "n": "em", "pel": "por", "a": "a", "": ""}
# Event nouns: in "a assinatura do acordo, que compromete …" the "que" is the accord's.
_EVENT_NOUN = re.compile(r"^(?:[oa]s? )?\w+(?:ção|ções|ura|mento|ncia)\s+(?:d[oa]s?|de)\s+(?P<np>.+)$")
_SAYING = r"dizendo|afirmando|alegando|garantindo|sublinhando|acrescentando|explicando"
_POSSESSIVE = re.compile(r"\b(?P<art>[oa]s?) (?:seus|suas|seu|sua) (?P<noun>\w+)")
_REFERENCE_NOUNS = r"aliança|relação|relações|parceria|cooperação|aproximação|amizade"


@dataclasses.dataclass(frozen=True)
class Pairs:
    """The two countries (and two cities) the texts keep naming together, for "os dois países"."""

    countries: tuple[tuple[str, str], tuple[str, str]] | None = None
    cities: tuple[tuple[str, str], tuple[str, str]] | None = None


@lru_cache(maxsize=4)
def _pair_regex(lang: str) -> tuple[re.Pattern, re.Pattern]:
    lex = lexicon.get(lang)

    def alt(names):
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = r"(?<!\w)(?:(?P<a1>[OoAa]s?) )?(?P<x>{n}) e (?:(?P<a2>[oa]s?) )?(?P<y>{n})(?!\w)"
    return (re.compile(pattern.format(n=alt(lex.countries))),
            re.compile(pattern.format(n=alt(lex.cities))))


def find_pairs(sentences_by_doc: list[list[Sentence]], lang: str) -> list[Pairs]:
    """Per document, the pair of countries most often named together ("a Rússia e a Coreia do
    Norte"; the document's own first, else the texts') and the cities that open a sentence together."""
    if lang.split("-")[0] != "pt":
        return [Pairs() for _ in sentences_by_doc]
    countries, cities = _pair_regex(lang)

    def best(docs, regex, at_start):
        counts: Counter = Counter()
        first: dict[frozenset, tuple] = {}
        for sents in docs:
            for s in sents:
                for m in regex.finditer(s.text):
                    if m.group("x") == m.group("y") or (at_start and m.start() > 0):
                        continue
                    key = frozenset((m.group("x"), m.group("y")))
                    counts[key] += 1
                    first.setdefault(key, (((m.group("a1") or "").lower(), m.group("x")),
                                           ((m.group("a2") or "").lower(), m.group("y"))))
        order = list(first)
        top = max(counts, key=lambda k: (counts[k], -order.index(k)), default=None)
        return first[top] if top else None

    overall = best(sentences_by_doc, countries, False)
    return [Pairs(best([d], countries, False) or overall, best([d], cities, True))
            for d in sentences_by_doc]


def _phrase(pair, prep: str = "") -> str:
    parts = []
    for art, name in pair:
        if prep and art:
            parts.append(f"{_CONTRACT.get((prep, art), prep + ' ' + art)} {name}")
        elif prep:
            parts.append(f"{prep} {name}")
        else:
            parts.append(f"{art} {name}".strip())
    return " e ".join(parts)


class _Edit:
    """A sentence being rewritten, with the ranges of text brought in from elsewhere."""

    def __init__(self, text: str):
        self.text = text
        self.inserted: list[tuple[int, int]] = []

    def sub(self, regex: re.Pattern | str, repl, *, inserted: bool = False) -> None:
        regex = re.compile(regex) if isinstance(regex, str) else regex
        out, last, marks = [], 0, []
        shifted = []
        for m in regex.finditer(self.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if new is None:
                continue
            out.append(self.text[last:m.start()])
            start = sum(len(p) for p in out)
            out.append(new)
            if inserted:
                marks.append((start, start + len(new)))
            shifted.append((m.start(), m.end(), len(new)))
            last = m.end()
        if not shifted:
            return
        out.append(self.text[last:])
        # Earlier inserted ranges move with the edits before them.
        moved = []
        for a, b in self.inserted:
            delta = sum(n - (e - s) for s, e, n in shifted if e <= a)
            moved.append((a + delta, b + delta))
        self.text = "".join(out)
        self.inserted = moved + marks


def _statement(text: str) -> str:
    text = text.strip().rstrip(",;")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "”")) else text + "."


def _finite_from_infinitive(aux: str, participle: str) -> str | None:
    # "terem iniciado" → "iniciaram", "ter concluído" → "concluiu": the event the clause states.
    plural = aux.endswith("em")
    if participle.endswith("ado"):
        return participle[:-3] + ("aram" if plural else "ou")
    if participle.endswith("ido"):
        return participle[:-3] + ("iram" if plural else "iu")
    return None


def _unwrap(text: str, lang: str) -> list[str]:
    """The statements a sentence carries when its frame points back into the article."""
    # "O facto de a Rússia e a Coreia do Norte terem iniciado X é outro sinal de que Y" → X.
    m = re.match(r"^O facto de (?P<subj>.+?) (?P<aux>terem|ter) (?P<part>\w+) (?P<rest>.+?)"
                 r"\s+(?:é|foi|constitui|representa|mostra|demonstra|revela|confirma|indica)"
                 r"\s+(?:(?:mais )?(?:outr[oa]|um|uma|mais um|mais uma)\s+)?"
                 r"(?:sinal|prova|indício|exemplo|demonstração|que)\b", text)
    if m:
        verb = _finite_from_infinitive(m.group("aux"), m.group("part"))
        if verb:
            return [_statement(f"{m.group('subj')} {verb} {m.group('rest')}")]
    # "Isto inclui a assinatura do acordo de 2024, que compromete …" → "O acordo de 2024 compromete …".
    m = re.match(r"^(?:Isto|Isso|Tal|O que) (?:inclui|incluiu|envolve|envolveu|passa por)\s+"
                 r"(?P<np>[^,;]+), que (?P<vp>.+)$", text)
    if m:
        np = m.group("np")
        ev = _EVENT_NOUN.match(np)
        if ev:
            head = ev.group("np")
            lead = np[:len(np) - len(head)].split()[-1].lower()
            np = f"{ {'do': 'o', 'da': 'a', 'dos': 'os', 'das': 'as'}.get(lead, '')} {head}".strip()
        words = m.group("vp").split()
        if words and cl.is_finite_verb(words[0], lang):
            return [_statement(f"{np} {m.group('vp')}")]
    # "Pyongyang e Moscovo, que partilham X, estão a tentar Y" → "… partilham X." and "… estão a tentar Y."
    m = re.match(r"^(?P<subj>[A-ZÀ-Ý][^,;“”]{1,60}?), que (?P<rel>[^,;“”]+), (?P<rest>.+)$", text)
    if m and len(m.group("subj").split()) <= 6 and m.group("subj").split()[0].lower() not in (
            cl.PREPOSITIONS | cl.SUBORDINATORS):
        rel, rest = m.group("rel").split(), m.group("rest").split()
        verb = next((w for w in rel if w not in cl.PRE_VERB["pt"]), "")
        if rest and cl.is_finite_verb(verb, lang) and cl.is_finite_verb(rest[0], lang):
            subj = m.group("subj")
            return [_statement(f"{subj} {m.group('rel')}"), _statement(f"{subj} {m.group('rest')}")]
    # "Pyongyang reconheceu X, dizendo que os seus soldados ajudaram Y" → two statements,
    # the possessive in the reported one taken as the speaker's.
    m = re.match(rf"^(?P<main>.+?), (?:{_SAYING}) que (?P<said>.+)$", text)
    if m:
        main, said = m.group("main"), m.group("said")
        c = cl.analyse(main, lang)
        if c is not None:
            subj = main[c.subj_start:c.verb_start].strip()
            if subj[:1].isupper() and all(w[:1].isupper() or w in ("de", "do", "da", "e")
                                          for w in subj.split()):
                said = _POSSESSIVE.sub(lambda p: f"{p.group('art')} {p.group('noun')} de {subj}",
                                       said, count=1)
            return [_statement(main), _statement(said)]
    # "Depois de Putin e Kim se terem reunido em setembro, Trump alegou que eles …" → the
    # claim, with "eles" taken as the two the clause has just named.
    m = re.match(r"^(?:Depois|Antes) de (?P<subj>[A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*)* e "
                 r"[A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*)*) (?P<se>se )?(?P<aux>terem) (?P<part>\w+)"
                 r"(?P<rest>[^,;“”]*), (?P<main>.+)$", text)
    if m:
        if re.search(r"\b(?:eles|elas)\b", m.group("main")):
            main = re.sub(r"\b(?:eles|elas)\b", m.group("subj"), m.group("main"), count=1)
            main = main.split("; ")[0]  # "…; no entanto, esta declaração …" leans on the claim
            return [_statement(main)]
    # "Choe transmitiu os votos de Kim, que já havia elogiado X" → also "Kim já havia elogiado X".
    m = re.search(r"(?<= de )(?P<name>[A-ZÀ-Ý][\w-]+(?: [A-ZÀ-Ý][\w-]+)*), que (?P<rel>[^;“]*?“?[^;]+)$", text)
    if m:
        words = m.group("rel").split()
        verb = next((w for w in words if w not in cl.PRE_VERB["pt"]), "")
        if cl.is_finite_verb(verb, lang) and not re.search(r",\s*$", text[:m.start()]):
            return [text, _statement(f"{m.group('name')} {m.group('rel')}")]
    return [text]


def restate(sentences_by_doc: list[list[Sentence]], lang: str) -> list[list[Sentence]]:
    """Every sentence as one or more self-contained statements, each keeping its source index."""
    portuguese = lang.split("-")[0] == "pt"
    out = []
    for sents, pairs in zip(sentences_by_doc, find_pairs(sentences_by_doc, lang)):
        doc_out: list[Sentence] = []
        for s in sents:
            for text in (_unwrap(s.text, lang) if portuguese else [s.text]):
                edit = _Edit(text)
                _pronoun(edit, doc_out[-1].text if doc_out else "", lang)
                if portuguese:
                    _counted_pronoun(edit, doc_out[-1].text if doc_out else "")
                    _resolve(edit, pairs)
                if edit.text != s.text or edit.inserted:
                    s2 = dataclasses.replace(s, text=edit.text, inserted=tuple(edit.inserted))
                else:
                    s2 = s
                doc_out.append(s2)
        out.append(doc_out)
    return out


_PRONOUNS = {"pt": ("Ele", "Ela"), "en": ("He", "She")}


def _pronoun(edit: _Edit, previous: str, lang: str) -> None:
    """ "She moved to Paris" after "Marie Curie was born …" → "Marie Curie moved to Paris"."""
    pronouns = _PRONOUNS.get(lang.split("-")[0], ())
    m = re.match(rf"^({'|'.join(pronouns)}) (\S+)", edit.text) if pronouns else None
    if not m or not previous or not cl.is_finite_verb(m.group(2), lang):
        return
    c = cl.analyse(previous, lang)
    if c is None:
        return
    subj = previous[c.subj_start:c.verb_start].strip().rstrip(",")
    words = subj.split()
    if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
        return
    edit.sub(rf"^{m.group(1)}(?= )", lambda _: subj, inserted=True)


_COUNTED = re.compile(r"\b\d[\d.,]*(?: (?:mil|milhões|milhão))? (?P<noun>[a-zà-ÿ]{4,})\b")


def _counted_pronoun(edit: _Edit, previous: str) -> None:
    """ "Pelo menos 600 deles morreram" after "enviou 10 mil soldados" → "600 soldados morreram":
    only when the sentence before counts exactly one kind of thing."""
    m = re.search(r"\b(\d[\d.,]*) (?:deles|delas|dos quais|das quais)\b", edit.text)
    if not m:
        return
    nouns = {c.group("noun") for c in _COUNTED.finditer(previous)}
    nouns = {n for n in nouns if n not in ("anos", "dias", "vezes", "euros", "dólares")}
    if len(nouns) != 1:
        return
    noun = nouns.pop()
    edit.sub(rf"(?<=\b{re.escape(m.group(1))} )(?:deles|delas|dos quais|das quais)\b",
             lambda _: noun, inserted=True)


def _resolve(edit: _Edit, pairs: Pairs) -> None:
    # "num outro desfile militar, desta vez em Pyongyang" → "num desfile militar em Pyongyang".
    edit.sub(r"\b(num|numa|um|uma|n[oa]|[oa]) (?:outr[oa]) (?=\w)",
             lambda m: f"{m.group(1)} " if m.group(1).lower() in ("num", "numa", "um", "uma") else None)
    edit.sub(r",? desta vez,? ", " ")
    countries = pairs.countries
    if countries and not all(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", edit.text)
                             for _, n in countries):
        def both(m):
            prep = _PREP_OF.get((m.group("p") or "").lower(), "")
            if m.group("p") and m.group("p")[:1].isupper():
                return _phrase(countries, prep)[:1].upper() + _phrase(countries, prep)[1:]
            return _phrase(countries, prep)
        edit.sub(r"(?<!\w)(?:(?P<p>[Dd]|[Nn]|[Pp]el)?os dois|[Aa]mbos os) (?:países|estados|Estados)\b", both, inserted=True)
        edit.sub(r"(?<!\w)(?P<p>[Dd]|[Nn])?os países(?= (\w+))",
                 lambda m: _phrase(countries, _PREP_OF.get((m.group("p") or "").lower(), ""))
                 if cl.is_finite_verb(m.group(2), "pt") else None, inserted=True)
        def ref(m):
            prep = _PREP_OF[(m.group("p") or "").lower()]
            art = "a" if m.group("a") == "a" else "o"
            return f"{_CONTRACT.get((prep, art), art)} {m.group('n')} entre {_phrase(countries)}"
        edit.sub(rf"(?<!\w)(?P<p>[Dd]|[Nn])?(?:est|ess)(?P<a>[ae]) (?P<n>{_REFERENCE_NOUNS})(?=[.,;]|$)", ref,
                 inserted=True)
    cities = pairs.cities
    if cities:
        edit.sub(r"(?<!\w)(?:(?P<p>[Dd]|[Nn])?[Aa]s duas (?:capitais|cidades))",
                 lambda m: _phrase(cities, _PREP_OF.get((m.group("p") or "").lower(), "")),
                 inserted=True)
    if edit.text[:1].islower():
        edit.text = edit.text[:1].upper() + edit.text[1:]
