"""Answers given offline: POST /reviews with reviewed_at is scheduled at that time, bounded, and replayed."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from quizapp import clock
from quizapp.extensions import db
from quizapp.models import Card, ReviewLog
from tests.forms import PASSWORD, post_form

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
# Not "due": its fuzz is seeded per card, and the twin's card is another card than the student's.
STATE_FIELDS = ("stability", "difficulty", "state", "step", "reps", "lapses", "last_review")


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture
def pinned(monkeypatch):
    """Pin the server's clock: ``pinned(moment)`` makes ``clock.now()`` answer that moment."""
    def pin(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)
    pin(T0 + timedelta(days=30))
    return pin


@pytest.fixture
def twin(app, make_user, study_set):
    """A second student who answers online, at pinned times: what an online student would have."""
    client = app.test_client()
    make_user("twin@example.org")
    post_form(client, "/login", {"email": "twin@example.org", "password": PASSWORD})
    token = client.get("/api/v1/me").get_json()["csrf_token"]

    def answer(pin, question_id, rating, at):
        pin(at)
        response = client.post("/api/v1/reviews", json={"question_id": question_id, "rating": rating},
                               headers={"X-CSRFToken": token})
        assert response.status_code == 201
        return response.get_json()["card"]
    return answer


def card_state(body: dict) -> dict:
    return {name: body[name] for name in STATE_FIELDS}


def reviews_of(question_id):
    """The student's reviews of the question (the twin sends no client_id)."""
    return db.session.scalars(sa.select(ReviewLog).where(ReviewLog.question_id == question_id,
                                                         ReviewLog.client_id.is_not(None))
                              .order_by(ReviewLog.reviewed_at)).all()


def test_offline_answers_are_scheduled_at_their_own_times(api, student, twin, pinned):
    """Three answers sent days later with their times give the card an online student's state."""
    _, seed = student
    qid = seed.questions[0].id
    times = [T0, T0 + timedelta(minutes=12), T0 + timedelta(days=3)]
    pinned(T0 + timedelta(days=10))
    for n, (at, rating) in enumerate(zip(times, (3, 3, 4))):
        response = api.post("/reviews", {"question_id": qid, "rating": rating, "client_id": f"off-{n}",
                                         "reviewed_at": iso(at), "known_last_review": iso(times[n - 1]) if n else None})
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["review"]["reviewed_at"] == at.isoformat()
    online = None
    for at, rating in zip(times, (3, 3, 4)):
        online = twin(pinned, qid, rating, at)
    offline = api.get(f"/cards/{qid}").get_json()
    assert card_state(offline) == card_state(online) and offline["last_review"] == times[-1].isoformat()


def test_a_time_in_the_future_is_refused(api, student, pinned):
    """reviewed_at beyond the allowed clock drift answers 422 naming the field; nothing is recorded."""
    _, seed = student
    now = T0 + timedelta(days=30)
    response = api.post("/reviews", {"question_id": seed.questions[0].id, "rating": 3, "client_id": "f",
                                     "reviewed_at": iso(now + timedelta(hours=1))})
    assert response.status_code == 422
    assert "future" in response.get_json()["error"] and response.get_json()["field"] == "reviewed_at"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0


def test_a_slightly_fast_device_clock_counts_as_now(api, student, pinned):
    """A device clock a minute ahead is taken as the server's now."""
    _, seed = student
    now = T0 + timedelta(days=30)
    response = api.post("/reviews", {"question_id": seed.questions[0].id, "rating": 3, "client_id": "s",
                                     "reviewed_at": iso(now + timedelta(minutes=1))})
    assert response.status_code == 201 and response.get_json()["review"]["reviewed_at"] == now.isoformat()


def test_a_time_before_the_cards_previous_review_is_refused(api, student, pinned):
    """Without known_last_review, reviewed_at must not precede the card's last review (422)."""
    _, seed = student
    qid = seed.questions[0].id
    assert api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "a",
                                 "reviewed_at": iso(T0 + timedelta(days=1))}).status_code == 201
    response = api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "b", "reviewed_at": iso(T0)})
    assert response.status_code == 422 and "previous review" in response.get_json()["error"]
    assert len(reviews_of(qid)) == 1


