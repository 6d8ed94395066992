"""The teacher's side of history: for each set they own, how quizzes went and how their classes do."""
from flask import abort, render_template
from flask_login import current_user

from quizapp import clock
from quizapp.auth.access import teacher_required
from quizapp.history import chartdata, teaching
from quizapp.history.views import bp, csv_response
from quizapp.request_guard import query_int


def _own_set_or_404(slug: str):
    # 404 rather than 403: another teacher's drafts should not even be confirmed to exist.
    question_set = teaching.owned_set(current_user, slug)
    if question_set is None:
        abort(404)
    return question_set


@bp.route("/teach/")
@teacher_required
def teach_index():
    """The teacher's sets with their quiz attempts, students and mean score."""
    sets = teaching.owned_sets(current_user)
    return render_template("history/teach_index.html", sets=sets, summaries=teaching.set_summaries([s.id for s in sets]))


@bp.route("/teach/<slug>")
@teacher_required
def teach_set(slug: str):
    """One owned set: attempts and mean score per week, questions hardest first, class progress."""
    question_set = _own_set_or_404(slug)
    now, tz = clock.now(), current_user.timezone
    weeks = teaching.attempts_by_week(question_set.id, now=now, tz=tz)
    attempts_chart, mean_chart = chartdata.weekly_attempts_chart("chart-weekly", weeks)
    summary = teaching.set_summaries([question_set.id]).get(question_set.id, (0, 0, None))
    # The ranking, a page of 100 at a time: a set of 10,000 questions is not one table of 10,000 rows.
    questions = teaching.question_stats(question_set.id, page=query_int("page", 1))
    return render_template(
        "history/teach_set.html", question_set=question_set, summary=summary, charts=[attempts_chart, mean_chart],
        questions=questions,
        classes=teaching.class_progress(current_user, question_set.id, now=now, tz=tz),
        flag_min=teaching.FLAG_MIN_ANSWERS, flag_below=teaching.FLAG_BELOW,
    )


@bp.route("/teach/<slug>/questions.csv")
@teacher_required
def teach_questions_csv(slug: str):
    """Each question's quiz success rate and mean time, hardest first, as CSV."""
    question_set = _own_set_or_404(slug)

    def rows():
        yield ("question_key", "prompt", "answers", "right", "success_rate", "mean_seconds", "flagged", "wrong_answers")
        for s in teaching.question_stats(question_set.id):
            yield (s.question.key, s.question.prompt, s.answers, f"{s.right:g}",
                   "" if s.success is None else f"{s.success:.2f}",
                   "" if s.mean_ms is None else f"{s.mean_ms / 1000:.1f}", "yes" if s.flagged else "no",
                   "; ".join(f"{text} ({n})" for text, n in s.wrong_answers))

    return csv_response(rows(), f"{question_set.slug}-questions.csv")


@bp.route("/teach/<slug>/students.csv")
@teacher_required
def teach_students_csv(slug: str):
    """Per class, each student's progress on the set, as CSV."""
    question_set = _own_set_or_404(slug)
    classes = teaching.class_progress(current_user, question_set.id, now=clock.now(), tz=current_user.timezone)

    def rows():
        yield ("class", "student", "studied", "mastered", "reviews_30d", "retention_30d", "attempts", "best_score",
               "last_score", "last_active_utc")
        for group in classes:
            for s in group.students:
                yield (group.classroom.name, s.user.display_name or s.user.email, s.studied, s.mastered, s.reviews,
                       "" if s.retention is None else f"{s.retention:.2f}", s.attempts,
                       "" if s.best_score is None else f"{s.best_score:.2f}",
                       "" if s.last_score is None else f"{s.last_score:.2f}",
                       s.last_active.isoformat() if s.last_active else "")

    return csv_response(rows(), f"{question_set.slug}-students.csv")
