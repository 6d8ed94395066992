"""The student's history pages: attempts, progress per set with charts, CSV, a quiz of mistakes."""
import csv
import io
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from quizapp import clock, progress
from quizapp.attempts import start_attempt_on
from quizapp.sets import visible_set_or_404, visible_sets
from quizapp.extensions import db
from quizapp.history import chartdata, records
from quizapp.formats.csv_format import safe_cell
from quizapp.history.forms import MistakesForm
from quizapp.request_guard import query_int

bp = Blueprint("history", __name__, url_prefix="/history", template_folder="templates")

ATTEMPTS_PER_PAGE = 20


@bp.app_context_processor
def history_helpers():
    """Formatting shared by the history templates: local times, durations, percentages, answers."""
    return {"local_time": local_time, "format_duration": format_duration, "percent": percent,
            "answer_text": answer_text}


def local_time(value, fmt: str = "medium") -> str:
    """A UTC datetime shown in the signed-in user's time zone."""
    if value is None:
        return ""
    zone = ZoneInfo(getattr(current_user, "timezone", None) or "UTC")
    return format_datetime(value.astimezone(zone), fmt, rebase=False)


def format_duration(seconds) -> str:
    if seconds is None:
        return "–"
    minutes, seconds = divmod(int(seconds), 60)
    if minutes:
        return _("%(min)d min %(sec)d s", min=minutes, sec=seconds)
    return _("%(sec)d s", sec=seconds)


def percent(share) -> str:
    """A 0-1 share as a whole percentage, or a dash when there is nothing to measure."""
    return "–" if share is None else f"{round(share * 100)}%"


def answer_text(value) -> str:
    """A stored answer as text: true/false translated, numbers without a needless ".0"."""
    if value is True:
        return _("True")
    if value is False:
        return _("False")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _mistakes_form(sets, selected_slug=None) -> MistakesForm:
    form = MistakesForm()
    form.set.choices = [SelectChoice(s.slug, s.title) for s in sets]
    if selected_slug and not form.is_submitted():
        form.set.data = selected_slug
    return form


@bp.route("/")
@login_required
def index():
    """Progress per set, quiz attempts newest first, and charts over all the student's sets."""
    now, tz, uid = clock.now(), current_user.timezone, current_user.id
    sets = progress.set_progress(uid, now=now, tz=tz)
    page = query_int("page", 1)
    attempts = db.paginate(records.attempts_query(uid), page=page, per_page=ATTEMPTS_PER_PAGE, error_out=False)
    today = progress.study_date(now, tz)
    titles = {p.question_set.id: p.question_set.title for p in sets}
    # Every set with a due card is a studied one: the sets' own forecasts add up to the whole.
    forecast = progress.sum_forecast([p.forecast for p in sets])
    charts = {
        "activity": chartdata.activity_chart("chart-activity", progress.reviews_per_day(uid, now=now, tz=tz)),
        "forecast": chartdata.forecast_chart("chart-forecast", today, forecast),
        "scores": chartdata.scores_chart("chart-scores", progress.quiz_scores(uid), titles),
        "ratings": chartdata.ratings_chart("chart-ratings", progress.rating_counts(uid)),
    }
    return render_template(
        "history/index.html", sets=sets, attempts=attempts, charts=charts, duration=records.duration_seconds,
        mistakes_form=_mistakes_form([p.question_set for p in sets]), retention_days=progress.RETENTION_DAYS,
    )


@bp.route("/sets/<slug>")
@login_required
def set_progress(slug: str):
    """One set: counts by state, retention, what is due, and the set's charts and attempts."""
    question_set = visible_set_or_404(current_user, slug, deleted=True)
    now, tz, uid = clock.now(), current_user.timezone, current_user.id
    [stats] = progress.set_progress(uid, now=now, tz=tz, set_ids=[question_set.id])
    today = progress.study_date(now, tz)
    charts = {
        "forecast": chartdata.forecast_chart("chart-forecast", today, stats.forecast),
        "activity": chartdata.activity_chart("chart-activity", progress.reviews_per_day(uid, now=now, tz=tz, set_id=question_set.id)),
        "scores": chartdata.scores_chart("chart-scores", progress.quiz_scores(uid, set_id=question_set.id),
                                         {question_set.id: question_set.title}),
        "ratings": chartdata.ratings_chart("chart-ratings", progress.rating_counts(uid, set_id=question_set.id)),
    }
    attempts = db.session.scalars(records.attempts_query(uid, question_set.id).limit(ATTEMPTS_PER_PAGE)).all()
    return render_template(
        "history/set.html", question_set=question_set, stats=stats, charts=charts, attempts=attempts,
        duration=records.duration_seconds, mistakes_form=_mistakes_form([question_set], slug),
        retention_days=progress.RETENTION_DAYS, forecast_days=progress.FORECAST_DAYS,
    )


@bp.route("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """One attempt reviewed: each question, the answer given, the right answer, explanation and source."""
    found = records.own_attempt(current_user.id, attempt_id)
    if found is None:
        abort(404)
    return render_template("history/attempt.html", attempt=found, lines=records.attempt_review(found),
                           duration=records.duration_seconds(found))


@bp.route("/export.csv")
@login_required
def export_csv():
    """The student's reviews and quiz answers as CSV (filters: set, from, to)."""
    try:
        flt = records.parse_filter(request.args, current_user)
    except records.FilterError as error:
        abort(400, str(error))
    rows = records.csv_rows(current_user.id, flt, current_user.timezone)
    return csv_response(rows, "quizapp-history.csv")


def csv_response(rows, filename: str) -> Response:
    """Stream ``rows`` as a CSV download, one line at a time."""

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(safe_cell(cell) for cell in row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/mistakes", methods=["POST"])
@login_required
def mistakes():
    """Start a quiz made of the questions of one set answered wrong in the last N days."""
    form = _mistakes_form(db.session.scalars(visible_sets(current_user)).all())
    if not form.validate_on_submit():
        flash(_("Choose a set and a period."), "error")
        return redirect(url_for("history.index"))
    question_set = visible_set_or_404(current_user, form.set.data)
    from quizapp.attempts import QUIZ_TYPES

    ids = progress.mistake_question_ids(current_user.id, now=clock.now(), days=form.days.data, set_id=question_set.id,
                                        types=QUIZ_TYPES)
    if not ids:
        flash(_("No wrong answers in %(set)s in the last %(num)d days. Well done!", set=question_set.title,
                num=form.days.data), "info")
        return redirect(url_for("history.set_progress", slug=question_set.slug))
    attempt = start_attempt_on(current_user.id, question_set.id, ids, started_at=clock.now())
    db.session.commit()
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


from quizapp.history import teach_views as _teach_views  # noqa: E402,F401  (registers the teacher's routes on bp)
