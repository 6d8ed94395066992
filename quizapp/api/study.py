"""Study over JSON: sets with due and new counts, the next card, recording a review, a card's state.

Everything is the signed-in user's own: cards and reviews of other users are never read or written.
"""
import uuid
from typing import Optional

import sqlalchemy as sa
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp import card_rows, clock, optimisation, reviews, study_queue, user_writes
from quizapp.api import api_error, bp
from quizapp.attempts import MAX_ANSWER_MS
from quizapp.card_rows import card_json, iso
from quizapp.extensions import db
from quizapp.grading import grade, proposed_rating
from quizapp.models import Card, Question, QuestionSet, ReviewLog
from quizapp.offline import sync
from quizapp.request_guard import ID_MAX
from quizapp.scheduling import Rating
from quizapp.sets import question_counts, visible_set, visible_sets
from quizapp.study.present import shuffled_choices
from quizapp.templating import blank_cloze

MAX_CLIENT_ID = 64
MAX_ANSWER_LENGTH = 500


def _visible_question(question_id: int, *, live: bool = True) -> Optional[Question]:
    """The question if its set is visible to the user (and, with ``live``, not removed)."""
    if not 0 < question_id <= ID_MAX:  # no row has such an id, and the database refuses to compare with it
        return None
    question = db.session.get(Question, question_id)
    if question is None or (live and question.removed_at is not None):
        return None
    visible = db.session.scalar(visible_sets(current_user).where(QuestionSet.id == question.set_id))
    return question if visible is not None else None


def review_json(review: ReviewLog) -> dict:
    return {
        "id": review.id, "question_id": review.question_id, "client_id": review.client_id,
        "rating": review.rating, "answer_given": review.answer_given, "correct": review.correct,
        "duration_ms": review.duration_ms, "origin": review.origin, "reviewed_at": iso(review.reviewed_at),
        "state_before": review.state_before, "state_after": review.state_after,
    }


@bp.route("/sets")
@login_required
def sets():
    """The sets the user can see, each with its question count and today's due and new counts."""
    visible = db.session.scalars(visible_sets(current_user)).all()
    totals = question_counts(s.id for s in visible)
    counts = study_queue.set_counts(current_user, [s.id for s in visible])
    return jsonify(sets=[
        {"slug": s.slug, "title": s.title, "language": s.language, "questions": totals.get(s.id, 0),
         "due": counts[s.id].due, "new": counts[s.id].new, "learning": counts[s.id].learning,
         "review": counts[s.id].review}
        for s in visible
    ])


@bp.route("/sets/<slug>/next")
@login_required
def next_card(slug: str):
    """The next card to study in the set (due first, then new within the day's limits), or ``card: null``."""
    question_set = visible_set(current_user, slug)
    if question_set is None:
        return api_error(404, _("No set “%(slug)s” is visible to you.", slug=slug))
    now = clock.now()
    question, card, counts = study_queue.next_card(current_user, question_set.id, now)
    body = {"set": question_set.slug, "due": counts.due, "new": counts.new, "learning": counts.learning,
            "review": counts.review, "card": None}
    if question is not None:
        states = reviews.next_states_of(current_user, card, now, question_id=question.id, set_id=question_set.id)
        body["card"] = {
            "question_id": question.id, "type": question.type, "prompt": blank_cloze(question.prompt),
            "choices": shuffled_choices(question, uuid.uuid4().hex) if question.choices else [],
            "state": card_json(question.id, card),
            "next_states": {
                str(int(r)): {"rating": r.name.lower(), "due": iso(s.due), "interval_seconds": int(s.interval.total_seconds()),
                              "label": s.label}
                for r, s in states.items()
            },
        }
    return jsonify(body)


def _parse_review(payload) -> tuple[Optional[dict], Optional[tuple]]:
    """Check the body of POST /reviews; (values, None) or (None, error answer)."""
    if not isinstance(payload, dict):
        return None, api_error(400, _('Send a JSON object: {"question_id": 12, "rating": 3, "client_id": "..."}.'))
    question_id = payload.get("question_id")
    if not isinstance(question_id, int) or isinstance(question_id, bool):
        return None, api_error(400, _("question_id must be an integer."))
    rating = payload.get("rating")
    answer = payload.get("answer")
    if rating is None and answer is None:
        return None, api_error(400, _('Give a "rating" (1-4) or an "answer" to grade.'))
    if rating is not None and (isinstance(rating, bool) or rating not in (1, 2, 3, 4)):
        return None, api_error(400, _("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)."))
    if answer is not None and not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
        return None, api_error(400, _("answer must be a string or a number."))
    client_id = payload.get("client_id")
    if client_id is not None and (not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_CLIENT_ID):
        return None, api_error(400, _("client_id must be a string of 1 to %(num)d characters.", num=MAX_CLIENT_ID))
    duration = payload.get("duration_ms")
    if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool) or duration < 0):
        return None, api_error(400, _("duration_ms must be a non-negative integer."))
    if duration is not None:
        duration = min(duration, MAX_ANSWER_MS)  # as the pages do: longer is a student who walked away
    try:
        reviewed_at = None if payload.get("reviewed_at") is None else sync.parse_time(payload["reviewed_at"], "reviewed_at")
        known = "known_last_review" in payload
        known_last = None if payload.get("known_last_review") is None else sync.parse_time(payload["known_last_review"], "known_last_review")
    except sync.ReviewTimeError as error:
        return None, api_error(400, str(error))
    return {"question_id": question_id, "rating": rating, "answer": None if answer is None else str(answer)[:MAX_ANSWER_LENGTH],
            "client_id": client_id, "duration_ms": duration, "reviewed_at": reviewed_at,
            "known": known, "known_last_review": known_last}, None


