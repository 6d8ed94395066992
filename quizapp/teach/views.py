"""The teacher's desk: the sets a teacher owns (authoring grows here)."""
import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.sets import question_counts

bp = Blueprint("teach", __name__, url_prefix="/teach", template_folder="templates")


@bp.route("/")
@teacher_required
def index():
    """The sets this teacher owns, drafts included, and the shared sets without an owner."""
    own = db.session.scalars(
        sa.select(QuestionSet).where(QuestionSet.owner_id == current_user.id).order_by(QuestionSet.title)
    ).all()
    shared = db.session.scalars(
        sa.select(QuestionSet).where(QuestionSet.owner_id.is_(None)).order_by(QuestionSet.title)
    ).all()
    counts = question_counts(s.id for s in [*own, *shared])
    return render_template("teach/index.html", own=own, shared=shared, counts=counts)
