"""An attempt's review page, the charts' data points, and the quiz of mistakes."""
import re

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import QuizAttempt


@pytest.fixture
def student_client(client, auth, world):
    auth.login("student@example.org")
    return client


def marks(html: str, chart_id: str) -> list[tuple[str, str]]:
    """(data-label, data-value) of every mark in one chart's SVG."""
    svg = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)
    return re.findall(r'data-label="([^"]*)" data-value="([^"]*)"', svg)


def test_attempt_review_page(student_client, world):
    """Every question with the answer given, the right answer, the explanation and the source quote."""
    html = student_client.get(f"/history/attempts/{world.second.id}").get_data(as_text=True)
    assert '<span class="score-badge" id="attempt-score">50%</span>' in html
    assert "2 of 4 right" in html and "took 2 min 0 s" in html
    items = re.findall(r'<li class="card review-item (is-right|is-wrong)">(.*?)</li>', html, re.S)
    assert [kind for kind, _ in items] == ["is-right", "is-right", "is-wrong", "is-wrong"]
    wrong = items[2][1]
    assert "Rivers question 2?" in wrong and "wrong 2" in wrong and "right 2" in wrong
    assert "Because 2." in wrong and "Quote 2 from the text." in wrong


def test_chart_data_points(student_client):
    """The SVGs carry the known numbers: forecast days, reviews per day, ratings and quiz scores."""
    html = student_client.get("/history/sets/rivers").get_data(as_text=True)
    forecast = marks(html, "chart-forecast")
    assert len(forecast) == 30
    assert forecast[0] == ("15 Mar", "3") and forecast[1] == ("16 Mar", "1") and forecast[17] == ("1 Apr", "1")
    assert sum(int(v) for _, v in forecast) == 5
    activity = dict(marks(html, "chart-activity"))
    assert len(activity) == 90
    assert {d: v for d, v in activity.items() if v != "0"} == {
        "2025-03-15": "2", "2025-03-14": "1", "2025-03-13": "1", "2025-03-01": "1", "2025-02-10": "1"}
    assert marks(html, "chart-ratings") == [("Again", "1"), ("Hard", "1"), ("Good", "3"), ("Easy", "1")]
    assert marks(html, "chart-scores") == [("2025-03-10T09:02:00+00:00", "75"), ("2025-03-12T09:02:00+00:00", "50")]


def test_charts_are_accessible(student_client):
    """Each chart is an img with a title and description, labelled axes and a data table behind a toggle."""
    html = student_client.get("/history/").get_data(as_text=True)
    for chart_id in ("chart-activity", "chart-forecast", "chart-scores", "chart-ratings"):
        svg = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)
        assert 'role="img"' in svg and f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in svg and f'<desc id="{chart_id}-desc">' in svg
        assert len(re.findall(r'class="axis-label"', svg)) == 2
        figure = re.search(rf'id="{chart_id}-figure">(.*?)</figure>', html, re.S).group(1)
        assert "<details" in figure and f'<table class="table" id="{chart_id}-table">' in figure
    assert "<script" not in html.split("<main", 1)[1]


def test_forecast_table_rows(student_client):
    """The forecast's table repeats the bar values as text."""
    html = student_client.get("/history/sets/rivers").get_data(as_text=True)
    table = re.search(r'id="chart-forecast-table">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert rows[0] == ("15 Mar", "3") and rows[17] == ("1 Apr", "1") and len(rows) == 30


def test_study_my_mistakes_starts_a_quiz(app, student_client, world):
    """The questions answered wrong in the last 7 days become a new attempt, opened in the quiz."""
    from tests.forms import post_form

    response = post_form(student_client, "/history/mistakes", {"set": "rivers", "days": "7"}, page="/history/sets/rivers")
    attempt = db.session.scalars(sa.select(QuizAttempt).order_by(QuizAttempt.id.desc())).first()
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/quiz/attempts/{attempt.id}")
    assert attempt.user_id == world.student.id and attempt.finished_at is None
    assert attempt.question_ids == [world.q[1].id, world.q[2].id, world.q[3].id]


def test_no_mistakes_says_so(student_client, world):
    """Without wrong answers in the period, no quiz is started and the page says why."""
    from tests.forms import post_form

    response = post_form(student_client, "/history/mistakes", {"set": "lakes", "days": "7"}, page="/history/",
                         follow_redirects=True)
    assert "No wrong answers in Lakes in the last 7 days" in response.get_data(as_text=True)
