"""Undo of the last 10 study answers, one by one, newest first, each card back exactly as it was."""
import sqlalchemy as sa

from quizapp import reviews, undo_answers
from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog, User
from quizapp.scheduling import Rating
from tests.forms import post_form
from tests.study.conftest import question_id_of, rate, show_and_answer


def _row(card):
    if card is None:
        return None
    return (card.due, card.stability, card.difficulty, card.state, card.step, card.reps, card.lapses,
            card.last_review, card.suspended, card.leech)


def _card(user_id, question_id):
    db.session.expire_all()
    return db.session.scalar(sa.select(Card).where(Card.user_id == user_id, Card.question_id == question_id))


def test_ten_answers_are_undone_one_by_one_newest_first(client, student):
    """Twelve answers (some cards twice): ten undos restore each card's row before its answer, in reverse order."""
    user, seed = student
    history = []  # (question id, the card's row before the answer)
    for n in range(12):
        html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
        qid = question_id_of(html)
        history.append((qid, _row(_card(user.id, qid))))
        _, response = show_and_answer(client, seed.slug, "")
        rate(client, seed.slug, response.get_data(as_text=True), 1 if n % 3 == 0 else 3)
    for n, (qid, before) in enumerate(reversed(history[2:]), start=1):
        response = post_form(client, f"/study/{seed.slug}/undo", {}, page=f"/study/{seed.slug}")
        assert response.status_code == 302 and f"again={qid}" in response.headers["Location"]
        restored = _card(user.id, qid)
        assert _row(restored) == before or (before is None and restored.reps == 0)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert question_id_of(page) == qid  # the card taken back is shown again first
        assert (f'action="/study/{seed.slug}/undo"' in page) == (n < 10)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 2
    refused = post_form(client, f"/study/{seed.slug}/undo", {}, page=f"/study/{seed.slug}", follow_redirects=True)
    assert "There is no answer to undo." in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 2


def test_a_new_answer_starts_the_undo_count_again(app, student):
    """After undoing ten, one new answer can be undone again."""
    user, seed = student
    user = db.session.get(User, user.id)
    question = db.session.get(Question, seed.questions[0].id)
    for _ in range(11):
        reviews.answer_card(user, question, Rating.GOOD)
    db.session.commit()
    for _ in range(10):
        assert undo_answers.undo_last_review(user) is not None
    assert undo_answers.undo_last_review(user) is None and not undo_answers.can_undo(user)
    reviews.answer_card(user, question, Rating.AGAIN)
    assert undo_answers.can_undo(user) and undo_answers.undo_last_review(user) is not None


def test_a_quiz_answer_stops_the_undo(app, student):
    """Only study answers are taken back: a quiz answer after them ends the chain."""
    user, seed = student
    user = db.session.get(User, user.id)
    reviews.answer_card(user, db.session.get(Question, seed.questions[0].id), Rating.GOOD)
    reviews.answer_card(user, db.session.get(Question, seed.questions[1].id), Rating.GOOD, origin="quiz")
    assert not undo_answers.can_undo(user) and undo_answers.undo_last_review(user) is None
