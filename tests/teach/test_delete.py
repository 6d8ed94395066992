"""Deleting a set and dropping a question: both confirmed first, history kept, a drop undoable."""
import pytest
import sqlalchemy as sa

from quizapp import reviews
from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, ReviewLog
from quizapp.scheduling import Rating
from tests.forms import post_form
from tests.teach.conftest import gen_question


@pytest.fixture
def teacher(sign_in):
    return sign_in("teacher")


@pytest.fixture
def studied(teacher, gen_set, make_user):
    """A published set of two questions that two students have answered."""
    question_set = gen_set(teacher, published=True,
                           questions=[gen_question(prompt="Longest river?"), gen_question(prompt="Widest river?")])
    question = question_set.questions[0]
    for email in ("a@example.org", "b@example.org"):
        reviews.answer_card(make_user(email), question, Rating.GOOD, answer_given="Tagus", correct=True)
    db.session.commit()
    return question_set


def test_delete_asks_first_and_says_how_many_students_studied_it(client, studied):
    """The confirmation page counts the students who studied the set; GET deletes nothing."""
    html = client.get(f"/teach/sets/{studied.slug}/delete").get_data(as_text=True)
    assert "2 students have studied this set." in html and "Delete the set" in html
    assert db.session.get(QuestionSet, studied.id).deleted_at is None


def test_deleted_set_leaves_every_list_but_history_stays(client, studied, auth):
    """After deleting, the set is gone from lists and its pages, and a student's history still shows it."""
    response = post_form(client, f"/teach/sets/{studied.slug}/delete", {}, page=f"/teach/sets/{studied.slug}/delete")
    assert response.status_code == 302
    question_set = db.session.get(QuestionSet, studied.id)
    assert question_set.deleted_at is not None and question_set.is_published is False
    assert "is deleted" in client.get("/teach/").get_data(as_text=True)
    assert studied.title not in client.get("/teach/").get_data(as_text=True)
    assert client.get(f"/teach/sets/{studied.slug}").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 2
    auth.logout()
    auth.login("a@example.org")
    assert studied.title not in client.get("/").get_data(as_text=True)
    assert client.get(f"/study/{studied.slug}").status_code == 404
    history = client.get("/history/").get_data(as_text=True)
    assert "Longest river?" in history or studied.title in history


def test_drop_asks_first_then_can_be_undone(client, studied):
    """Drop shows a confirmation; after dropping, Undo puts the question back where it was."""
    first = studied.questions[0]
    confirm = client.get(f"/teach/sets/{studied.slug}/questions/{first.id}/delete").get_data(as_text=True)
    assert "Drop this question?" in confirm and "2 students have answered it." in confirm
    assert db.session.get(Question, first.id).removed_at is None
    response = post_form(client, f"/teach/sets/{studied.slug}/questions/{first.id}/delete", {},
                         page=f"/teach/sets/{studied.slug}/questions/{first.id}/delete")
    assert db.session.get(Question, first.id).removed_at is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Undo" in page
    post_form(client, f"/teach/sets/{studied.slug}/questions/{first.id}/restore", {},
              page=f"/teach/sets/{studied.slug}")
    restored = db.session.get(Question, first.id)
    assert restored.removed_at is None and restored.position == 0
    assert [q.prompt for q in db.session.get(QuestionSet, studied.id).questions] == ["Longest river?", "Widest river?"]


def test_other_teachers_cannot_delete(client, studied, sign_in, auth):
    """Only the owner (or an admin) may delete a set."""
    auth.logout()
    sign_in("teacher", email="other@example.org")
    assert client.get(f"/teach/sets/{studied.slug}/delete").status_code == 403
