"""Studying a set in the browser flow: show, answer, check, rate, next; undo; counts."""
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card, Question, ReviewLog
from tests.forms import csrf_token_from
from tests.study.conftest import card_token, question_id_of, rate, show_and_answer


def _question(qid):
    return db.session.get(Question, qid)


def test_first_card_is_the_first_new_question(client, student):
    """With nothing studied, the study page shows the set's first question and today's counts."""
    user, seed = student
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert question_id_of(html) == seed.questions[0].id
    assert f"{min(len(seed.questions), 20)} new" in html and "0 learning" in html and "0 to review" in html


def test_wrong_answer_proposes_again_and_shows_the_correct_answer(client, student):
    """A wrong typed answer is graded wrong, the correct answer shown and Again proposed; nothing stored yet."""
    user, seed = student
    qid, response = show_and_answer(client, seed.slug, "Nobody")
    html = response.get_data(as_text=True)
    question = _question(qid)
    assert "Not quite" in html
    assert question.answer in html
    assert 'class="rate-1 proposed"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0


def test_rating_records_one_review_with_answer_and_duration(client, student):
    """Rating stores the card state and one review with the answer given, correctness and duration."""
    user, seed = student
    qid, response = show_and_answer(client, seed.slug, "Paris")
    html = response.get_data(as_text=True)
    assert "Right" in html and 'class="rate-3 proposed"' in html
    after = rate(client, seed.slug, html, 3)
    assert after.status_code == 302 and after.headers["Location"].endswith(f"/study/{seed.slug}")
    log = db.session.scalars(sa.select(ReviewLog)).one()
    assert (log.question_id, log.rating, log.answer_given, log.correct, log.origin) == (qid, 3, "Paris", True, "study")
    assert log.duration_ms is not None and log.duration_ms >= 0
    assert log.state_before["reps"] == 0 and log.state_after["reps"] == 1
    card = db.session.scalars(sa.select(Card)).one()
    assert card.reps == 1 and card.user_id == user.id


def test_double_submit_of_a_rating_records_once(client, student):
    """Sending the same rating form twice (double click, back button) records one review."""
    user, seed = student
    _, response = show_and_answer(client, seed.slug, "Paris")
    html = response.get_data(as_text=True)
    rate(client, seed.slug, html, 3)
    rate(client, seed.slug, html, 3)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1
    assert db.session.scalars(sa.select(Card)).one().reps == 1


def test_i_was_right_overrules_the_grader(client, student):
    """"I was right" records Good and marks the answer correct."""
    user, seed = student
    _, response = show_and_answer(client, seed.slug, "Lyon")
    html = response.get_data(as_text=True)
    assert "I was right" in html
    rate(client, seed.slug, html, "right")
    log = db.session.scalars(sa.select(ReviewLog)).one()
    assert (log.rating, log.correct) == (3, True)


def test_buttons_show_when_the_card_comes_back(client, student):
    """Each rating button carries its next interval (describe_next_states)."""
    user, seed = student
    _, response = show_and_answer(client, seed.slug, "x")
    html = response.get_data(as_text=True)
    for label in ("Again", "Hard", "Good", "Easy"):
        assert label in html
    assert "1 min" in html  # Again on a new card: the first learning step


def test_answered_card_leaves_the_queue_and_the_next_comes(client, student):
    """After a Good rating the next card is the next question in set order."""
    user, seed = student
    qid, response = show_and_answer(client, seed.slug, "Paris")
    rate(client, seed.slug, response.get_data(as_text=True), 3)
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert question_id_of(html) == seed.questions[1].id
    assert f"{min(len(seed.questions) - 1, 19)} new" in html


