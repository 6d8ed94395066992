"""Comparing typed text: normalising, spelling variants, people's names and near misses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from quizapp.grading import rules

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def normalize_text(text: object) -> str:
    """Casefolded words without accents or punctuation, single-spaced.

    "  Choe Son-Hui! " and "choe son hui" both give "choe son hui".
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(_FOLD))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining accents
            continue
        # Punctuation and symbols separate words, as a space would.
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).split())


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap
    of two neighbouring letters (Damerau-Levenshtein distance <= 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        # One substitution, or two neighbours swapped.
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one letter inserted in b


_LEADING_FUNCTION_WORDS = frozenset(rules.LEADING_FUNCTION_WORDS)


def without_leading_function_words(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0] in _LEADING_FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


# ---- spelling variants ---------------------------------------------------------------------

_VARIANT_RULES = [(re.compile(pattern), replacement) for pattern, replacement in rules.VARIANT_RULES]
_RULE_EXCEPTIONS = frozenset(rules.VARIANT_RULE_EXCEPTIONS)
# Every spelling of a pair points at the pair's first one; longer phrases are replaced first.
_SPELLINGS = {variant: pair[0] for pair in rules.VARIANT_SPELLINGS for variant in pair}
_SPELLING = re.compile(
    r"\b(" + "|".join(re.escape(v) for v in sorted(_SPELLINGS, key=len, reverse=True)) + r")\b"
)


def is_portuguese(language: str | None) -> bool:
    return (language or "").lower().startswith("pt")


def spelling_key(text: str, language: str | None = None) -> str:
    """One form for the European and Brazilian spellings of normalised text: "Moscovo" and
    "Moscou", "facto" and "fato", "acção" and "ação" give the same key. The consonant rule
    applies to Portuguese (or unknown-language) answers only."""
    text = _SPELLING.sub(lambda found: _SPELLINGS[found.group(1)], text)
    if language is not None and not is_portuguese(language):
        return text
    words = []
    for word in text.split():
        if word not in _RULE_EXCEPTIONS:
            for pattern, replacement in _VARIANT_RULES:
                word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


# ---- people's names ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PARTICLES = frozenset(rules.NAME_PARTICLES)


def names_in(texts: Iterable[str]) -> set[str]:
    """Normalised runs of two to five capitalised words (particles such as "da" allowed inside):
    "Choe Son Hui", "Vladimir Putin". An opening article is not part of a name ("O Kremlin")."""
    found: set[str] = set()
    for text in texts:
        run: list[str] = []
        end = 0
        for match in [*_WORD.finditer(text or ""), None]:
            word = match.group(0) if match else ""
            # Punctuation between two words ends a name: "Rússia, Coreia" is two.
            joined = match is not None and not text[end:match.start()].strip()
            end = match.end() if match else end
            if word[:1].isupper() and (joined or not run):
                run.append(word)
                continue
            if run and joined and word in _PARTICLES:
                run.append(word)
                continue
            while run and (run[-1] in _PARTICLES):
                run.pop()
            while run and normalize_text(run[0]) in _LEADING_FUNCTION_WORDS:
                run.pop(0)
            counted = [w for w in run if w not in _PARTICLES]
            if 2 <= len(counted) <= rules.NAME_MAX_WORDS:
                found.add(normalize_text(" ".join(run)))
            run = [word] if word[:1].isupper() else []
    return found


def _is_part(part: str, name: str) -> bool:
    """True when `part` is the name's opening or closing words, shorter than the name."""
    part_words, name_words = part.split(), name.split()
    n = len(part_words)
    return 0 < n < len(name_words) and (name_words[:n] == part_words or name_words[-n:] == part_words)


def _count(phrase: str, texts: list[str]) -> int:
    pattern = re.compile(r"\b" + re.escape(phrase) + r"\b")
    return sum(len(pattern.findall(text)) for text in texts)


def same_person(given: str, expected: str, texts: Iterable[str]) -> bool:
    """True when the texts name one person both ways and `given` is the other way.

    A full name answers for the part of it that is expected ("Choe Son Hui" for "Choe"); a part
    answers for the full name only where the texts use that part alone ("Putin" for
    "Vladimir Putin" if some text says just "Putin"). Both are normalised.
    """
    return given in person_forms(expected, texts)


def person_forms(expected: str, texts: Iterable[str]) -> set[str]:
    """Every normalised answer that names the same person as `expected` in the texts (see
    `same_person`). The set is finite, a few names at most, so a device can be handed it."""
    texts = [t for t in texts if t]
    normalised = [normalize_text(t) for t in texts]
    words = expected.split()
    # The parts of the expected name: its opening and closing words, shorter than it.
    parts = {" ".join(words[:n]) for n in range(1, len(words))} | {" ".join(words[-n:]) for n in range(1, len(words))}
    forms: set[str] = set()
    for name in names_in(texts):
        # A title may open the run ("President Barack Obama"): any end of the run is a name too.
        name_words = name.split()
        for given in [name, *(" ".join(name_words[-n:]) for n in range(2, len(name_words)))]:
            if _is_part(expected, given):
                forms.add(given)
        if _in_name(expected, name):
            # The part appears more often than the full name does: somewhere it stands alone.
            forms.update(part for part in parts if _count(part, normalised) > _count(expected, normalised))
    return forms


def _in_name(words: str, name: str) -> bool:
    """The whole run, or its closing words: "barack obama" in "president barack obama"."""
    return words == name or name.endswith(" " + words) and len(words.split()) > 1


# ---- comparing ------------------------------------------------------------------------------


def text_matches(given: str, expected: str, language: str | None = None) -> tuple[bool, int]:
    """Compare normalised texts: spacing, opening articles or prepositions and spelling variants
    are ignored; one typo allowed per word of TYPO_MIN_LENGTH letters. Returns (matched, typos)."""
    given = spelling_key(without_leading_function_words(given), language)
    expected = spelling_key(without_leading_function_words(expected), language)
    if given.replace(" ", "") == expected.replace(" ", ""):
        return True, 0
    given_words, expected_words = given.split(), expected.split()
    if len(given_words) != len(expected_words) or not expected_words:
        return False, 0
    typos = 0
    for g, e in zip(given_words, expected_words):
        if g == e:
            continue
        # Digits are facts, not spelling: "1945" and "1946" differ.
        if len(e) < rules.TYPO_MIN_LENGTH or any(c.isdigit() for c in e + g) or not within_one_edit(g, e):
            return False, 0
        typos += 1
    return True, typos


def spelling_marks(given: str, expected: str) -> list[tuple[str, bool]]:
    """The given answer in pieces, each marked True where it differs from the expected one,
    as Anki's type-in comparison shows it (case and accents are not differences)."""
    folded_given, folded_expected = _fold_letters(given), _fold_letters(expected)
    pieces: list[tuple[str, bool]] = []
    matcher = SequenceMatcher(None, folded_given, folded_expected, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if i1 == i2:
            continue
        pieces.append((given[i1:i2], tag != "equal"))
    return pieces


def _fold_letters(text: str) -> str:
    """Casefold and drop accents letter by letter, keeping the length so positions line up."""
    return "".join(
        (unicodedata.normalize("NFKD", c)[:1] or c).casefold()[:1] or c for c in text
    )
