"""The offline download holds whatever cards a student's history left behind, without a server error."""
from tests.history.conftest import fixed_clock, world  # noqa: F401  (the history tests' known world)


def test_offline_pack_of_learning_cards_without_a_step(client, auth, world):
    """Learning and relearning cards with no step recorded, suspended and review cards: the pack answers 200."""
    auth.login("student@example.org")
    answer = client.get("/api/v1/sets/rivers/offline")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]
    body = answer.get_json()
    assert body["cards"]
    packed = {card.get("question_id") or card.get("id") for card in body["cards"]}
    assert world.q[3].id in packed  # relearning, no step recorded, due later in today's study day
    assert world.q[4].id not in packed  # suspended
