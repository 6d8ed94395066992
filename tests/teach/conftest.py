"""Fixtures of the teacher tests: signed-in roles and sets made through the authoring workflows."""
import pytest
import sqlalchemy as sa

from quizapp import authoring
from quizapp.extensions import db
from quizapp.formats import QuestionData


@pytest.fixture
def sign_in(auth, make_user):
    """``sign_in(role)`` adds a user of that role (or takes the given email) and signs them in."""

    def sign_in_as(role="teacher", email=None):
        from quizapp.models import User

        email = email or f"{role}@example.org"
        user = db.session.scalar(sa.select(User).where(User.email == email)) or make_user(email, role=role)
        auth.login(user.email)
        return user

    return sign_in_as


@pytest.fixture
def gen_set(app):
    """Factory: ``gen_set(owner, title=..., published=..., questions=[...])`` makes a set with questions."""

    def make(owner=None, title="Rivers of Iberia", published=False, questions=None, language="en"):
        question_set = authoring.create_set(owner, title, language=language) if owner is not None else None
        if question_set is None:
            from quizapp.models import QuestionSet

            question_set = QuestionSet(slug=authoring.unique_slug(title), title=title, language=language,
                                       description="", sources=[], is_published=published)
            db.session.add(question_set)
            db.session.flush()
        for data in questions if questions is not None else [gen_question()]:
            authoring.add_question(question_set, data)
        question_set.is_published = published
        db.session.commit()
        return question_set

    return make


def gen_question(**kwargs) -> QuestionData:
    """A valid short-answer question; any field can be overridden."""
    defaults = dict(id="tagus", type="short_answer", prompt="Which river flows through Lisbon?", answer="Tagus")
    defaults.update(kwargs)
    return QuestionData(**defaults)
