"""A student's cards: the actions on the study pages (suspend, bury, flag, note) and the search page."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from quizapp import cards, user_writes
from quizapp.extensions import db
from quizapp.models import Question
from quizapp.sets import visible_set
from quizapp.study.views import bp

DONE_MESSAGES = {
    "suspend": _l("The card is suspended: it stays out of your reviews until you unsuspend it."),
    "unsuspend": _l("The card is back in your study queue."),
    "bury": _l("The card is buried until tomorrow."),
    "unbury": _l("The card is back in today's queue."),
    "flag": _l("The card is flagged."),
    "unflag": _l("The flag is removed."),
    "note": _l("Your note is saved."),
}
STATUS_LABELS = {
    "new": _l("new"), "learning": _l("learning"), "review": _l("review"), "relearning": _l("relearning"),
}
FILTER_LABELS = {
    "": _l("All my cards"), "flagged": _l("Flagged"), "suspended": _l("Suspended"),
    "buried": _l("Buried"), "noted": _l("With a note"),
}


def _back(default: str) -> str:
    """Where to return after an action: a page of this app only (never another site)."""
    target = request.form.get("back", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.route("/cards/<int:question_id>/<action>", methods=["POST"])
@login_required
def card_action(question_id: int, action: str):
    """Suspend, unsuspend, bury until tomorrow, unbury, flag, unflag or note one card."""
    if action not in cards.ACTIONS:
        abort(404)
    question = db.session.get(Question, question_id)
    if question is None or question.removed_at is not None \
            or visible_set(current_user, question.question_set.slug) is None:
        abort(404)
    user_writes.begin_write(current_user.id)
    cards.apply_action(current_user, question, action, note=request.form.get("note", ""))
    db.session.commit()
    flash(str(DONE_MESSAGES[action]), "success")
    return redirect(_back(url_for("study.study", slug=question.question_set.slug)))


@bp.route("/cards/")
@login_required
def card_search():
    """Search the student's cards by text (prompt, answer, tags, note), or list the flagged,
    suspended, buried or noted ones; each result can be acted on in place."""
    text = request.args.get("q", "")[:200]
    only = request.args.get("only", "")
    if only not in cards.FILTERS:
        only = ""
    rows, total = cards.search(current_user, text, only=only or None)
    return render_template("study/cards.html", rows=rows, total=total, text=text, only=only,
                           filters=FILTER_LABELS, status_labels=STATUS_LABELS,
                           is_buried=cards.is_buried, here=request.full_path)
