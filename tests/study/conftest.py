"""Helpers for the study, quiz and API tests: a small set of every question type and a signed-in student."""
import re

import pytest

from quizapp.extensions import db
from tests.forms import csrf_token_from

TOKEN = re.compile(r'name="t" value="([^"]+)"')

STUDY_SET_YAML = """
title: Capitals and numbers
slug: capitals
language: en
questions:
  - id: capital-fr
    type: multiple_choice
    prompt: What is the capital of France?
    answer: Paris
    choices: [Paris, Lyon, Marseille, Nice]
    explanation: Paris has been the capital since 987.
    source: {doc: atlas, sentence: 1, quote: "Paris is the capital and largest city of France."}
  - id: capital-pt
    type: short_answer
    prompt: What is the capital of Portugal?
    answer: Lisbon
    accept: [Lisboa]
  - id: everest
    type: numeric
    prompt: How tall is Mount Everest, in metres?
    answer: 8849
    tolerance: 10
  - id: rhine
    type: cloze
    prompt: The Rhine flows into the {{North Sea}}.
    answer: North Sea
  - id: sahara
    type: true_false
    prompt: The Sahara is the largest hot desert.
    answer: true
  - id: cell
    type: flashcard
    front: Powerhouse of the cell
    back: Mitochondria
  - id: capital-es
    type: short_answer
    prompt: What is the capital of Spain?
    answer: Madrid
"""


@pytest.fixture
def study_set(app):
    """The small set above, imported and committed."""
    from quizapp import formats
    from quizapp.sets import import_set

    outcome = import_set(formats.read(STUDY_SET_YAML.encode(), "yaml").set)
    db.session.commit()
    return outcome.question_set


@pytest.fixture
def student(client, auth, make_user, study_set):
    """A signed-in student; returns (user, the study set)."""
    user = make_user("ana@example.org")
    auth.login("ana@example.org")
    return user, study_set


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
