"""The student's history pages show the known review log's numbers, charts and attempts."""
import re

import pytest


@pytest.fixture
def student_client(client, auth, world):
    auth.login("student@example.org")
    return client


def _row(html: str, slug: str) -> dict[str, str]:
    row = re.search(rf'<tr data-set="{slug}">(.*?)</tr>', html, re.S).group(1)
    return {k: re.sub(r"<[^>]+>", "", v).strip() for k, v in re.findall(r'data-k="([^"]+)">(.*?)</td>', row, re.S)}


def test_history_lists_progress_per_set(student_client):
    """The progress table shows counts by state, 30-day retention and what is due."""
    html = student_client.get("/history/").get_data(as_text=True)
    assert _row(html, "rivers") == {"new": "1", "learning": "2", "review": "4", "suspended": "1",
                                    "retention": "60% (3/5)", "due-today": "3", "due-tomorrow": "1", "due-month": "5"}
    assert "Again means forgotten" in html


def test_set_page_numbers(student_client):
    """The set's progress page states the counts, retention and due numbers."""
    html = student_client.get("/history/sets/rivers").get_data(as_text=True)
    for key, value in {"new": "1", "learning": "2", "review": "4", "suspended": "1", "retention": "60%",
                       "due-today": "3", "due-tomorrow": "1", "due-month": "5"}.items():
        assert re.search(rf'id="stat-{key}">{re.escape(value)}<', html), key
    assert "3 of 5 reviews answered right in the last 30 days" in html
