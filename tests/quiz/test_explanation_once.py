"""A generated question often explains itself with the sentence it quotes: the study check page, the quiz result and
the history's attempt page show that sentence once; a different quote is still shown beside the explanation."""
import re

import pytest

from quizapp import formats
from quizapp.extensions import db
from quizapp.models import QuizAttempt
from quizapp.sets import import_set
from tests.forms import csrf_token_from, post_form
from tests.study.conftest import card_token

SAME = "North Korea sent about 10,000 soldiers to Russia."
OTHER = "The troops arrived in Kursk in October."
SET_YAML = f"""
title: Soldiers
slug: soldiers
questions:
  - id: who
    type: short_answer
    prompt: Which country sent about 10,000 soldiers to Russia?
    answer: North Korea
    explanation: "{SAME}"
    source: {{doc: news, sentence: 1, quote: "{SAME}"}}
  - id: where
    type: short_answer
    prompt: Where did the troops arrive?
    answer: Kursk
    explanation: They went to the Kursk region.
    source: {{doc: news, sentence: 2, quote: "{OTHER}"}}
"""


@pytest.fixture
def soldiers(client, auth, make_user):
    question_set = import_set(formats.read(SET_YAML.encode(), "yaml").set).question_set
    db.session.commit()
    make_user("rui@example.org")
    auth.login("rui@example.org")
    return question_set


def test_study_check_page_shows_the_sentence_once(client, soldiers):
    """The check page shows the explanation and, only when it differs, the quote."""
    pages = []
    for _ in range(2):
        html = client.get("/study/soldiers").get_data(as_text=True)
        check = client.post("/study/soldiers/answer", follow_redirects=True, data={
            "csrf_token": csrf_token_from(html), "t": card_token(html), "answer": "no idea"}).get_data(as_text=True)
        pages.append(check)
        client.post("/study/soldiers/review", data={"csrf_token": csrf_token_from(check), "t": card_token(check),
                                                     "rating": "3"})
    same = next(page for page in pages if SAME in page)
    other = next(page for page in pages if OTHER in page)
    assert same.count(SAME) == 1 and 'class="source-quote"' not in same
    assert other.count(OTHER) == 1 and "They went to the Kursk region." in other


def test_quiz_result_and_attempt_page_show_the_sentence_once(client, soldiers):
    """The quiz result and the history's review of the attempt show the sentence once, a different quote too."""
    response = post_form(client, "/quiz/soldiers", {"count": "2", "mode": "single"})
    attempt_id = int(re.search(r"/quiz/attempts/(\d+)", response.headers["Location"]).group(1))
    attempt = db.session.get(QuizAttempt, attempt_id)
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    client.post(f"/quiz/attempts/{attempt_id}/finish", data={
        "csrf_token": csrf_token_from(html), **{f"answer-{qid}": "no idea" for qid in attempt.question_ids}})
    for page in (f"/quiz/attempts/{attempt_id}/result", f"/history/attempts/{attempt_id}"):
        text = client.get(page).get_data(as_text=True)
        assert text.count(SAME) == 1, page
        assert text.count(OTHER) == 1 and "They went to the Kursk region." in text, page
