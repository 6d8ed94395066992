"""Wrong answers of the same kind as the right one: a person for a person, a nearby number for a number."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from . import lexicon, spans as sp


def stable_order(items, salt: str) -> list:
    """Items in an order fixed by their content and `salt`: varied, yet the same every run."""
    return sorted(items, key=lambda x: hashlib.sha1(f"{salt}|{x}".encode()).hexdigest())


_SEPARATORS = re.compile(r"[\s\-']+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, no accents, hyphens as spaces: the form used to compare names."""
    t = _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))
    return _SEPARATORS.sub(" ", t).strip()


def same_thing(a: str, b: str, lex: lexicon.Lexicon) -> bool:
    """True when `a` and `b` may name the same thing: a distractor must never be a synonym.

    Catches spelling variants (Sergey/Sergei Lavrov, Moscou/Moscovo), partial names
    (Kim / Kim Jong-un) and the lexicon's aliases (EUA / Estados Unidos).
    """
    return _same_thing(a, b, lex.aliases)


@lru_cache(maxsize=65536)
def _same_thing(a: str, b: str, aliases: tuple[frozenset[str], ...]) -> bool:
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    ta, tb = fa.split(), fb.split()
    if set(ta) <= set(tb) or set(tb) <= set(ta):
        return True
    if any(a in group and b in group for group in aliases):
        return True
    if len(ta) == len(tb):
        return all(SequenceMatcher(None, x, y).ratio() >= 0.75 for x, y in zip(ta, tb))
    return False


class Pool:
    """Every entity the texts name, by kind, in order of first mention."""

    def __init__(self, lang: str):
        self.lex = lexicon.get(lang)
        self.by_kind: dict[str, list[str]] = {}
        # The same names as sets: a 600 KB text names thousands, and a list is searched end to end.
        self._known: dict[str, set[str]] = {}
        self._memo: dict[tuple, list[str]] = {}
        self.short: dict[str, str] = {}

    def add(self, span: sp.Span) -> None:
        known = self._known.setdefault(span.kind, set())
        if span.key not in known:
            known.add(span.key)
            self.by_kind.setdefault(span.kind, []).append(span.key)
        if span.text != span.key:
            self.short.setdefault(span.key, span.text)

    def knows(self, kind: str, name: str) -> bool:
        """Whether the texts named `name` as an entity of `kind`."""
        return name in self._known.get(kind, ())

    def short_form(self, name: str) -> str:
        """How the texts name this person alone ("Putin", "Kim"), for choices in that style."""
        if name in self.short:
            return self.short[name]
        words = name.split()
        # Three-part names are mostly East Asian, family name first (Xi Jin Ping, Choe Son Hui).
        # Which of two words a text would use alone is guesswork ("Xi Jinping" is "Xi", not
        # "Jinping"): such a name keeps both words unless the texts shortened it themselves.
        return words[0] if len(words) == 3 else name

    def entities(self, answer: str, kind: str, avoid: list[str], n: int = 3) -> list[str]:
        """Up to n names of `kind` that are neither the answer, its synonyms, nor in `avoid`."""
        key = (answer, kind, tuple(sorted(avoid)), n)
        if key not in self._memo:
            self._memo[key] = self._entities(answer, kind, avoid, n)
        return list(self._memo[key])

    def _entities(self, answer: str, kind: str, avoid: list[str], n: int) -> list[str]:
        found: list[str] = []
        own = stable_order(self.by_kind.get(kind, []), answer)
        backup = {sp.COUNTRY: self.lex.countries, sp.PLACE: self.lex.cities}.get(kind, ())
        for cand in own + stable_order(sorted(backup), answer):
            if any(same_thing(cand, x, self.lex) for x in [answer, *avoid, *found]):
                continue
            if not same_form(cand, answer, kind):
                continue
            found.append(cand)
            if len(found) == n:
                break
        return found


def same_form(cand: str, answer: str, kind: str) -> bool:
    """Whether a wrong choice looks like the answer: a full name beside a full name ("Moon" is no
    choice beside "Federica Mogherini"), a single name beside a single name."""
    return kind != sp.PERSON or (len(answer.split()) >= 2) == (len(cand.split()) >= 2)


def _fmt(value: float, like: str, lex: lexicon.Lexicon) -> str:
    """`value` written the way `like` writes its number ("10 mil", "10.000", "2,5")."""
    parts = like.split()
    mult_word = parts[-1].lower() if len(parts) > 1 and parts[-1].lower() in lex.multipliers else ""
    if mult_word:
        value /= lex.multipliers[mult_word]
        if lex.lang == "pt" and mult_word == "mil" and value >= 1000:
            # "1200 mil" is written "1,2 milhões".
            value, mult_word, parts = value / 1000, "milhões", [parts[0], "milhões"]
    if value == int(value):
        text = f"{int(value):,}"
        sep_like = "." if lex.decimal_comma else ","
        text = text.replace(",", sep_like if (sep_like in parts[0] or int(value) >= 10000) else "")
    else:
        text = f"{value:.1f}"
        if lex.decimal_comma:
            text = text.replace(".", ",")
    if parts[0].lower() in lex.number_words:
        text = next((w for w, v in lex.number_words.items() if v == value), text)
    if not mult_word:
        return text
    word = parts[-1]
    if lex.lang == "pt" and value == 1:
        word = {"milhões": "milhão", "bilhões": "bilhão"}.get(word, word)
    elif lex.lang == "pt" and value > 1:
        word = {"milhão": "milhões", "bilhão": "bilhões"}.get(word, word)
    return f"{text} {word}"


def _nice(v: float) -> float:
    # Two significant figures, so a distractor looks like a number a text would print.
    if v >= 10:
        mag = 10 ** (len(str(int(v))) - 2)
        return round(v / mag) * mag
    return round(v)


def numbers(span: sp.Span, lex: lexicon.Lexicon, n: int = 3) -> list[str]:
    """Numbers near the answer's magnitude, written in the same style as the answer."""
    v = span.value or 0
    parts = span.text.split()
    base = v / lex.multipliers[parts[-1].lower()] if len(parts) > 1 and \
        parts[-1].lower() in lex.multipliers else v
    if base <= 5:
        # Small counts (goals, medals): neighbours are the plausible mistakes.
        factors = [base + 1, base + 2, base - 1, base + 3]
        cands = [f * (v / base) if base else f for f in factors]
    else:
        cands = [_nice(v * f) for f in (0.5, 2, 1.5, 3, 0.75)]
    out: list[str] = []
    for c in cands:
        if c <= 0 or c == v:
            continue
        text = _fmt(c, span.text, lex)
        if text not in out and text != span.text:
            out.append(text)
        if len(out) == n:
            break
    return out


def dates(span_text: str, lex: lexicon.Lexicon, n: int = 3) -> list[str]:
    """Other months or nearby years in the same phrasing ("no final de agosto" → "no final de maio")."""
    low = span_text.lower()
    month = next((m for m in lex.months if re.search(rf"\b{m}\b", low)), None)
    out: list[str] = []
    if month:
        for other in stable_order([m for m in lex.months if m != month], span_text)[:n]:
            # The wrong months take the answer's capital: "Abril" among "maio", "junho" stands out.
            out.append(re.sub(month, lambda m: other.capitalize() if m.group(0)[:1].isupper() else other,
                              span_text, flags=re.IGNORECASE))
        return out
    year = re.search(r"\b(1[89]|20)\d\d\b", span_text)
    if year:
        y = int(year.group(0))
        for d in (-1, 1, -2):
            out.append(span_text[:year.start()] + str(y + d) + span_text[year.end():])
    return out[:n]
