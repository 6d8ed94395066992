"""Stage 3b: the facts of each sentence: typed spans and the relations that make good questions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import clause as cl, lexicon, spans as sp
from .sentences import Sentence

# Contracted articles in front of a title ("pelo presidente", "do ministro"):
# the article a question needs is the one hidden inside.
_ARTICLE = {"o": "o", "a": "a", "pelo": "o", "pela": "a", "do": "o", "da": "a", "no": "o",
            "na": "a", "ao": "o", "à": "a", "the": "the", "um": "um", "uma": "uma"}
_APPOS_BEFORE = re.compile(r"(?:^|\b)(?P<det>[Oo]|[Aa]|pel[oa]|d[oa]|n[oa]|ao|à|[Tt]he)\s+"
                           r"(?P<np>[^,;“”()]{3,90}?)(?P<comma>,?)\s*$")
_DET = re.compile(r"(?:^|(?<=\s))([Oo]|[Aa]|pel[oa]|d[oa]|n[oa]|ao|à|[Tt]he)\s+")
_COPULAS = {"é", "foi", "era", "são", "foram", "eram", "será", "seria", "is", "was", "are", "were"}
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_JOIN = re.compile(r" (?:de|da|do|das|dos|of) ")
_KIND_BEFORE = re.compile(r"(?:^|\s)(?P<det>[Oo]|[Aa]|pel[oa]|d[oa]|n[oa]|ao|à|[Tt]he)\s+"
                          r"(?P<np>[a-zà-ÿ]+(?: (?:de|do|da|of|[a-zà-ÿ-]+)){0,4})\s$")
_APPOS_AFTER = re.compile(r"^,\s+(?:(?P<det>[oa]|um|uma|the|an?)\s+)?(?P<np>[^,;“”()]{3,90}?)(?=,|\.|;|$)")


@dataclass(frozen=True)
class Relation:
    """A fact linking two things in one sentence, e.g. appositive: (name, description)."""

    kind: str
    subject: sp.Span
    description: str
    article: str


@dataclass
class SentenceFacts:
    """Everything stage 3 found in one sentence."""

    sentence: Sentence
    spans: list[sp.Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # The sentence as the trained pipeline analysed it (a spaCy Doc), when it was parsed.
    doc: object = None


# Titles of both genders ("o analista", "a analista"): the person's name tells which.
_COMMON_GENDER = re.compile(r"(?:ista|ente|ante|ata|eta|uta|ícola)$|^(?:líder|chefe|responsável|porta-voz|"
                            r"jovem|colega|cônjuge|intérprete|piloto)$")
# Given names ending in -a that are men's, and ones not ending in -a that are women's.
_MEN_IN_A = {"luca", "nikita", "costa", "joshua", "elia", "andrea", "akira", "ilya", "sasha", "mustafa"}
_WOMEN_NOT_A = {"isabel", "raquel", "beatriz", "inês", "carmen", "ruth", "alice", "irene", "denise", "kim",
                "ingrid", "esther", "rachel", "elizabeth", "margaret", "sarah", "catherine", "ann", "jane",
                "rosemary", "madalena", "leonor", "consuelo", "guadalupe", "dolores", "mercedes"}


def person_article(name: str, title: str) -> str:
    """ "o" or "a" for a person's title: from the title when it has a gender of its own
    ("ministra"), else from the given name ("analista" for David Wright is "o analista")."""
    title = title.lower()
    if not _COMMON_GENDER.search(title):
        return "a" if title.endswith(("a", "triz", "esa", "isa")) else "o"
    given = name.split()[0].lower() if name.split() else ""
    if given in _WOMEN_NOT_A:
        return "a"
    return "a" if given.endswith("a") and given not in _MEN_IN_A else "o"


def _is_title_phrase(np: str, lex: lexicon.Lexicon) -> bool:
    words = np.lower().split()
    # The title is the first or second word: "presidente russo", "principal diplomata".
    return bool(words) and any(w in lex.titles for w in words[:2])


class EntityBook:
    """Names seen across all documents, with their types, so "Putin" resolves to a person."""

    def __init__(self, lang: str):
        self.lang = lang
        self.lex = lexicon.get(lang)
        self.kinds: dict[str, str] = {}
        self.person_words: set[str] = set()

    def type_of(self, name: str, before: str, after: str) -> str:
        lex = self.lex
        if name in lex.countries:
            return sp.COUNTRY
        if name in lex.cities:
            return sp.PLACE
        low = name.lower().replace("-", " ").split()
        if any(w in lex.org_words for w in low):
            return sp.ORG
        if name.isupper() and len(name) >= 2 and not _ROMAN.match(name):
            return sp.ORG
        prev = before.rstrip(", ").lower().split()[-3:]
        # A title right before the name, or one adjective between ("líder norte-coreano").
        titled = bool(prev) and (prev[-1] in lex.titles or (
            len(prev) > 1 and prev[-2] in lex.titles and prev[-1] not in lex.connectors))
        appos_before = before.endswith(", ") and (m := _APPOS_BEFORE.search(before[:-2] + ",")) \
            and _is_title_phrase(m.group("np"), lex)
        appos_after = (m := _APPOS_AFTER.match(after)) and _is_title_phrase(m.group("np"), lex)
        if titled or appos_before or appos_after:
            return sp.PERSON
        if prev and prev[-1] in ("região", "cidade", "vila", "província", "distrito", "aldeia",
                                 "município", "capital", "region", "city", "town", "province"):
            return sp.PLACE
        words = name.split()
        # Foreign given names are unknown to the Portuguese word list; place names
        # made of common words ("Extremo Oriente") are known.
        if len(words) >= 2 and not sp.is_known(words[0].lower(), self.lang):
            return sp.PERSON
        if prev and prev[-1] in ("em", "in", "para", "to", "at"):
            return sp.PLACE
        return sp.NAME

    def learn(self, name: str, kind: str) -> None:
        if kind != sp.NAME and self.kinds.get(name, sp.NAME) == sp.NAME:
            self.kinds[name] = kind
            if kind == sp.PERSON:
                self.person_words.update(name.replace("-", " ").split())

    def resolve(self, name: str, kind: str) -> tuple[str, str]:
        """(kind, canonical full name): a lone surname or given name takes its person's."""
        if name in self.kinds and self.kinds[name] != sp.NAME:
            return self.kinds[name], name
        if kind == sp.NAME and " " not in name:
            for full, k in self.kinds.items():
                if k == sp.PERSON and name in full.replace("-", " ").split():
                    return sp.PERSON, full
        return kind, name


