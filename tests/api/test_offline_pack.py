"""GET /api/v1/sets/<slug>/offline: today's cards of a set with previews and grading rules, capped, private."""
from datetime import datetime, timedelta, timezone

import pytest

from quizapp import clock


def test_pack_holds_todays_new_cards_with_previews_and_grading(api, student):
    """A fresh student's pack is the set's new cards in order, each with two levels of previews."""
    user, seed = student
    response = api.get(f"/sets/{seed.slug}/offline")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    pack = response.get_json()
    assert pack["user_id"] == user.id and pack["set"]["slug"] == seed.slug
    assert [c["question_id"] for c in pack["cards"]] == [q.id for q in seed.questions]
    first = pack["cards"][0]
    assert first["new"] is True and first["available_at"] is None and first["state"]["state"] == "new"
    assert first["next_states"]["1"]["label"] == "1 min"
    assert set(first["next_states"]["3"]["next_states"]) == {"1", "2", "3", "4"}
    assert first["grading"] == {"check": "choice", "expected": "Paris", "answer": "paris",
                                "choices": ["paris", "lyon", "marseille", "nice"]}
    cloze = next(c for c in pack["cards"] if c["type"] == "cloze")
    assert "_____" in cloze["prompt"] and cloze["prompt_answered"] == "The Rhine flows into the North Sea."
    assert pack["rules"]["casefold"]["ß"] == "ss" and "mil" in pack["rules"]["multipliers"]


def test_pack_respects_the_new_card_limit_and_the_cap(api, student, app):
    """New cards stop at the daily limit; the pack stops at QUIZAPP_OFFLINE_CARDS_PER_SET."""
    user, seed = student
    from quizapp.extensions import db
    user.new_per_day = 3
    db.session.commit()
    assert len(api.get(f"/sets/{seed.slug}/offline").get_json()["cards"]) == 3
    app.config["QUIZAPP_OFFLINE_CARDS_PER_SET"] = 2
    pack = api.get(f"/sets/{seed.slug}/offline").get_json()
    assert len(pack["cards"]) == 2 and pack["limits"]["cards_per_set"] == 2


def test_pack_includes_learning_steps_due_later_today(api, student, monkeypatch):
    """A card answered Again a minute ago is in the pack, available when its step ends."""
    _, seed = student
    qid = seed.questions[0].id
    now = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(clock, "now", lambda: now)
    api.post("/reviews", {"question_id": qid, "rating": 1, "client_id": "x"})
    pack = api.get(f"/sets/{seed.slug}/offline").get_json()
    entry = next(c for c in pack["cards"] if c["question_id"] == qid)
    assert entry["new"] is False and entry["available_at"] == (now + timedelta(minutes=1)).isoformat()


def test_pack_of_an_invisible_set_is_404(api):
    """Another user's draft or an unknown slug answers a JSON 404."""
    assert api.get("/sets/nope/offline").status_code == 404


def test_pack_needs_sign_in(client):
    """A visitor gets a JSON 401."""
    assert client.get("/api/v1/sets/capitals/offline").status_code == 401


def test_typed_answers_travel_with_what_the_device_cannot_work_out_alone():
    """A typed question's rules carry its language, each answer read as a quantity, and the names its
    texts give the same person; the tables are the grading module's own, units with their plurals."""
    from quizapp.grading import RULES
    from quizapp.offline.grading_rules import question_rules, rules

    kremlin = {"type": "cloze", "prompt": "Putin cumprimentando {{Choe}} no Kremlin.", "language": "pt",
               "context": ["O ministro da Coreia do Norte, Choe Son Hui, visitará Moscou."]}
    spec = question_rules(kremlin)
    assert spec["language"] == "pt"
    assert spec["alternatives"] == [{"text": "choe", "quantity": None, "persons": ["choe son hui"]}]
    distance = question_rules({"type": "short_answer", "prompt": "?", "answer": "20 quilómetros", "accept": ["vinte"]})
    assert [a["quantity"] for a in distance["alternatives"]] == [
        {"value": 20.0, "unit": "km", "is_unit": True}, {"value": 20.0, "unit": None, "is_unit": False}]
    tables = rules()
    assert tables["variant_spellings"] == RULES["variant_spellings"] and tables["number_words"]["vinte"] == 20
    assert tables["unit_forms"]["quilometros"] == "km" and tables["unit_forms"]["milhas"] == "mile"
