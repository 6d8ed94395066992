"""Helpers for the study and quiz tests: a signed-in student on the seed set."""
import re

import pytest

from tests.forms import csrf_token_from

TOKEN = re.compile(r'name="t" value="([^"]+)"')


@pytest.fixture
def student(client, auth, make_user, seed_sets):
    """A signed-in student; returns (user, seed set)."""
    user = make_user("ana@example.org")
    auth.login("ana@example.org")
    return user, seed_sets[0]


def card_token(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page carries no card token"
    return match.group(1)


def question_id_of(html: str) -> int:
    return int(re.search(r'data-question-id="(\d+)"', html).group(1))


def show_and_answer(client, slug, answer="", follow=True):
    """GET the study page, POST an answer; returns (question_id, check page response)."""
    html = client.get(f"/study/{slug}").get_data(as_text=True)
    qid = question_id_of(html)
    response = client.post(f"/study/{slug}/answer", data={
        "csrf_token": csrf_token_from(html), "t": card_token(html), "answer": answer}, follow_redirects=follow)
    return qid, response


def rate(client, slug, check_html, rating):
    """POST a rating from a check page."""
    return client.post(f"/study/{slug}/review", data={
        "csrf_token": csrf_token_from(check_html), "t": card_token(check_html), "rating": str(rating)})
