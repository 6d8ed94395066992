"""Studying a set: the next card, its answer checked, the student's rating recorded.

The flow is post/redirect/get throughout, so reloading a page never records anything twice:

``GET /study/<slug>`` shows the next card with a signed token (question, when it was shown, a
fresh client_id) → ``POST /study/<slug>/answer`` adds the answer to the token and redirects to
``GET /study/<slug>/check?t=…``: the grade, the correct answer and four rating buttons labelled
with when the card would come back → ``POST /study/<slug>/review`` records the review once per
client_id and redirects to the next card. Nothing is stored before the rating: the student may
change the proposed one.
"""
import time
import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user, login_required

from quizapp import (card_rows, clock, form_tokens, leeches, optimisation, reviews, study_options, study_queue,
                     undo_answers, user_writes, workload)
from quizapp.scheduling.options import format_steps, parse_steps
from quizapp.extensions import db
from quizapp.grading import grade, proposed_rating
from quizapp.models import Question, QuestionSet
from quizapp.scheduling import Rating
from quizapp.sets import visible_set_or_404
from quizapp.study.forms import ZONES, SetLimitsForm, StudySettingsForm
from quizapp.study.present import (
    answer_hint, input_kind, prompt_html, shown_answer, shuffled_choices, spelling_comparison, verdict,
)

bp = Blueprint("study", __name__, template_folder="templates")

RATING_LABELS = {
    Rating.AGAIN: _l("Again"),
    Rating.HARD: _l("Hard"),
    Rating.GOOD: _l("Good"),
    Rating.EASY: _l("Easy"),
}
MAX_ANSWER_LENGTH = 500
# A card left open over lunch says nothing about recall time; cap what is stored.
MAX_DURATION_MS = 30 * 60 * 1000


TOKEN_PURPOSE = "study.card"


class _StaleCard(Exception):
    """The card's token is more than a day old: the student gets the set's next card instead."""


@bp.errorhandler(_StaleCard)
def _stale_card(_error):
    flash(_("That card was shown more than a day ago, so here is the next one."), "info")
    return redirect(url_for("study.study", slug=request.view_args.get("slug", "")))


def _make_token(data: dict) -> str:
    return form_tokens.dumps(TOKEN_PURPOSE, current_user.id, data)


def _read_token(token: str | None) -> dict:
    try:
        data = form_tokens.loads(TOKEN_PURPOSE, current_user.id, token or "")
    except form_tokens.Expired:
        raise _StaleCard() from None
    except form_tokens.BadSignature:
        abort(400)
    if not isinstance(data, dict) or "q" not in data or "c" not in data:
        abort(400)
    return data


def _now_ms() -> int:
    return int(time.time() * 1000)