def _entities(s: Sentence, book: EntityBook) -> list[sp.Span]:
    out = []
    for start, end in sp.name_runs(s.text, book.lang, book.person_words):
        name = s.text[start:end]
        kind = book.type_of(name, s.text[:start], s.text[end:])
        if kind == sp.NAME and _JOIN.search(name):
            # "Estado de Vladimir Putin", "Relações Exteriores da Coreia do Norte":
            # a common-word name joined to a real one; keep the parts that type.
            for m in _JOIN.finditer(name):
                a = start + m.end()
                k = book.type_of(s.text[a:end], s.text[:a], s.text[end:])
                if k != sp.NAME:
                    out.append(sp.Span(k, s.text[a:end], a, end))
                    break
            continue
        out.append(sp.Span(kind, name, start, end))
    return out


def _title_before(before: str, lex: lexicon.Lexicon) -> tuple[str, str] | None:
    """(article, title phrase) ending right before a name: "o presidente russo, " → ("o", …)."""
    if not before.endswith((" ", ", ")):
        return None
    # The closest article wins: "O Kremlin anunciou que o ministro …, " → "o ministro …".
    for m in reversed(list(_DET.finditer(before))):
        np = before[m.end():].rstrip().rstrip(",").strip()
        if not np or re.search(r"[,;“”()]", np) or len(np.split()) > 12:
            return None
        # "O arquiteto responsável foi Francisco de Arruda": a verb ends the subject, so what
        # comes before the name is a clause, not a title beside it.
        if any(cl.is_finite_verb(w, lex.lang) or w in _COPULAS for w in np.split()[1:]):
            return None
        if _is_title_phrase(np, lex):
            return m.group(1), np
    return None


