"""What a device downloads to study one set offline: the next cards, their previews, the grading rules.

A pack holds the cards the student would study today (due now, learning steps due later today,
and today's new cards within the daily limits), at most ``max_cards`` of them, each with what the
device needs without the server: prompt, choices, answer and explanation, the grading rules of
:mod:`quizapp.offline.grading_rules`, and the scheduler's previews two answers deep (what each
rating would do, and what each rating after that would do), so buttons carry their intervals and a
card answered Again comes back in the offline session. The server schedules every answer again
when it syncs (:mod:`quizapp.offline.sync`): previews are hints, never stored as states.

It also lists the images and sounds its cards show (each card's, and the pack's files once each
with their sizes), up to ``max_media_bytes`` in all: the device caches those files (Cache Storage,
through the service worker) so an image card studied offline shows its image. A card whose file
is past the cap is packed without it and shows its text alternative.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Optional

import sqlalchemy as sa
from flask import url_for

from quizapp import card_rows, study_options, study_queue
from quizapp.card_rows import card_json, iso
from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, User
from quizapp.offline import grading_rules
from quizapp.scheduling import CardState, Rating, Scheduler, State, format_interval
from quizapp.formats import cloze
from quizapp.media.store import media_of_questions
from quizapp.study.present import input_kind, shuffled_choices
from quizapp.templating import blank_cloze

PACK_VERSION = 1
PREVIEW_DEPTH = 2


def previews(scheduler: Scheduler, state: CardState, now: datetime, depth: int = PREVIEW_DEPTH) -> dict[str, Any]:
    """Per rating: the due time, interval and label it gives, and (depth > 1) the previews after it.

    A deeper level is computed as if the card were answered when it falls due.
    """
    level = {}
    for rating in Rating:
        outcome = scheduler.answer_card(state, rating, now)
        node = {"rating": rating.name.lower(), "due": iso(outcome.after.due),
                "interval_seconds": int(outcome.interval.total_seconds()), "label": format_interval(outcome.interval)}
        if depth > 1:
            node["next_states"] = previews(scheduler, outcome.after, outcome.after.due, depth - 1)
        level[str(int(rating))] = node
    return level


def _media_entry(row) -> dict[str, Any]:
    media = row.media
    return {"field": row.field, "kind": media.kind, "url": url_for("media.file", digest=media.sha256),
            "alt": row.alt or "", "width": media.width, "height": media.height, "size": media.size}


def _pack_media(rows_by_question: dict[int, list], ids: list[int], max_bytes: int) -> tuple[dict[int, list], list]:
    """Each card's media entries and the pack's files (each once), in card order, within `max_bytes`."""
    files: dict[str, dict[str, Any]] = {}
    used = 0
    by_card: dict[int, list] = {}
    for qid in ids:
        entries = []
        for row in rows_by_question.get(qid, []):
            entry = _media_entry(row)
            if entry["url"] not in files:
                if used + entry["size"] > max_bytes:
                    continue  # past the cap: this card shows the text alternative offline
                used += entry["size"]
                files[entry["url"]] = {"url": entry["url"], "size": entry["size"]}
            entries.append(entry)
        by_card[qid] = entries
    return by_card, list(files.values())


def _card_entry(user_id: int, question: Question, card: Optional[Card], scheduler: Scheduler,
                now: datetime, media: list) -> dict[str, Any]:
    state = card_rows.card_state(card, now, key=card_rows.card_key(user_id, question.id))
    # A review card is due for the whole study day, a learning step only once reached.
    if state.is_new:
        available_at = None
    elif state.state == State.REVIEW:
        available_at = iso(min(state.due, now))
    else:
        available_at = iso(state.due)
    return {
        "question_id": question.id, "type": question.type, "kind": input_kind(question),
        "prompt": blank_cloze(question.prompt),
        "prompt_answered": cloze.fill(question.prompt or "", lambda inside: inside),
        "choices": shuffled_choices(question, uuid.uuid4().hex) if question.choices else [],
        "explanation": question.explanation, "source_quote": question.source_quote,
        "position": question.position, "new": state.is_new, "available_at": available_at,
        "state": card_json(question.id, card),
        "next_states": previews(scheduler, state, now),
        "grading": grading_rules.question_rules(question),
        "media": media,
    }


def build_pack(user: User, question_set: QuestionSet, now: datetime, *, max_cards: int, max_sets: int,
               max_media_bytes: int = 0) -> dict[str, Any]:
    """The download of one set for `user` at `now` (JSON-ready); media up to `max_media_bytes`."""
    # The queue as it will stand at the end of the study day: everything that falls due today.
    _, day_end = study_options.day_bounds(user, now)
    queue = study_queue.get_queued_cards_for(user, question_set.id, day_end - timedelta(microseconds=1))[:max_cards]
    ids = [candidate.card_id for candidate in queue]
    questions = {q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_(ids)))} if ids else {}
    cards = {c.question_id: c for c in db.session.scalars(
        sa.select(Card).where(Card.user_id == user.id, Card.question_id.in_(ids)))} if ids else {}
    scheduler = study_options.scheduler_for(user, question_set.id)
    media, files = _pack_media(media_of_questions(ids), ids, max_media_bytes)
    return {
        "version": PACK_VERSION, "user_id": user.id, "server_time": iso(now),
        "set": {"slug": question_set.slug, "title": question_set.title, "language": question_set.language},
        "limits": {"cards_per_set": max_cards, "sets": max_sets, "media_bytes_per_set": max_media_bytes},
        "media": {"files": files, "bytes": sum(f["size"] for f in files)},
        "rules": grading_rules.rules(),
        "cards": [_card_entry(user.id, questions[qid], cards.get(qid), scheduler, now, media.get(qid, []))
                  for qid in ids if qid in questions],
    }