def _set_question(question_set: QuestionSet, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.set_id != question_set.id:
        abort(404)
    return question


def _answered(question_set: QuestionSet, token: str | None) -> tuple[dict, Question]:
    """The token of a card already answered, and its question: what the check and review pages need."""
    data = _read_token(token)
    if "a" not in data:
        abort(400)
    return data, _set_question(question_set, data["q"])


def _can_undo(question_set: QuestionSet) -> bool:
    return undo_answers.can_undo(current_user, question_set.id)


@bp.route("/study/<slug>")
@login_required
def study(slug: str):
    """The next card of the set, or a page saying the day's work is done."""
    question_set = visible_set_or_404(current_user, slug)
    now = clock.now()
    question, counts = study_queue.next_question(current_user, question_set.id, now)
    again = _undone_question(question_set, request.args.get("again"))
    if again is not None:
        question = again  # a card just taken back is shown again first, as in Anki
    if question is None:
        return render_template("study/done.html", question_set=question_set, counts=counts,
                               can_undo=_can_undo(question_set))
    client_id = uuid.uuid4().hex
    token = _make_token({"q": question.id, "s": _now_ms(), "c": client_id})
    return _card_page(question_set, question, counts, token, client_id)


def _card_page(question_set: QuestionSet, question: Question, counts, token: str, client_id: str, *,
               given: str = "", hint: str | None = None):
    return render_template(
        "study/card.html", question_set=question_set, question=question, counts=counts, token=token,
        kind=input_kind(question), choices=shuffled_choices(question, client_id),
        prompt=prompt_html(question), can_undo=_can_undo(question_set), given=given, hint=hint,
        card=card_rows.get_card(current_user.id, question.id), back=url_for("study.study", slug=question_set.slug),
    )


def _undone_question(question_set: QuestionSet, value: str | None) -> Question | None:
    """The question named by ``?again=`` after an undo, if it is a live one of this set."""
    if not value or not value.isdigit():
        return None
    question = db.session.get(Question, int(value))
    if question is None or question.set_id != question_set.id or question.removed_at is not None:
        return None
    return question


@bp.route("/study/<slug>/answer", methods=["POST"])
@login_required
def answer(slug: str):
    """Take the answer (or the reveal of a flashcard) and show the check page; nothing is stored yet."""
    question_set = visible_set_or_404(current_user, slug)
    data = _read_token(request.form.get("t"))
    question = _set_question(question_set, data["q"])
    given = request.form.get("answer", "")[:MAX_ANSWER_LENGTH]
    hint = answer_hint(question, given, check_spelling=False)
    if hint:
        counts = study_queue.study_counts(current_user, question_set.id)
        return _card_page(question_set, question, counts, request.form["t"], data["c"], given=given, hint=hint)
    checked = {**data, "a": given, "t": _now_ms()}
    return redirect(url_for("study.check", slug=slug, t=_make_token(checked)))


@bp.route("/study/<slug>/check")
@login_required
def check(slug: str):
    """The answer graded, the correct answer and explanation, and the rating buttons."""
    question_set = visible_set_or_404(current_user, slug)
    data, question = _answered(question_set, request.args.get("t"))
    result = grade(question, data["a"])
    proposed = None if result.self_rated else proposed_rating(result)
    states = reviews.next_states(current_user, question.id)
    counts = study_queue.study_counts(current_user, question_set.id)
    buttons = [
        {"rating": int(r), "label": RATING_LABELS[r], "interval": states[r].label, "proposed": r == proposed}
        for r in Rating
    ]
    return render_template(
        "study/check.html", question_set=question_set, question=question, counts=counts,
        token=request.args["t"], result=result, given=shown_answer(data["a"]), verdict=verdict(result),
        comparison=spelling_comparison(result, data["a"]),
        prompt=prompt_html(question, reveal=True), buttons=buttons,
        focus=int(proposed or Rating.GOOD), kind=input_kind(question),
        card=card_rows.get_card(current_user.id, question.id), back=request.full_path,
    )


@bp.route("/study/<slug>/review", methods=["POST"])
@login_required
def review(slug: str):
    """Record the rating once (per client_id) and go on to the next card."""
    question_set = visible_set_or_404(current_user, slug)
    data, question = _answered(question_set, request.form.get("t"))
    choice = request.form.get("rating", "")
    result = grade(question, data["a"])
    if choice == "right":
        # The student overrules the grader ("I was right"): a typo we did not forgive, a synonym.
        rating, correct = Rating.GOOD, True
    elif choice in ("1", "2", "3", "4"):
        rating, correct = Rating(int(choice)), result.correct
    else:
        abort(400)
    duration = max(0, min(int(data.get("t", _now_ms())) - int(data["s"]), MAX_DURATION_MS))
    user_id = current_user.id
    user_writes.begin_write(user_id)
    outcome = reviews.answer_card(
        current_user, question, rating, answer_given=data["a"] if question.type != "flashcard" else None,
        correct=correct, duration_ms=duration, client_id=data["c"], origin="study",
    )
    if not outcome.repeat:
        optimisation.maybe_optimise(current_user)
    db.session.commit()
    if outcome.became_leech and outcome.card.suspended:
        flash(_("This question is a leech: you have forgotten it %(num)d times, so it is suspended. "
                "Rewrite it in your notes or unsuspend it in the study settings.", num=outcome.card.lapses), "error")
    elif outcome.became_leech:
        flash(_("This question is a leech: you have forgotten it %(num)d times. It is tagged as one in "
                "your cards; rewrite it in your notes.", num=outcome.card.lapses), "error")
    return redirect(url_for("study.study", slug=slug))


@bp.route("/study/<slug>/undo", methods=["POST"])
@login_required
def undo(slug: str):
    """Take back the last rating in this set (up to 10 one after another); its card comes back as it was, shown first."""
    question_set = visible_set_or_404(current_user, slug)
    user_writes.begin_write(current_user.id)
    question = undo_answers.undo_last_review(current_user, question_set.id)
    db.session.commit()
    if question is None:
        flash(_("There is no answer to undo."), "info")
        return redirect(url_for("study.study", slug=slug))
    left = undo_answers.UNDO_DEPTH - current_user.undo_streak
    if undo_answers.can_undo(current_user, question_set.id):
        flash(ngettext("Your last answer was undone. You can undo %(num)d more.",
                       "Your last answer was undone. You can undo %(num)d more.", left), "info")
    else:
        flash(_("Your last answer was undone."), "info")
    return redirect(url_for("study.study", slug=slug, again=question.id))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Desired retention, daily limits, time zone and day start; and the suspended cards, to unsuspend."""
    form = StudySettingsForm(obj=current_user)
    if request.method == "GET":
        form.easy_days.data = [str(day) for day in study_options.easy_days(current_user)]
    if form.validate_on_submit():
        user_id = current_user.id
        user_writes.begin_write(user_id)
        for name in ("timezone", "day_start_hour", "desired_retention", "new_per_day", "reviews_per_day",
                     "learning_steps", "relearning_steps", "maximum_interval", "leech_threshold", "leech_action",
                     "new_card_order", "load_balancing", "easy_days"):
            value = getattr(form, name).data
            if name == "easy_days":
                value = ",".join(sorted(set(value or [])))
            if name in ("learning_steps", "relearning_steps"):
                value = format_steps(parse_steps(value or ""))
            setattr(current_user, name, value)
        db.session.commit()
        flash(_("Your study settings are saved."), "success")
        return redirect(url_for("study.settings"))
    suspended = leeches.suspended_cards(current_user.id)
    return render_template("study/settings.html", form=form, suspended=suspended, zones=ZONES,
                           workload=workload.expected_workload(current_user),
                           last_run=optimisation.last_run(current_user.id),
                           fitted=bool(current_user.fsrs_parameters),
                           needed=optimisation.MIN_LONG_TERM_REVIEWS)


@bp.route("/settings/optimise", methods=["POST"])
@login_required
def optimise():
    """Fit FSRS parameters to the student's own reviews now; kept only if the health check passes."""
    user_writes.begin_write(current_user.id)
    run = optimisation.optimise(current_user, reschedule=request.form.get("reschedule") == "on")
    db.session.commit()
    if run.outcome == "kept":
        flash(_("New parameters fitted to your reviews are in use.") + (
            " " + ngettext("%(num)d card was rescheduled.", "%(num)d cards were rescheduled.", run.rescheduled)
            if run.rescheduled else ""), "success")
    elif run.outcome == "discarded":
        flash(_("The fitted parameters predicted your reviews worse than the current ones, so the current ones stay."),
              "info")
    else:
        flash(_("Not enough reviews to fit yet: %(have)d of the %(need)d reviews on a later day than the "
                "card's previous one.", have=run.long_term_reviews, need=optimisation.MIN_LONG_TERM_REVIEWS),
              "info")
    return redirect(url_for("study.settings") + "#optimise")


@bp.route("/study/<slug>/limits", methods=["GET", "POST"])
@login_required
def set_limits(slug: str):
    """The student's own daily limits for one set, under the account's limits for all sets."""
    question_set = visible_set_or_404(current_user, slug)
    own = study_options.set_limits(current_user.id, [question_set.id]).get(question_set.id)
    form = SetLimitsForm(obj=own)
    if form.validate_on_submit():
        user_writes.begin_write(current_user.id)
        steps = {name: format_steps(parse_steps(getattr(form, name).data)) if getattr(form, name).data else None
                 for name in ("learning_steps", "relearning_steps")}
        study_options.save_set_limits(current_user.id, question_set.id, form.new_per_day.data, form.reviews_per_day.data,
                                desired_retention=form.desired_retention.data, maximum_interval=form.maximum_interval.data,
                                new_card_order=form.new_card_order.data or None, **steps)
        db.session.commit()
        flash(_("The limits of this set are saved."), "success")
        return redirect(url_for("study.study", slug=slug))
    return render_template("study/limits.html", question_set=question_set, form=form)


@bp.route("/settings/cards/<int:card_id>/unsuspend", methods=["POST"])
@login_required
def unsuspend(card_id: int):
    """Put a suspended card (a leech, usually) back into the study queue."""
    user_writes.begin_write(current_user.id)
    card = leeches.set_suspended(current_user.id, card_id, False)
    if card is None:
        abort(404)
    db.session.commit()
    flash(_("The card is back in your study queue."), "success")
    return redirect(url_for("study.settings"))


# Route modules that share the blueprint; importing them registers their views.
from quizapp.study import card_views  # noqa: E402,F401  isort: skip
from quizapp.study import custom_views  # noqa: E402,F401  isort: skip
