"""Quiz pages: start, answer (paged or on one page), result.

Every state change is a POST followed by a redirect. Attempt ids in URLs are checked against
the signed-in user: another user's attempt answers 404, as if it did not exist.
"""
import time

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp import attempts, form_tokens, user_writes
from quizapp.extensions import db
from quizapp.models import QuestionSet, QuizAttempt
from quizapp.quiz.forms import StartQuizForm
from quizapp.sets import visible_set_or_404
from quizapp.study.present import (
    answer_hint, input_kind, prompt_html, shown_answer, shuffled_choices, spelling_comparison,
)

bp = Blueprint("quiz", __name__, url_prefix="/quiz", template_folder="templates")

MAX_ANSWER_LENGTH = 500
MAX_DURATION_MS = 30 * 60 * 1000


TOKEN_PURPOSE = "quiz.page"


def _now_ms() -> int:
    return int(time.time() * 1000)


def _own_attempt(attempt_id: int) -> QuizAttempt:
    attempt = attempts.get_attempt(current_user.id, attempt_id)
    if attempt is None:
        abort(404)
    return attempt


def _presented(question, attempt: QuizAttempt, given: str = "") -> dict:
    """What a page needs to show one question; with an answer sent, its hint if it has one."""
    checked = request.form.get(f"checked-{question.id}")
    return {"question": question, "kind": input_kind(question), "prompt": prompt_html(question),
            "choices": shuffled_choices(question, f"attempt-{attempt.id}"), "given": given,
            "hint": answer_hint(question, given, check_spelling=checked != given) if given else None}


@bp.route("/<slug>", methods=["GET", "POST"])
@login_required
def start(slug: str):
    """Choose how many questions and how to see them, then start a new attempt."""
    question_set = visible_set_or_404(current_user, slug)
    available = attempts.quiz_question_count(question_set)
    form = StartQuizForm()
    if form.validate_on_submit():
        user_id = current_user.id
        user_writes.begin_write(user_id)
        question_set = visible_set_or_404(current_user, slug)
        attempt = attempts.start_attempt(current_user, question_set, form.count.data, form.mode.data)
        if attempt is None:
            abort(404)
        db.session.commit()
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    return render_template("quiz/start.html", question_set=question_set, form=form, available=available)


@bp.route("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """The next question (paged), all questions (one page) or, once finished, the result."""
    attempt = _own_attempt(attempt_id)
    if attempt.finished_at is not None:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    question_set = db.session.get(QuestionSet, attempt.set_id)
    total = len(attempt.question_ids)
    if attempt.mode == "single":
        items = [_presented(q, attempt) for q in attempts.attempt_questions(attempt)]
        return render_template("quiz/single.html", attempt=attempt, question_set=question_set, items=items)
    upcoming = attempts.next_unanswered(attempt)
    if upcoming is None:
        # Every question is answered but the last submit was lost: offer to finish.
        return render_template("quiz/finish.html", attempt=attempt, question_set=question_set, total=total)
    position, question = upcoming
    token = form_tokens.dumps(TOKEN_PURPOSE, current_user.id, {"a": attempt.id, "q": question.id, "s": _now_ms()})
    return _page(attempt, question, token)


def _page(attempt: QuizAttempt, question, token: str, *, given: str = "", hint: str | None = None):
    """One question of a paged quiz; with a hint, the answer just sent comes back to be checked."""
    question_set = db.session.get(QuestionSet, attempt.set_id)
    total = len(attempt.question_ids)
    position = attempt.question_ids.index(question.id)
    return render_template("quiz/page.html", attempt=attempt, question_set=question_set, position=position,
                           total=total, token=token, is_last=position == total - 1,
                           **{**_presented(question, attempt), "given": given, "hint": hint})


@bp.route("/attempts/<int:attempt_id>/answer", methods=["POST"])
@login_required
def answer(attempt_id: int):
    """Store one paged answer (a repeat is a no-op); after the last one, score the quiz."""
    attempt = _own_attempt(attempt_id)
    try:
        data = form_tokens.loads(TOKEN_PURPOSE, current_user.id, request.form.get("t", ""))
    except form_tokens.Expired:
        flash(_("That page was open for more than a day: here is the question again."), "info")
        return redirect(url_for("quiz.attempt", attempt_id=attempt_id))
    except form_tokens.BadSignature:
        abort(400)
    if data.get("a") != attempt.id or data.get("q") not in attempt.question_ids:
        abort(400)
    given = request.form.get("answer", "")[:MAX_ANSWER_LENGTH]
    if attempt.finished_at is None:
        question = next(q for q in attempts.attempt_questions(attempt) if q.id == data["q"])
        # An answer sent again as it was after a spelling hint is the student's decision.
        hint = answer_hint(question, given, check_spelling=request.form.get("checked") != given)
        if hint:
            return _page(attempt, question, request.form["t"], given=given, hint=hint)
    duration = max(0, min(_now_ms() - int(data["s"]), MAX_DURATION_MS))
    user_id = current_user.id
    user_writes.begin_write(user_id)
    attempt = _own_attempt(attempt_id)
    if attempt.finished_at is None:
        question = next(q for q in attempts.attempt_questions(attempt) if q.id == data["q"])
        attempts.record_answer(attempt, question, given or None, duration_ms=duration)
        if attempts.next_unanswered(attempt) is None:
            attempts.finish_attempt(current_user, attempt)
    db.session.commit()
    return redirect(url_for("quiz.attempt", attempt_id=attempt_id))


@bp.route("/attempts/<int:attempt_id>/finish", methods=["POST"])
@login_required
def finish(attempt_id: int):
    """Score the attempt: the one-page form's answers, or a paged quiz ended early. Scored once."""
    attempt = _own_attempt(attempt_id)
    answers = None
    if attempt.mode == "single":
        answers = {}
        for qid in attempt.question_ids:
            value = request.form.get(f"answer-{qid}")
            if value is not None:
                answers[qid] = value[:MAX_ANSWER_LENGTH]
        if attempt.finished_at is None:
            items = [_presented(q, attempt, answers.get(q.id, "")) for q in attempts.attempt_questions(attempt)]
            if any(item["hint"] for item in items):
                question_set = db.session.get(QuestionSet, attempt.set_id)
                return render_template("quiz/single.html", attempt=attempt, question_set=question_set, items=items)
    user_id = current_user.id
    user_writes.begin_write(user_id)
    attempt = _own_attempt(attempt_id)
    attempts.finish_attempt(current_user, attempt, answers)
    db.session.commit()
    return redirect(url_for("quiz.result", attempt_id=attempt_id))


@bp.route("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """The score and, per question, the answer given, the correct one, explanation and source."""
    attempt = _own_attempt(attempt_id)
    if attempt.finished_at is None:
        flash(_("Finish the quiz to see your score."), "info")
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    question_set = db.session.get(QuestionSet, attempt.set_id)
    lines = attempts.feedback(attempt)
    return render_template("quiz/result.html", attempt=attempt, question_set=question_set, lines=lines,
                           prompt_html=prompt_html, shown_answer=shown_answer, input_kind=input_kind,
                           spelling_comparison=spelling_comparison)
