"""The study API: sets with counts, the next card, recording reviews once, card state, privacy."""
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ReviewLog


def test_sets_list_due_and_new_counts(api, student):
    """GET /sets lists visible sets with question counts and today's new, learning and review counts ("due" is both of the latter)."""
    _, seed = student
    body = api.get("/sets").get_json()
    entry = next(s for s in body["sets"] if s["slug"] == seed.slug)
    assert entry == {"slug": seed.slug, "title": seed.title, "language": "en", "questions": len(seed.questions),
                     "due": 0, "new": min(len(seed.questions), 20), "learning": 0, "review": 0}


def test_next_card_has_prompt_choices_and_next_states(api, student):
    """GET /sets/<slug>/next gives the first new question and what each rating would do."""
    _, seed = student
    body = api.get(f"/sets/{seed.slug}/next").get_json()
    card = body["card"]
    first = seed.questions[0]
    assert card["question_id"] == first.id and card["type"] == first.type
    assert sorted(card["choices"]) == sorted(first.choices or [])
    assert set(card["next_states"]) == {"1", "2", "3", "4"}
    assert card["next_states"]["1"]["label"] == "1 min" and card["state"]["state"] == "new"


def test_next_card_of_unknown_set_is_a_json_404(api):
    """An unknown set answers 404 with a message naming it."""
    response = api.get("/sets/nope/next")
    assert response.status_code == 404 and "nope" in response.get_json()["error"]


def test_review_with_rating_records_and_returns_the_card(api, student):
    """POST /reviews with a rating answers 201 with the review and the new card state."""
    _, seed = student
    qid = seed.questions[0].id
    response = api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "r-1"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["repeat"] is False and body["review"]["rating"] == 3 and body["card"]["reps"] == 1
    card = api.get(f"/cards/{qid}").get_json()
    assert card["reps"] == 1 and card["state"] in ("learning", "review") and card["due"] and card["stability"]
    assert set(card) >= {"due", "stability", "difficulty", "state", "step", "reps", "lapses", "last_review"}


def test_review_with_answer_is_graded_and_rated_as_proposed(api, student):
    """An answer instead of a rating is graded: wrong records Again, right records Good."""
    _, seed = student
    question = seed.questions[0]
    wrong = api.post("/reviews", {"question_id": question.id, "answer": "no such answer", "client_id": "a-1"}).get_json()
    assert wrong["review"]["rating"] == 1 and wrong["review"]["correct"] is False
    assert wrong["grade"]["expected"] == question.answer
    right = api.post("/reviews", {"question_id": question.id, "answer": question.answer.upper(), "client_id": "a-2"}).get_json()
    assert right["review"]["rating"] == 3 and right["review"]["correct"] is True


def test_same_client_id_twice_records_once(api, student):
    """The same client_id again answers 200 with the same review, marked as a repeat."""
    _, seed = student
    body = {"question_id": seed.questions[0].id, "rating": 4, "client_id": "same"}
    first = api.post("/reviews", body)
    second = api.post("/reviews", body)
    assert first.status_code == 201 and second.status_code == 200
    assert second.get_json()["repeat"] is True
    assert second.get_json()["review"]["id"] == first.get_json()["review"]["id"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1


def test_client_id_reused_for_another_question_is_a_conflict(api, student):
    """Reusing a client_id for a different question answers 409, nothing recorded."""
    _, seed = student
    api.post("/reviews", {"question_id": seed.questions[0].id, "rating": 3, "client_id": "x"})
    response = api.post("/reviews", {"question_id": seed.questions[1].id, "rating": 3, "client_id": "x"})
    assert response.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1


import pytest  # noqa: E402


@pytest.mark.parametrize("body, message", [
    ([], "JSON object"),
    ({"rating": 3}, "question_id"),
    ({"question_id": 1}, "rating"),
    ({"question_id": 1, "rating": 7}, "rating must be"),
    ({"question_id": 1, "rating": 3, "client_id": "x" * 65}, "client_id"),
    ({"question_id": 1, "rating": True}, "rating must be"),
])
def test_bad_review_bodies_get_a_clear_400(api, student, body, message):
    """Malformed review bodies answer 400 with a message saying what to send."""
    response = api.post("/reviews", body)
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_flashcard_answer_without_rating_is_refused(api, student):
    """A flashcard cannot be graded: an answer without a rating answers 400."""
    _, seed = student
    flash = next(q for q in seed.questions if q.type == "flashcard")
    response = api.post("/reviews", {"question_id": flash.id, "answer": "whatever"})
    assert response.status_code == 400 and "flashcard" in response.get_json()["error"]


def test_unknown_question_is_404(api):
    """Reviewing or reading a question that does not exist answers a JSON 404."""
    assert api.post("/reviews", {"question_id": 99999, "rating": 3}).status_code == 404
    assert api.get("/cards/99999").status_code == 404


def test_users_never_see_each_others_cards(client, auth, api, student, make_user):
    """Another user's review leaves my card new; their card state is theirs alone."""
    _, seed = student
    qid = seed.questions[0].id
    api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "mine"})
    auth.logout()
    make_user("eve@example.org")
    auth.login("eve@example.org")
    assert client.get(f"/api/v1/cards/{qid}").get_json()["state"] == "new"
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    # Eve reusing Ana's client_id records Eve's own review, not a repeat of Ana's.
    response = client.post("/api/v1/reviews", json={"question_id": qid, "rating": 1, "client_id": "mine"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201 and response.get_json()["repeat"] is False


def test_api_needs_sign_in(client):
    """A visitor gets a JSON 401 from the study endpoints."""
    assert client.get("/api/v1/sets").status_code == 401
    assert client.post("/api/v1/reviews", json={}).status_code in (400, 401)
