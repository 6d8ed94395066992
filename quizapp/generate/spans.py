"""Stage 3a: typed answer candidates in a sentence: names, dates, numbers with units, quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from . import lexicon

PERSON, COUNTRY, PLACE, ORG, NAME = "person", "country", "place", "org", "name"
DATE, NUMBER, QUOTE = "date", "number", "quote"
ENTITY_KINDS = (PERSON, COUNTRY, PLACE, ORG, NAME)

_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*", re.UNICODE)
_CAP = re.compile(r"[A-ZÀ-Ý]")
# "os dois países": an article before the number points back (a whole word: "apenas 68%" does not).
_REFERENCE_BEFORE = re.compile(r"(?<!\w)(?:os|as|dos|das|nos|nas|the)\s+$", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d{1,4})\.?[ºª]")
_NAMED_YEAR = re.compile(r"(?<![.!?] )(?<!^)\b[A-ZÀ-Ý][\w-]+ $")
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,}[ -]$")
_HONORIFICS = {"dr", "dra", "sr", "sra", "prof", "profa", "eng", "st", "mr", "mrs", "ms"}
_QUOTED = re.compile(r"“([^“”]{2,80})”")


@dataclass(frozen=True)
class Span:
    """A typed stretch of a sentence that a question can ask for."""

    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str = ""
    approx: bool = False
    relative: bool = False
    canonical: str = ""
    # For numbers: the whole phrase with qualifier and unit ("quase 10 mil soldados").
    phrase: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        return self.canonical or self.text


# simplemma's low-memory lookup reads the packed dictionary in place: the same lemmas, 84 MiB less per
# process and a faster first load; a lookup costs ~50 us instead of ~8, and the caches here absorb repeats.
LOW_MEMORY = True


@lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """simplemma's lemma of a lowercase word, cached: the same words recur all through a text."""
    return simplemma.lemmatize(word, lang=lang, low_memory=LOW_MEMORY)


@lru_cache(maxsize=65536)
def is_known(word: str, lang: str) -> bool:
    """True when simplemma knows the word: a capitalised known word is likely not a name."""
    return simplemma.is_known(word, lang=lang, low_memory=LOW_MEMORY)


def _date_regex(lex: lexicon.Lexicon) -> re.Pattern:
    months = "|".join(lex.months)
    if lex.lang == "pt":
        rel = "|".join(re.escape(w) for w in lex.relative_dates)
        core = (rf"(?:\d{{1,2}}º?\s+de\s+)?(?:{months})(?:\s+de\s+\d{{4}})?"
                rf"|(?:primavera|verão|outono|inverno)\s+de\s+\d{{4}}|(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d)")
        return re.compile(
            rf"(?:\b(?:n[oa]|em|desde|até|a partir de|durante)\s+)?"
            rf"(?:(?:o\s+)?(?:início|inícios|final|finais|fim|meados|princípio)\s+de\s+)?"
            rf"(?:{core})\b|\b(?:n[oa]\s+)?(?:{rel})\b", re.IGNORECASE)
    core = (rf"(?:{months})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{months})(?:\s+\d{{4}})?"
            rf"|(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d)")
    rel = "|".join(lex.relative_dates)
    return re.compile(rf"(?:\b(?:in|on|since|until|by)\s+)?(?:(?:early|mid|late|the end of)\s+)?"
                      rf"(?:{core})\b|\b(?:on\s+)?(?:{rel})\b", re.IGNORECASE)


def _number_regex(lex: lexicon.Lexicon) -> re.Pattern:
    approx = "|".join(re.escape(a) for a in sorted(lex.approx, key=len, reverse=True))
    words = "|".join(w for w in lex.number_words if lex.number_words[w] > 1)
    mult = "|".join(sorted(lex.multipliers, key=len, reverse=True))
    sep = r"\." if lex.decimal_comma else ","
    dec = "," if lex.decimal_comma else r"\."
    of = r"(?:de\s+)?" if lex.lang == "pt" else r"(?:of\s+)?"
    return re.compile(
        rf"(?:\b(?P<approx>{approx})\s+)?(?P<num>(?<![\w.,])\d{{1,3}}(?:{sep}\d{{3}})+(?!\d)|(?<![\w.,])\d+(?:{dec}\d+)?(?![\d.º])"
        rf"|\b(?:{words})\b)(?:\s+(?P<mult>{mult})\b)?"
        rf"(?:\s*(?P<pct>%)|\s+{of}(?P<unit>[a-zà-ÿ][a-zà-ÿ-]{{2,}}))?", re.IGNORECASE)


@lru_cache(maxsize=4)
def _patterns(lang: str):
    lex = lexicon.get(lang)
    return _date_regex(lex), _number_regex(lex)


def parse_number(num: str, mult: str | None, lex: lexicon.Lexicon) -> float:
    """The value of "10.000", "2,5 milhões" or "vinte" in the language's own notation."""
    low = num.lower()
    if low in lex.number_words:
        value = float(lex.number_words[low])
    elif lex.decimal_comma:
        value = float(num.replace(".", "").replace(",", "."))
    else:
        value = float(num.replace(",", ""))
    if mult:
        value *= lex.multipliers[mult.lower()]
    return value


def _non_units(lang: str) -> frozenset[str]:
    # Words after a number that are not what it counts: pronouns, function words.
    if lang == "pt":
        return frozenset("""deles delas dos das de da do que e ou em por para com
            vez sobre entre mais menos""".split())
    return frozenset("of them those than and or in on for with more less".split())