def test_a_time_before_what_the_device_knew_is_refused(api, student, pinned):
    """With known_last_review, a reviewed_at before it is refused even when the card has no later review."""
    _, seed = student
    qid = seed.questions[0].id
    response = api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "k", "reviewed_at": iso(T0),
                                     "known_last_review": iso(T0 + timedelta(hours=1))})
    assert response.status_code == 422 and "previous review" in response.get_json()["error"]


@pytest.mark.parametrize("value, message", [
    ("yesterday", "not an ISO 8601 time"),
    ("2026-03-01T08:00:00", "time zone"),
    (12, "ISO 8601 time such as"),
])
def test_malformed_times_are_a_clear_400(api, student, value, message):
    """A reviewed_at that is not an ISO time with its zone answers 400 saying so."""
    _, seed = student
    response = api.post("/reviews", {"question_id": seed.questions[0].id, "rating": 3, "reviewed_at": value})
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_an_answer_given_before_another_devices_is_replayed_in_time_order(api, student, twin, pinned):
    """A card answered online at t2 and offline at t1 < t2: both are kept and the card is replayed t1, t2."""
    _, seed = student
    qid = seed.questions[0].id
    t1, t2 = T0, T0 + timedelta(minutes=30)
    pinned(t2)
    assert api.post("/reviews", {"question_id": qid, "rating": 1, "client_id": "online"}).status_code == 201
    pinned(t2 + timedelta(hours=2))
    response = api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "offline",
                                     "reviewed_at": iso(t1), "known_last_review": None})
    assert response.status_code == 201 and response.get_json()["replayed"] == 1
    twin(pinned, qid, 3, t1)
    online = twin(pinned, qid, 1, t2)
    assert card_state(response.get_json()["card"]) == card_state(online)
    stored = api.get(f"/cards/{qid}").get_json()
    assert card_state(stored) == card_state(online) and stored["due"] == response.get_json()["card"]["due"]
    first, second = reviews_of(qid)
    assert (first.client_id, second.client_id) == ("offline", "online")
    assert second.state_before == first.state_after and second.state_after["last_review"] == t2.isoformat()


def test_undo_after_a_replay_gives_back_the_replayed_state(api, student, client, pinned):
    """Undoing the last review after a replay returns the card to the offline answer's state."""
    _, seed = student
    qid = seed.questions[0].id
    pinned(T0 + timedelta(minutes=30))
    api.post("/reviews", {"question_id": qid, "rating": 1, "client_id": "online"})
    body = api.post("/reviews", {"question_id": qid, "rating": 4, "client_id": "offline",
                                 "reviewed_at": iso(T0), "known_last_review": None}).get_json()
    from quizapp import undo_answers, user_writes
    from quizapp.models import User
    user = db.session.scalar(sa.select(User).where(User.email == "ana@example.org"))
    user_writes.begin_write(user.id)
    undo_answers.undo_last_review(user)
    db.session.commit()
    card = db.session.scalar(sa.select(Card).where(Card.question_id == qid, Card.user_id == user.id))
    assert card.last_review == T0 and card.reps == 1 and body["review"]["rating"] == 4


def test_a_retried_offline_answer_is_a_repeat_not_a_refusal(api, student, pinned):
    """Sending an offline answer again after later ones landed answers 200 repeat, records nothing."""
    _, seed = student
    qid = seed.questions[0].id
    first = {"question_id": qid, "rating": 3, "client_id": "one", "reviewed_at": iso(T0), "known_last_review": None}
    assert api.post("/reviews", first).status_code == 201
    assert api.post("/reviews", {"question_id": qid, "rating": 3, "client_id": "two",
                                 "reviewed_at": iso(T0 + timedelta(minutes=15))}).status_code == 201
    again = api.post("/reviews", {**first, "known_last_review": iso(T0 + timedelta(hours=5))})
    assert again.status_code == 200 and again.get_json()["repeat"] is True
    assert len(reviews_of(qid)) == 2
