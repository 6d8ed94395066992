"""Scored quizzes: choosing questions, paged and one-page modes, scoring once, FSRS updates, privacy."""
import re

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.grading import grade
from quizapp.models import Card, Question, QuizAnswer, QuizAttempt, ReviewLog
from tests.forms import csrf_token_from, post_form


def _start(client, slug, count=10, mode="paged"):
    response = post_form(client, f"/quiz/{slug}", {"count": str(count), "mode": mode})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/quiz/attempts/(\d+)", response.headers["Location"]).group(1))


def _right_answer(question):
    return str(grade(question, "").expected)


def _wrong_answer(question):
    """An answer that is wrong but of the right kind: a number field refuses words."""
    return "1" if question.type == "numeric" else "zzz"


def test_start_page_offers_count_and_mode(client, student):
    """The quiz start page asks how many questions and paged or one page."""
    _, seed = student
    html = client.get(f"/quiz/{seed.slug}").get_data(as_text=True)
    assert "Number of questions" in html and "All questions on one page" in html


def test_attempt_has_the_chosen_number_of_gradable_questions(client, student):
    """An attempt stores its question ids: N of them, never flashcards."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=5)
    attempt = db.session.get(QuizAttempt, attempt_id)
    assert len(attempt.question_ids) == 5 and len(set(attempt.question_ids)) == 5
    types = {db.session.get(Question, qid).type for qid in attempt.question_ids}
    assert "flashcard" not in types


def test_paged_quiz_to_the_end_scores_and_updates_cards(client, student):
    """Answering every page scores the attempt; each answer is stored and moves the FSRS card (origin quiz)."""
    user, seed = student
    attempt_id = _start(client, seed.slug, count=4)
    attempt = db.session.get(QuizAttempt, attempt_id)
    wrong_id = attempt.question_ids[0]
    for i in range(4):
        html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
        assert f"Question {i + 1} of 4" in html
        qid = attempt.question_ids[i]
        question = db.session.get(Question, qid)
        given = _wrong_answer(question) if qid == wrong_id else _right_answer(question)
        token = re.search(r'name="t" value="([^"]+)"', html).group(1)
        client.post(f"/quiz/attempts/{attempt_id}/answer",
                    data={"csrf_token": csrf_token_from(html), "t": token, "answer": given})
    attempt = db.session.get(QuizAttempt, attempt_id)
    assert attempt.finished_at is not None and attempt.correct_count == 3 and attempt.score == 0.75
    html = client.get(f"/quiz/attempts/{attempt_id}", follow_redirects=True).get_data(as_text=True)
    assert "75%" in html and "3 of 4 right" in html
    logs = db.session.scalars(sa.select(ReviewLog).where(ReviewLog.origin == "quiz")).all()
    assert len(logs) == 4
    assert {l.question_id: l.rating for l in logs}[wrong_id] == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Card).where(Card.user_id == user.id)) == 4


def test_single_page_quiz_and_result_feedback(client, student):
    """All questions on one page; the result shows given and correct answers and the explanation."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=3, mode="single")
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert "Submit the quiz" in html
    data = {"csrf_token": csrf_token_from(html)}
    for qid in attempt.question_ids:
        data[f"answer-{qid}"] = _right_answer(db.session.get(Question, qid))
    # A typed question gets the wrong answer (the set has two untyped types, so a quiz of 3 has one).
    typed = next(qid for qid in attempt.question_ids
                 if db.session.get(Question, qid).type in ("short_answer", "cloze", "numeric"))
    data[f"answer-{typed}"] = "1" if db.session.get(Question, typed).type == "numeric" else "no idea"
    response = client.post(f"/quiz/attempts/{attempt_id}/finish", data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    main = html[html.index('<main'):html.index('</main>')]
    assert "2 of 3 right" in main and data[f"answer-{typed}"] in main and "Correct answer" in main, (data, main)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuizAnswer)) == 3


def test_second_submit_scores_nothing(client, student):
    """Submitting a finished attempt again changes neither score nor reviews."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=2, mode="single")
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    right = {f"answer-{qid}": _right_answer(db.session.get(Question, qid)) for qid in attempt.question_ids}
    token = csrf_token_from(html)
    client.post(f"/quiz/attempts/{attempt_id}/finish", data={"csrf_token": token, **right})
    response = client.post(f"/quiz/attempts/{attempt_id}/finish", data={"csrf_token": token})
    assert response.status_code == 302
    attempt = db.session.get(QuizAttempt, attempt_id)
    assert attempt.correct_count == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 2


def test_finish_now_counts_unanswered_as_wrong(client, student):
    """Ending a paged quiz early scores the unanswered questions as wrong."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=3)
    post_form(client, f"/quiz/attempts/{attempt_id}/finish", {}, page=f"/quiz/attempts/{attempt_id}")
    attempt = db.session.get(QuizAttempt, attempt_id)
    assert attempt.correct_count == 0 and attempt.score == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuizAnswer)) == 3