def dates(text: str, lang: str) -> list[Span]:
    """Dates: years, months, days, seasons, and relative days (flagged as relative)."""
    lex = lexicon.get(lang)
    out = []
    for m in _patterns(lang)[0].finditer(text):
        t = m.group(0)
        if _NAMED_YEAR.search(text, 0, m.start()) and re.fullmatch(r"\d{4}", t):
            continue  # "programa Alentejo 2030", "Euro 2004": the year is part of a name
        rel = any(w in t.lower() for w in lex.relative_dates)
        out.append(Span(DATE, t, m.start(), m.end(), relative=rel))
    return out


def numbers(text: str, lang: str, taken: list[Span]) -> list[Span]:
    """Counts and measures with their unit ("quase 10 mil soldados"); years are dates, not numbers."""
    lex = lexicon.get(lang)
    non_units = _non_units(lang)
    out = []
    for m in _patterns(lang)[1].finditer(text):
        if any(s.start <= m.start("num") < s.end for s in taken):
            continue
        unit = (m.group("unit") or "").lower()
        if m.group("pct"):
            unit = "%"
        if unit in non_units or (unit and lemma(unit, lang) in non_units):
            unit = ""
        is_word = m.group("num").lower() in lex.number_words
        if is_word and not unit:
            continue
        end = m.end() if unit else m.end("mult") if m.group("mult") else m.end("num")
        if unit and unit != "%":
            end = m.end("unit")
        if text[m.end("num"):m.end("num") + 2][:1] == "-" or text[:m.start("num")].endswith("-"):
            continue  # a score or range ("2-1"), not a count
        if _REFERENCE_BEFORE.search(text, 0, m.start()):
            continue  # "os dois países" points back to known things; it counts nothing new
        if not unit and _ACRONYM_BEFORE.search(text, 0, m.start()):
            continue  # "SNS 24", "Covid 19": part of a name, not a count
        value = parse_number(m.group("num"), m.group("mult"), lex)
        core_end = m.end("mult") if m.group("mult") else m.end("num")
        out.append(Span(NUMBER, text[m.start("num"):core_end], m.start("num"), core_end,
                        value=value, unit=unit, approx=bool(m.group("approx")),
                        phrase=(m.start(), end)))
    return out


_CLOCK = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])(?:h([0-5]\d)?|:([0-5]\d))(?![\w:])")
# Numbers fit for a cloze only: no "Quantos …?" and no swapped value in a true/false.
CLOZE_ONLY = ("ordinal", "clock")


def clock_times(text: str) -> list[Span]:
    """Times of day ("8h", "8h30", "22:00"): when a rule says something opens or must stop."""
    out = []
    for m in _CLOCK.finditer(text):
        minutes = int(m.group(2) or m.group(3) or 0)
        out.append(Span(NUMBER, m.group(0), m.start(), m.end(), value=int(m.group(1)) + minutes / 60, unit="clock"))
    return out


def ordinals(text: str) -> list[Span]:
    """Ordinals such as "80.º" ("the 80th anniversary"): a number fit for a cloze only."""
    return [Span(NUMBER, m.group(0), m.start(), m.end(), value=float(m.group(1)), unit="ordinal")
            for m in _ORDINAL.finditer(text)]


def quotes(text: str) -> list[Span]:
    """Short quoted phrases (up to eight words): the wording a reader should remember."""
    out = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if 1 <= len(inner.split()) <= 8 and not inner.endswith((".", ",")):
            out.append(Span(QUOTE, inner, m.start(1), m.end(1)))
    return out


def name_runs(text: str, lang: str, known: frozenset[str] | set[str] = frozenset()
              ) -> list[tuple[int, int]]:
    """Offsets of capitalised word runs ("Coreia do Norte", "Kim Jong-un") that may be names.

    A capitalised first word that simplemma knows as a common word ("Durante",
    "Segundo") opens no run unless the next word is capitalised too, or it is in
    `known`, the words of names already seen ("Costa" after "Rui Costa").
    """
    lex = lexicon.get(lang)
    months = set(lex.months)
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        if not _CAP.match(w) or w.lower() in months:
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            ns, ne, nw = toks[j + 1]
            gap = text[toks[j][1]:ns]
            # "D. Manuel I", "Dr. Silva": an abbreviated title is part of the name it opens.
            # A roman numeral ("Manuel I.") or an article after the stop ("O arquiteto") ends it.
            if gap == ". " and (len(toks[j][2]) == 1 or toks[j][2].lower() in _HONORIFICS) \
                    and _CAP.match(toks[j][2]) and _CAP.match(nw) and toks[j][2] not in ("I", "V", "X") \
                    and nw.lower() not in lex.determiners | lex.connectors | {"the", "an", "in", "on"}:
                j += 1
                continue
            if gap != " ":
                break
            if _CAP.match(nw) and nw.lower() not in months:
                j += 1
            elif (nw in lex.connectors and nw not in ("e", "and") and j + 2 < len(toks)
                  and _CAP.match(toks[j + 2][2]) and text[ne:toks[j + 2][0]] == " "):
                j += 2
            else:
                break
        at_start = s == 0 or text[:s].rstrip().endswith((".", ":", "“", "—"))
        low = w.lower()
        if at_start and j > i and is_known(low, lang) and not _gazetteer_at(text, s, lex):
            # "Os Estados Unidos": the capital belongs to the sentence, not the name.
            i += 1
            s, e, w = toks[i]
            low = w.lower()
        if at_start and j == i and is_known(low, lang) and w not in lex.countries | lex.cities \
                and w not in known:
            i += 1
            continue
        if at_start and low in lex.determiners | lex.connectors:
            i += 1
            continue
        runs.append((s, toks[j][1]))
        i = j + 1
    return runs


def _gazetteer_at(text: str, pos: int, lex: lexicon.Lexicon) -> bool:
    rest = text[pos:pos + 40]
    return any(rest.startswith(g) for g in lex.countries | lex.cities)
