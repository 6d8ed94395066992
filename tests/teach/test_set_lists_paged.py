"""Pages that list a whole set show it 100 questions at a time: the set's page, the teacher's results, the quiz."""
import pytest

from quizapp.extensions import db
from tests.teach.conftest import gen_question


@pytest.fixture
def big_set(sign_in, gen_set):
    """A published set of 250 short-answer questions owned by a signed-in teacher."""
    teacher = sign_in("teacher")
    question_set = gen_set(teacher, title="Big set", questions=[
        gen_question(id=f"q{i}", prompt=f"Question number {i}?", answer=f"a{i}") for i in range(250)])
    question_set.is_published = True
    db.session.commit()
    return teacher, question_set


def test_set_page_lists_prompts_a_hundred_at_a_time(client, big_set):
    """/sets/<slug>: 250 questions counted, 100 prompts per page numbered on, links between pages."""
    _, question_set = big_set
    first = client.get(f"/sets/{question_set.slug}").get_data(as_text=True)
    assert "250 questions" in first and first.count('class="question"') == 100
    assert "Question number 99?" in first and "Question number 100?" not in first
    assert "Page 1 of 3" in first and f'href="/sets/{question_set.slug}?page=2#questions"' in first
    last = client.get(f"/sets/{question_set.slug}?page=3").get_data(as_text=True)
    assert last.count('class="question"') == 50 and 'start="201"' in last and "Question number 249?" in last
    assert f'href="/sets/{question_set.slug}?page=2#questions"' in last and "?page=4" not in last
    second = client.get(f"/sets/{question_set.slug}?page=2").get_data(as_text=True)
    assert f'href="/sets/{question_set.slug}#questions"' in second  # page 1 has its plain address


def test_teacher_results_rank_every_question_then_page_them(client, big_set, make_user):
    """/history/teach/<slug>: the hardest question comes first wherever it sits; 100 rows a page."""
    from quizapp.models import QuizAnswer, QuizAttempt

    _, question_set = big_set
    student = make_user("student@example.org")
    questions = {q.key: q for q in question_set.questions}
    for _ in range(3):  # three wrong answers in three quizzes: flagged, hardest of all
        attempt = QuizAttempt(user_id=student.id, set_id=question_set.id, question_ids=[questions["q240"].id])
        db.session.add(attempt)
        db.session.flush()
        db.session.add(QuizAnswer(attempt_id=attempt.id, question_id=questions["q240"].id, given="nope",
                                  correct=False, duration_ms=1000))
    db.session.commit()
    first = client.get(f"/history/teach/{question_set.slug}").get_data(as_text=True)
    rows = first.count("<tr data-question=")
    assert rows == 100 and first.index('data-question="q240"') < first.index('data-question="q0"')
    assert "“nope” × 3" in first and "Page 1 of 3" in first
    last = client.get(f"/history/teach/{question_set.slug}?page=3").get_data(as_text=True)
    assert last.count("<tr data-question=") == 50 and 'data-question="q240"' not in last
    assert 'data-question="q249"' in last


def test_quiz_start_counts_the_set_in_sql(client, auth, big_set, sign_in):
    """/quiz/<slug> says how many questions can be quizzed without loading them; a quiz takes 10 of them."""
    _, question_set = big_set
    auth.logout()
    sign_in("student")
    html = client.get(f"/quiz/{question_set.slug}").get_data(as_text=True)
    assert "250 questions of this set can be quizzed" in html
    from tests.forms import csrf_token_from

    started = client.post(f"/quiz/{question_set.slug}", data={"count": 10, "mode": "paged",
                                                             "csrf_token": csrf_token_from(html)})
    assert started.status_code == 302
    from quizapp.models import QuizAttempt
    attempt = db.session.scalars(db.select(QuizAttempt)).one()
    assert len(attempt.question_ids) == 10 and len(set(attempt.question_ids)) == 10