def _review_body(outcome: reviews.ReviewOutcome, **extra) -> dict:
    return {"review": review_json(outcome.review), "card": card_json(outcome.review.question_id, outcome.card),
            "repeat": outcome.repeat, "leech": outcome.became_leech, **extra}


@bp.route("/reviews", methods=["POST"])
@login_required
def post_review():
    """Record one review. The same client_id again answers 200 with the first review, ``repeat: true``.

    With ``reviewed_at`` (an answer given offline) the review is scheduled at that time, within the
    bounds of :mod:`quizapp.offline.sync` (422 otherwise); ``replayed`` counts the card's later
    reviews, given on another device meanwhile, that were replayed after it.
    """
    values, error = _parse_review(request.get_json(silent=True))
    if error:
        return error
    question = _visible_question(values["question_id"])
    if question is None:
        return api_error(404, _("No question %(id)d is visible to you.", id=values["question_id"]))
    correct = None
    result = None
    if values["answer"] is not None:
        result = grade(question, values["answer"])
        correct = result.correct
    if values["rating"] is not None:
        rating = Rating(values["rating"])
    elif result.self_rated:
        return api_error(400, _("A flashcard is rated by the student: send a rating (1-4)."))
    else:
        rating = proposed_rating(result)
    user_id = current_user.id
    user_writes.begin_write(user_id)
    # An offline answer's client_id is checked before its time bounds (a retried one is now the card's
    # last review); an online answer's is checked by answer_card itself.
    if values["client_id"] and values["reviewed_at"] is not None:
        earlier = reviews.find_review(user_id, values["client_id"])
        if earlier is not None and earlier.question_id != values["question_id"]:
            db.session.rollback()
            return api_error(409, _("This client_id was already used for another question."))
        if earlier is not None:
            # Checked before the time bounds: a retried offline answer is now the card's last review.
            repeat = reviews.ReviewOutcome(earlier, card_rows.get_card(user_id, earlier.question_id), repeat=True)
            db.session.rollback()
            return jsonify(_review_body(repeat, replayed=0)), 200
    fields = dict(answer_given=values["answer"], correct=correct, duration_ms=values["duration_ms"],
                  client_id=values["client_id"], origin="study")
    replayed = 0
    if values["reviewed_at"] is not None:
        try:
            at = sync.bounded_time(card_rows.get_card(user_id, question.id), values["reviewed_at"], clock.now(),
                                   known=values["known"], known_last_review=values["known_last_review"])
        except sync.ReviewTimeError as refusal:
            db.session.rollback()
            return api_error(422, str(refusal), field="reviewed_at")
        placed = sync.record_at(current_user, question, rating, at, **fields)
        outcome, replayed = placed.outcome, placed.replayed
    else:
        try:
            outcome = reviews.answer_card(current_user, question, rating, **fields)
        except reviews.ClientIdReused:
            db.session.rollback()
            return api_error(409, _("This client_id was already used for another question."))
    if not outcome.repeat:
        optimisation.maybe_optimise(current_user)
    body = _review_body(outcome, replayed=replayed)
    if result is not None and not outcome.repeat:
        body["grade"] = {"correct": result.correct, "expected": result.expected, "note": result.note,
                         "credit": result.credit, "feedback": result.feedback}
    db.session.commit()
    return jsonify(body), 200 if outcome.repeat else 201


@bp.route("/cards/<int:question_id>")
@login_required
def get_card(question_id: int):
    """The user's FSRS state for one question: due, stability, difficulty, state, step, reps, lapses, last_review."""
    question = _visible_question(question_id, live=False)
    if question is None:
        return api_error(404, _("No question %(id)d is visible to you.", id=question_id))
    card = db.session.scalar(sa.select(Card).where(Card.user_id == current_user.id, Card.question_id == question_id))
    return jsonify(card_json(question_id, card))
