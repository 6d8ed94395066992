"""Stage 4b: questions read off the parse of a sentence (trained pipeline, quizapp.nlp).

Where the rules of clause.py look for names and dates in a sentence's words, these builders
read its dependency tree: a copula with an indefinite predicate is a definition ("A memória é
um dispositivo que …" → "O que é a memória?", and the card both ways), a copula with a named
predicate an identity ("O arquiteto responsável foi Francisco de Arruda" → "Quem foi o
arquiteto responsável?"), a clause's subject or object a wh-question with the sentence's own
verb (tense and agreement kept because the verb is the sentence's), and its most informative
noun phrases cloze blanks.  Each builder returns nothing when the tree has another shape.

The builders live by kind: copulas.py, noun_phrases.py, wh_parsed.py, over tree.py's readers.
"""
from __future__ import annotations

from .copulas import called, definitions
from .noun_phrases import informativeness, noun_phrases
from .wh_parsed import by_whom, how_many, wh_parsed, where_parsed

BUILDERS = (definitions, noun_phrases, wh_parsed, where_parsed, called, by_whom, how_many)

__all__ = ["BUILDERS", "informativeness"]
