"""Anki decks as sets: a package (or notes export) whose notes sit in several decks becomes one set per deck.

Readers of formats that carry decks note each question's deck in :attr:`ReadResult.decks`
(parallel to the set's questions) and, by default, tag the question with it: one set, each deck a
tag. :func:`sets_by_deck` makes the other choice: one set per deck, titled by its path with
subdecks joined by " :: " (``Geography :: Rivers``), the deck tag taken off again since the set
now says it.
"""
from __future__ import annotations

import dataclasses

from quizapp import limits
from quizapp.formats.data import SetData
from quizapp.formats.model import FreeNames, slugify
from quizapp.formats.results import ReadResult, default_title

# How a file's decks come in: "tags" (one set, each deck a tag; the default) or "sets" (one set per deck).
DECK_MODES = ("tags", "sets")
# Anki's deck for notes nobody filed: no title of its own.
DEFAULT_DECK = "Default"


def deck_tag(deck: str) -> str:
    """The tag a deck gives its questions: Anki's tags hold no spaces."""
    return deck.replace(" ", "_")


def deck_title(deck: str) -> str:
    return " :: ".join(part.strip() for part in deck.split("::"))[:limits.TITLE_MAX].strip()


def sets_by_deck(result: ReadResult, filename: str | None = None) -> list[SetData]:
    """One set per deck of ``result``, in the order the decks first appear, each with the files its
    questions show. A result without decks is its one set."""
    if not result.decks or len(result.decks) != len(result.set.questions):
        return [result.set]
    groups: dict[str, list] = {}
    for question, deck in zip(result.set.questions, result.decks):
        tag = deck_tag(deck) if deck else None
        kept = [t for t in question.tags if t != tag]
        groups.setdefault(deck, []).append(dataclasses.replace(question, tags=kept))
    slugs = FreeNames()
    out = []
    for deck, questions in groups.items():
        title = deck_title(deck) if deck and deck != DEFAULT_DECK else default_title(filename)
        slug = slugs.take(slugify(title)[:limits.SLUG_MAX - 20].strip("-") or "deck")
        names = {ref.file for question in questions for ref in question.media}
        out.append(dataclasses.replace(result.set, title=title, slug=slug, questions=questions,
                                       media={name: result.set.media[name] for name in names}))
    return out
