"""GET /api/v1/history and the CSV download: the student's own rows, filtered and paged."""
import csv
import io

import pytest


@pytest.fixture
def student_client(client, auth, world):
    auth.login("student@example.org")
    return client


def test_api_history_newest_first(student_client, world):
    """Reviews and attempts come merged, newest first; the other student's rows never appear."""
    body = student_client.get("/api/v1/history").get_json()
    assert body["total"] == 8 and body["pages"] == 1
    kinds = [(i["kind"], i["at"][:16]) for i in body["items"]]
    assert kinds == [
        ("review", "2025-03-15T11:00"), ("review", "2025-03-15T10:00"), ("review", "2025-03-14T05:00"),
        ("review", "2025-03-14T03:59"), ("quiz", "2025-03-12T09:02"), ("quiz", "2025-03-10T09:02"),
        ("review", "2025-03-01T09:00"), ("review", "2025-02-10T09:00")]
    quiz = body["items"][4]
    assert quiz == {"kind": "quiz", "id": world.second.id, "at": "2025-03-12T09:02:00+00:00", "set": "rivers",
                    "started_at": "2025-03-12T09:00:00+00:00", "finished_at": "2025-03-12T09:02:00+00:00",
                    "question_count": 4, "correct_count": 2, "score": 0.5, "duration_s": 120}
    again = body["items"][0]
    assert again["rating"] == 1 and again["correct"] is False and again["question_key"] == "q1"
    assert body["items"][6]["correct"] is False  # rated Good but graded wrong


def test_api_history_pages(student_client):
    """per_page=3 gives three pages; the last holds the two oldest rows."""
    last = student_client.get("/api/v1/history?per_page=3&page=3").get_json()
    assert (last["total"], last["pages"], last["has_next"], last["has_prev"]) == (8, 3, False, True)
    assert [i["at"][:10] for i in last["items"]] == ["2025-03-01", "2025-02-10"]


def test_api_history_cursor_walks_every_event_once(student_client, world):
    """Following next_cursor with per_page=3 gives the same events as the page walk, ties included."""
    from tests.history.history_factories import at, gen_attempt, gen_review
    from quizapp.extensions import db

    # A review and an attempt finishing at the same instant, and two reviews at one instant: the order holds.
    gen_review(world.student, world.q[2], at_time=at("2025-03-12 09:02"), rating=3)
    gen_review(world.student, world.q[3], at_time=at("2025-03-12 09:02"), rating=2)
    gen_attempt(world.student, world.rivers, started=at("2025-03-12 09:01"), seconds_per_answer=60,
                answers=[(world.q[0], "right 0", True)])
    db.session.commit()
    whole = student_client.get("/api/v1/history?per_page=100").get_json()
    assert whole["total"] == 11 and whole["next_cursor"] is None
    seen, cursor = [], ""
    while True:
        body = student_client.get(f"/api/v1/history?per_page=3&cursor={cursor}").get_json()
        seen += [(i["kind"], i["id"]) for i in body["items"]]
        assert body["total"] == 11 and len(body["items"]) <= 3
        if not body["has_next"]:
            assert body["next_cursor"] is None
            break
        cursor = body["next_cursor"]
    assert seen == [(i["kind"], i["id"]) for i in whole["items"]]
    assert len(seen) == 11


def test_api_history_refuses_a_forged_cursor(student_client):
    """A cursor the API did not give out is a 400 saying so, not a 500."""
    response = student_client.get("/api/v1/history?cursor=not-a-cursor")
    assert response.status_code == 400 and "cursor" in response.get_json()["error"]


def test_api_history_filters(student_client, world):
    """from/to are study days (inclusive): 03:59 on 14 March belongs to 13 March."""
    body = student_client.get("/api/v1/history?set=rivers&from=2025-03-14&to=2025-03-15").get_json()
    assert [i["at"][:16] for i in body["items"]] == ["2025-03-15T11:00", "2025-03-15T10:00", "2025-03-14T05:00"]
    body = student_client.get("/api/v1/history?from=2025-03-10&to=2025-03-12").get_json()
    assert [i["kind"] for i in body["items"]] == ["quiz", "quiz"]
    assert student_client.get("/api/v1/history?set=lakes").get_json()["total"] == 0


@pytest.mark.parametrize("query", ["set=nope", "from=15-03-2025", "from=2025-03-15&to=2025-03-01", "per_page=0", "page=0"])
def test_api_history_refuses_bad_filters(student_client, query):
    """A filter that cannot be understood is a 400 with a message."""
    response = student_client.get("/api/v1/history?" + query)
    assert response.status_code == 400 and response.get_json()["error"]


def test_api_history_needs_sign_in(client, world):
    """Anonymous callers get a JSON 401."""
    assert client.get("/api/v1/history").status_code == 401


def test_csv_download(student_client, world):
    """The CSV has one row per review and per quiz answer, newest first, with set, key and verdict."""
    response = student_client.get("/history/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    header, body = rows[0], rows[1:]
    assert header == ["kind", "time_utc", "set", "question_key", "prompt", "answer_given", "correct", "rating",
                      "duration_ms", "origin", "attempt_id", "attempt_score", "credit"]
    assert len(body) == 6 + 8
    assert body[0] == ["review", "2025-03-15T11:00:00+00:00", "rivers", "q1", "Rivers question 1?", "", "no", "1",
                       "4000", "study", "", "", ""]
    quiz_rows = [r for r in body if r[0] == "quiz"]
    assert quiz_rows[0] == ["quiz", "2025-03-12T09:02:00+00:00", "rivers", "q3", "Rivers question 3?", "other 3", "no",
                            "", "30000", "quiz", str(world.second.id), "0.50", ""]
    assert sum(1 for r in quiz_rows if r[6] == "yes") == 5
    assert all("other@example.org" not in ",".join(r) for r in body)


def test_csv_filtered_by_day(student_client):
    """The CSV takes the same filters as the API."""
    rows = list(csv.reader(io.StringIO(student_client.get("/history/export.csv?from=2025-03-15").get_data(as_text=True))))
    assert [r[1][:16] for r in rows[1:]] == ["2025-03-15T11:00", "2025-03-15T10:00"]
