"""Custom study of a set (quizapp.custom_study): the form, ending a session, and the study pages' banner."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user, login_required

from quizapp import clock, custom_study, user_writes
from quizapp.extensions import db
from quizapp.sets import visible_set_or_404
from quizapp.study.forms import CustomStudyForm
from quizapp.study.views import bp

SESSION_LABELS = {
    "ahead": lambda row: ngettext("Custom study: reviewing the cards due in the next %(num)d day.",
                                  "Custom study: reviewing the cards due in the next %(num)d days.", row.days),
    "forgotten": lambda row: ngettext("Custom study: the cards you forgot in the last %(num)d day.",
                                      "Custom study: the cards you forgot in the last %(num)d days.", row.days),
    "tag": lambda row: _("Custom study: only the cards tagged “%(tag)s”.", tag=row.tag),
}
STARTED_MESSAGES = {
    "ahead": _l("Custom study is on: cards due soon come after today's."),
    "forgotten": _l("Custom study is on: the cards you forgot come first."),
    "tag": _l("Custom study is on: only the cards with this tag."),
}


@bp.context_processor
def _custom_session_helper():
    def custom_session(question_set):
        """Today's custom session of the set for the signed-in student, with its banner text, or None."""
        if not current_user.is_authenticated:
            return None
        row = custom_study.session_of_today(current_user, question_set.id, clock.now())
        return {"row": row, "label": SESSION_LABELS[row.mode](row)} if row is not None else None
    return {"custom_session": custom_session}


@bp.route("/study/<slug>/custom", methods=["GET", "POST"])
@login_required
def custom(slug: str):
    """Custom study as Anki has it: extra new cards today, review ahead, forgotten cards, one tag."""
    question_set = visible_set_or_404(current_user, slug)
    now = clock.now()
    form = CustomStudyForm()
    tags = custom_study.set_tags(question_set.id)
    form.tag.choices = [(tag, tag) for tag in tags]
    if form.validate_on_submit():
        user_writes.begin_write(current_user.id)
        mode = form.mode.data
        if mode == "new":
            custom_study.add_new_cards(current_user, question_set.id, form.new_cards.data, now)
            message = ngettext("%(num)d extra new card today in this set.",
                               "%(num)d extra new cards today in this set.", form.new_cards.data)
        else:
            days = form.ahead_days.data if mode == "ahead" else form.forgotten_days.data
            custom_study.start_session(current_user, question_set.id, mode, now, days=days,
                                       tag=form.tag.data if mode == "tag" else None)
            message = str(STARTED_MESSAGES[mode])
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("study.study", slug=slug))
    today = custom_study.of_today(current_user, question_set.id, now)
    return render_template("study/custom.html", question_set=question_set, form=form, tags=tags, today=today,
                           session=custom_study.session_of_today(current_user, question_set.id, now))


@bp.route("/study/<slug>/custom/end", methods=["POST"])
@login_required
def end_custom(slug: str):
    """End today's custom session of the set; studying goes on with the day's queue."""
    question_set = visible_set_or_404(current_user, slug)
    user_writes.begin_write(current_user.id)
    ended = custom_study.end_session(current_user, question_set.id, clock.now())
    db.session.commit()
    flash(_("Custom study is over: back to the day's cards.") if ended else _("No custom study was on."), "info")
    return redirect(url_for("study.study", slug=slug))
