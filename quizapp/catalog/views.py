"""The home page and the page of one question set."""
import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from quizapp.auth.forms import LogoutForm
from quizapp.classes import assigned_sets
from quizapp.extensions import db
from quizapp.models import Question
from quizapp.request_guard import query_int
from quizapp.study_queue import set_counts
from quizapp.sets import question_counts, visible_set_or_404, visible_sets

bp = Blueprint("catalog", __name__, template_folder="templates")

QUESTIONS_PER_PAGE = 100


@bp.app_context_processor
def inject_logout_form():
    # formdata=None: an error page (413 for a body too large) must not read the request body again.
    return {"logout_form": LogoutForm(formdata=None)}


@bp.route("/")
def index():
    """Visitors see what the app does; signed-in users see the sets they can study."""
    if not current_user.is_authenticated:
        published = db.session.scalars(visible_sets(None)).all()
        return render_template("catalog/welcome.html", sets=published,
                               counts=question_counts(s.id for s in published))
    assigned = assigned_sets(current_user)
    assigned_ids = [a.question_set.id for a in assigned]
    # Assigned sets come first, once: the general list below leaves them out.
    sets = [s for s in db.session.scalars(visible_sets(current_user)) if s.id not in assigned_ids]
    set_ids = [*assigned_ids, *(s.id for s in sets)]
    counts = question_counts(set_ids)
    study_counts = set_counts(current_user, set_ids)
    return render_template("catalog/index.html", sets=sets, counts=counts, study_counts=study_counts,
                           assigned=assigned)


@bp.route("/sets/<slug>")
def set_detail(slug: str):
    """A set's description, sources and question prompts (answers stay hidden); published sets
    are open to signed-out visitors too."""
    user = current_user if current_user.is_authenticated else None
    question_set = visible_set_or_404(user, slug)
    study_counts = set_counts(user, [question_set.id])[question_set.id] if user else None
    # A page of prompts at a time, counted in SQL: a set of 10,000 questions is 100 pages.
    questions = db.paginate(
        sa.select(Question).where(Question.set_id == question_set.id, Question.removed_at.is_(None))
        .order_by(Question.position, Question.id),
        page=query_int("page", 1), per_page=QUESTIONS_PER_PAGE, error_out=False,
    )
    return render_template("catalog/set.html", question_set=question_set, questions=questions,
                           study_counts=study_counts)