def test_flashcard_reveals_the_back_and_has_no_proposed_rating(client, student):
    """A flashcard shows a reveal button, then the back and four ratings, none proposed."""
    user, seed = student
    flash_card = next(q for q in seed.questions if q.type == "flashcard")
    user.new_per_day = 100
    db.session.commit()
    # Rate every question before the flashcard Easy so the flashcard comes up.
    for _ in range(flash_card.position):
        _, response = show_and_answer(client, seed.slug, "")
        rate(client, seed.slug, response.get_data(as_text=True), 4)
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert question_id_of(html) == flash_card.id and "Show answer" in html
    _, response = show_and_answer(client, seed.slug, "")
    html = response.get_data(as_text=True)
    assert str(flash_card.answer) in html and "proposed" not in html
    rate(client, seed.slug, html, 2)
    log = db.session.scalar(sa.select(ReviewLog).where(ReviewLog.question_id == flash_card.id))
    assert log.rating == 2 and log.correct is None


def test_undo_restores_the_card_and_removes_the_review(client, student):
    """Undo takes back the last review: the log row goes and the card is new again."""
    from tests.forms import post_form

    user, seed = student
    qid, response = show_and_answer(client, seed.slug, "Paris")
    rate(client, seed.slug, response.get_data(as_text=True), 3)
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert "Undo last answer" in html
    post_form(client, f"/study/{seed.slug}/undo", {}, page=f"/study/{seed.slug}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0
    assert db.session.scalars(sa.select(Card)).one().reps == 0
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert question_id_of(html) == qid and f"{min(len(seed.questions), 20)} new" in html


def test_daily_new_limit_ends_the_session(client, student):
    """With a new limit of 2, after two new cards rated Easy the day is done."""
    user, seed = student
    user.new_per_day = 2
    db.session.commit()
    for _ in range(2):
        _, response = show_and_answer(client, seed.slug, "")
        rate(client, seed.slug, response.get_data(as_text=True), 4)
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    assert "All done for now" in html


def test_forged_token_is_refused(client, student):
    """A card token not signed by the app answers 400, nothing is stored."""
    from tests.forms import csrf_token_from

    user, seed = student
    html = client.get(f"/study/{seed.slug}").get_data(as_text=True)
    response = client.post(f"/study/{seed.slug}/review", data={
        "csrf_token": csrf_token_from(html), "t": card_token(html) + "x", "rating": "3"})
    assert response.status_code == 400


def test_hidden_set_is_404(client, student, make_user):
    """Another teacher's draft cannot be studied (404)."""
    from quizapp.models import QuestionSet

    owner = make_user("t@example.org", role="teacher")
    db.session.add(QuestionSet(slug="draft", title="Draft", owner_id=owner.id, is_published=False))
    db.session.commit()
    assert client.get("/study/draft").status_code == 404
    assert client.get("/quiz/draft").status_code == 404


def _study_until(client, slug, question_type):
    """Rate cards Good until one of `question_type` is shown; return its page."""
    for _ in range(20):
        html = client.get(f"/study/{slug}").get_data(as_text=True)
        if db.session.get(Question, question_id_of(html)).type == question_type:
            return html
        _, check = show_and_answer(client, slug, "x")
        rate(client, slug, check.get_data(as_text=True), 3)
    raise AssertionError(f"no {question_type} card came up")


def test_study_number_field_refuses_words(client, student):
    """A word in a study card's number field comes back with a hint and nothing is checked."""
    _, study_set = student
    html = _study_until(client, study_set.slug, "numeric")
    response = client.post(f"/study/{study_set.slug}/answer", data={
        "csrf_token": csrf_token_from(html), "t": card_token(html), "answer": "Volodin"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Enter a number" in page and 'aria-invalid="true"' in page


def test_study_near_miss_says_almost_and_marks_the_typo(client, student):
    """One typo: the check page says "Almost: check the spelling" and marks the letter."""
    _, study_set = student
    html = _study_until(client, study_set.slug, "short_answer")
    expected = "Lisbon" if "Portugal" in html else "Madrid"
    response = client.post(f"/study/{study_set.slug}/answer", data={
        "csrf_token": csrf_token_from(html), "t": card_token(html), "answer": expected[:-1] + "x"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Almost: check the spelling" in page
    assert '<mark class="typo">x</mark>' in page