def test_questions_favour_what_the_student_knows_least(app, student):
    """The quiz picks never-seen and forgotten questions before well-known ones."""
    from datetime import timedelta

    from quizapp import attempts
    from quizapp.models import utcnow

    user, seed = student
    pool = attempts.quiz_questions(seed)
    known = pool[:len(pool) - 3]
    now = utcnow()
    for q in known:
        db.session.add(Card(user_id=user.id, question_id=q.id, due=now + timedelta(days=30), stability=60.0,
                            difficulty=3.0, state=2, step=None, reps=5, lapses=0, last_review=now - timedelta(days=1)))
    db.session.commit()
    chosen = attempts.choose_questions(user, seed, 3)
    assert {q.id for q in chosen} == {q.id for q in pool[-3:]}


def test_other_users_attempt_is_404(client, auth, student, make_user):
    """Another user's attempt id answers 404 on every quiz URL, and nothing changes."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=2)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    token = csrf_token_from(html)
    auth.logout()
    make_user("eve@example.org")
    auth.login("eve@example.org")
    assert client.get(f"/quiz/attempts/{attempt_id}").status_code == 404
    assert client.get(f"/quiz/attempts/{attempt_id}/result").status_code == 404
    page = client.get(f"/quiz/{seed.slug}").get_data(as_text=True)
    response = client.post(f"/quiz/attempts/{attempt_id}/finish", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 404
    assert db.session.get(QuizAttempt, attempt_id).finished_at is None


def _paged_to(client, attempt_id, question_type):
    """Answer paged questions rightly until one of `question_type` is shown; return its page."""
    while True:
        html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
        attempt = db.session.get(QuizAttempt, attempt_id)
        qid = next(q for q in attempt.question_ids
                   if q not in {a.question_id for a in attempt.answers})
        question = db.session.get(Question, qid)
        if question.type == question_type:
            return html, question
        _send(client, attempt_id, html, _right_answer(question))


def _send(client, attempt_id, html, given, **extra):
    token = re.search(r'name="t" value="([^"]+)"', html).group(1)
    return client.post(f"/quiz/attempts/{attempt_id}/answer",
                       data={"csrf_token": csrf_token_from(html), "t": token, "answer": given, **extra})


def test_number_field_refuses_words_with_a_hint(client, student):
    """A word in a number field comes back with a hint and is not recorded; a number then is."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=6)
    html, question = _paged_to(client, attempt_id, "numeric")
    response = _send(client, attempt_id, html, "Volodin")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Enter a number" in page and 'value="Volodin"' in page
    assert db.session.scalar(sa.select(QuizAnswer).where(QuizAnswer.question_id == question.id)) is None
    assert _send(client, attempt_id, page, "8 850 m").status_code == 302
    answer = db.session.scalar(sa.select(QuizAnswer).where(QuizAnswer.question_id == question.id))
    assert answer.correct is True


def test_near_miss_is_sent_back_once_and_the_student_decides(client, student):
    """One typo brings "Almost: check the spelling"; sending it again as it is records it (right)."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=6)
    html, question = _paged_to(client, attempt_id, "short_answer")
    typo = _right_answer(question)[:-1]  # "Lisbo", "Madri": one letter short of six
    page = _send(client, attempt_id, html, typo).get_data(as_text=True)
    assert "Almost: check the spelling" in page and f'name="checked" value="{typo}"' in page
    assert db.session.scalar(sa.select(QuizAnswer).where(QuizAnswer.question_id == question.id)) is None
    assert _send(client, attempt_id, page, typo, checked=typo).status_code == 302
    answer = db.session.scalar(sa.select(QuizAnswer).where(QuizAnswer.question_id == question.id))
    assert (answer.given, answer.correct) == (typo, True)


def test_single_page_quiz_keeps_answers_when_a_number_is_refused(client, student):
    """On one page, a word in a number field brings the page back with every answer kept."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=6, mode="single")
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    questions = {qid: db.session.get(Question, qid) for qid in attempt.question_ids}
    data = {"csrf_token": csrf_token_from(html)}
    data.update({f"answer-{qid}": _right_answer(q) for qid, q in questions.items()})
    numeric = next(qid for qid, q in questions.items() if q.type == "numeric")
    data[f"answer-{numeric}"] = "Volodin"
    page = client.post(f"/quiz/attempts/{attempt_id}/finish", data=data).get_data(as_text=True)
    assert "Enter a number" in page and 'value="Volodin"' in page
    assert db.session.get(QuizAttempt, attempt_id).finished_at is None
    data[f"answer-{numeric}"] = "8849"
    assert client.post(f"/quiz/attempts/{attempt_id}/finish", data=data).status_code == 302
    assert db.session.get(QuizAttempt, attempt_id).correct_count == 6


def test_one_page_quiz_answers_share_its_time(client, student):
    """A one-page quiz stores each answer's share of the attempt's time, so mean times are known."""
    _, seed = student
    attempt_id = _start(client, seed.slug, count=3, mode="single")
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html)}
    data.update({f"answer-{qid}": _right_answer(db.session.get(Question, qid)) for qid in attempt.question_ids})
    client.post(f"/quiz/attempts/{attempt_id}/finish", data=data)
    durations = db.session.scalars(sa.select(QuizAnswer.duration_ms).where(QuizAnswer.attempt_id == attempt_id)).all()
    assert len(durations) == 3 and all(d is not None and d >= 0 for d in durations)
