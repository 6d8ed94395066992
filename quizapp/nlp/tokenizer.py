"""Tokenizer rules that cut text the way the treebank's words are cut.

Installed on the blank pipeline before training (`[initialize.before_init]`) and saved with the
model, so loading the model needs none of this code.  Portuguese: each contraction of the
treebank ("no", "dele", "pelas", "àquele") becomes pieces of its own surface whose norms are the
words ("n" → "em", "o" → "o"); a clitic written with a hyphen is its own token ("aprova" "-se",
"fazê" "-lo"); other hyphenated words stay whole ("guarda-chuva"), as in the treebank.
"""
from __future__ import annotations

import json
import re

import spacy
from spacy.symbols import NORM, ORTH
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

PT_CLITICS = ("se", "lo", "la", "los", "las", "lhe", "lhes", "me", "te", "nos", "vos", "o", "a", "os", "as",
              "no", "na", "nos", "nas", "mo", "ma", "to", "ta", "lho", "lha", "lhos", "lhas")


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in word)


def install_rules(nlp, table: dict[str, list[list[str]]], lang: str) -> None:
    """Add the contraction table as special cases (lower, Title and UPPER) and, for Portuguese,
    the clitic suffix and whole hyphenated words."""
    for surface, (pieces, forms) in table.items():
        for variant, cased in ((surface, pieces), (surface.capitalize(), None), (surface.upper(), None)):
            if cased is None:
                if variant == surface:
                    continue
                # Case the pieces as the whole is cased.
                out, at = [], 0
                for p in pieces:
                    out.append(variant[at:at + len(p)])
                    at += len(p)
                cased = out
            nlp.tokenizer.add_special_case(variant, [{ORTH: p, NORM: f} for p, f in zip(cased, forms)])
    if lang == "pt":
        tok = nlp.tokenizer
        clitic = "|".join(_any_case(c) for c in sorted(set(PT_CLITICS), key=len, reverse=True))
        suffixes = [rf"(?<=\w)-(?:{clitic})$"] + list(nlp.Defaults.suffixes)
        tok.suffix_search = compile_suffix_regex(suffixes).search
        infixes = [p for p in nlp.Defaults.infixes if "-" not in p and "(?:-|" not in p]
        tok.infix_finditer = compile_infix_regex(infixes).finditer


@spacy.registry.callbacks("quizapp.tokenizer_rules.v1")
def tokenizer_rules(table: str, lang: str):
    """The `before_init` callback: read the table written by the corpus step and install it."""

    def before_init(nlp):
        with open(table, encoding="utf-8") as fh:
            install_rules(nlp, json.load(fh), lang)
        return nlp

    return before_init


# English web text as the English Web Treebank cuts it: a run of one repeated symbol ("<<", "====",
# "***", "$$$") is one token, and so is a phone number ("713-853-3989", "3-5213"); a range of numbers
# ("750-800") is still three.  Runs of "!" and "?" ("!!", "?!") are one token in the treebank too, but
# kept apart here: the parser learnt its sentence ends on them cut, and joined they cost 0.9 points of
# sentence F1 on the dev file for 0.1 of UPOS.
EN_PUNCT_RUN = r"={2,}|\*{2,}|_{2,}|~{2,}|#{2,}|<{2,}|>{2,}|\${2,}|\+{2,}"
EN_PHONE = r"(?:\d{3}-)?\d{1,3}-\d{4}"


def install_web_rules(nlp) -> None:
    """Add the English web-text rules to a pipeline's tokenizer (`train.install` does, so they ship
    with the model whatever tokenizer it was trained with)."""
    tok = nlp.tokenizer
    tok.token_match = re.compile(rf"^(?:{EN_PUNCT_RUN}|{EN_PHONE})$").match
    tok.prefix_search = compile_prefix_regex([EN_PUNCT_RUN] + list(nlp.Defaults.prefixes)).search
    tok.suffix_search = compile_suffix_regex([EN_PUNCT_RUN] + list(nlp.Defaults.suffixes)).search
