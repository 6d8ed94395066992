"""Sentence starts the parser must respect: a capital after a full stop that ends no abbreviation.

The parser learns sentence ends from the treebank, whose documents have many headlines and few
of the long paragraphs teachers bring; a full stop, question or exclamation mark followed by a
capital (or an opening quote, or a digit) ends a sentence unless the word before the stop is an
abbreviation or an initial ("D. Manuel I", "Dr. Silva", "p. ex.").  Set before the parser runs,
these starts bind it; everywhere else it decides.  Added to a model by `train.install`.
"""
from __future__ import annotations

from spacy.language import Language

ENDS = {".", "!", "?", "…", "...", "!?", "?!"}
ABBREVIATIONS = {
    "pt": set("""sr sra srs sras dr dra drs dras prof profa profs eng arq gen cel cap ten sgt av r n nº
        pág p pp vol cf etc ex séc sec tel fig dir esq st jr vs ltda s.a a.c d.c d dª art arts inc
        lda cia dept min máx aprox obs""".split()),
    "en": set("""mr mrs ms dr prof st jr sr vs etc e.g i.e fig no vol pp p inc ltd co corp dept est
        approx mt ft gen col capt lt sgt rev u.s u.k a.m p.m jan feb mar apr jun jul aug sep sept oct
        nov dec""".split()),
}
_OPENERS = ("“", '"', "«", "‘", "'", "(", "—", "–", "-")
_STRAIGHT_QUOTES = ('"', "'")  # open or close: the space after tells which


def _starts_sentence(tok) -> bool:
    first = tok.text[:1]
    if tok.text in _STRAIGHT_QUOTES:
        # A straight quote opens only when it sits against the next word ('. "Then'); one followed by a
        # space closes the sentence before it ('the phrase. " And').
        return not tok.whitespace_
    return first.isupper() or first.isdigit() or tok.text in _OPENERS


def mark(doc, lang: str):
    abbreviations = ABBREVIATIONS.get(lang, set())
    for tok in doc[1:-1] if len(doc) > 2 else ():
        nxt = doc[tok.i + 1]
        if tok.text not in ENDS or not tok.whitespace_ or not _starts_sentence(nxt):
            continue
        prev = doc[tok.i - 1].text.lower().rstrip(".")
        if tok.text == "." and (prev in abbreviations or (len(prev) == 1 and prev.isalpha())):
            continue
        nxt.is_sent_start = True
    return doc


@Language.factory("quizapp_sentence_rules", default_config={})
def sentence_rules(nlp, name):
    lang = nlp.lang

    def component(doc):
        return mark(doc, lang)

    return component