def _appositives(s: Sentence, ents: list[sp.Span], lex: lexicon.Lexicon) -> list[Relation]:
    rels = []
    for e in ents:
        before, after = s.text[:e.start], s.text[e.end:]
        if e.kind == sp.PERSON:
            found = _title_before(before[-120:], lex)
            if found:
                det, np = found
                rels.append(Relation("appositive", e, np, _ARTICLE[det.lower()]))
                continue
        if e.kind in (sp.ORG, sp.NAME):
            # "a agência de notícias russa Sputnik": the kind of thing, told before its name.
            k = _KIND_BEFORE.search(before[-80:])
            if k and k.group("np").split()[0].lower() in lex.kind_nouns and len(k.group("np").split()) >= 2:
                rels.append(Relation("definition", e, k.group("np"), _ARTICLE[k.group("det").lower()]))
                continue
        m = _APPOS_AFTER.match(after)
        if m and e.kind in (sp.PERSON, sp.ORG, sp.NAME):
            np = m.group("np").strip()
            first = np.split()[0].lower() if np.split() else ""
            if e.kind == sp.PERSON and not _is_title_phrase(np, lex):
                continue
            if first in lex.determiners or not np[:1].islower():
                continue
            # A definition is a noun phrase with its article ("Duma, a câmara baixa …,");
            # without one it is a participle or an adverbial ("Taça, disputada em …").
            if e.kind != sp.PERSON and not m.group("det"):
                continue
            if not after[m.end():].startswith(","):
                continue
            if len(np.split()) < 2:
                continue
            # A finite verb means a clause, not a description ("X, disse que ...").
            if any(sp.lemma(w, lex.lang) != w and w.endswith(("ou", "iu", "eu", "am", "ed"))
                   for w in np.lower().split()):
                continue
            det = (m.group("det") or "").lower()
            article = det if det in ("o", "a") else (
                person_article(e.text, first) if e.kind == sp.PERSON else ("a" if first.endswith("a") else "o"))
            if lex.lang == "en":
                article = "the"
            rels.append(Relation("definition" if e.kind != sp.PERSON else "appositive",
                                 e, np, article))
    return rels


def extract(sentences_by_doc: list[list[Sentence]], lang: str = "pt") -> list[list[SentenceFacts]]:
    """Facts for every sentence of every document, names typed with help from all documents."""
    lex = lexicon.get(lang)
    book = EntityBook(lang)
    raw: list[list[tuple[Sentence, list[sp.Span]]]] = []
    for sents in sentences_by_doc:
        doc_raw = []
        for s in sents:
            ents = _entities(s, book)
            for e in ents:
                book.learn(e.text, e.kind)
            doc_raw.append((s, ents))
        raw.append(doc_raw)
    out = []
    for doc_raw in raw:
        doc_facts = []
        for s, ents in doc_raw:
            typed = []
            for e in ents:
                kind, canon = book.resolve(e.text, e.kind)
                typed.append(sp.Span(kind, e.text, e.start, e.end, canonical=canon))
            f = SentenceFacts(s)
            f.relations = _appositives(s, typed, lex)
            d = sp.dates(s.text, lang) + sp.clock_times(s.text)
            f.spans = typed + d + sp.numbers(s.text, lang, d) + sp.ordinals(s.text) + sp.quotes(s.text)
            # Drop names swallowed by a date or number ("Abril" is a month, not a name).
            f.spans = [x for x in f.spans if x.kind not in sp.ENTITY_KINDS or not any(
                o.kind in (sp.DATE, sp.NUMBER) and o.start <= x.start < o.end for o in f.spans)]
            if s.inserted:
                # Words restating brought in ("os dois países" → their names) are no fact of this sentence.
                f.spans = [x for x in f.spans if not any(a < x.end and x.start < b for a, b in s.inserted)]
                f.relations = [r for r in f.relations if not any(
                    a < r.subject.end and r.subject.start < b for a, b in s.inserted)]
            f.spans.sort(key=lambda x: (x.start, -x.end))
            doc_facts.append(f)
        out.append(doc_facts)
    return out
