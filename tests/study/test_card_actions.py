"""A student's own cards: suspend, bury until tomorrow, flag and note while studying; search them."""
from datetime import timedelta

import sqlalchemy as sa

from quizapp import cards, clock
from quizapp.extensions import db
from quizapp.models import Card, Question
from tests.forms import csrf_token_from
from tests.study.conftest import question_id_of, rate, show_and_answer


def _act(client, page_html, question_id, action, **data):
    return client.post(f"/cards/{question_id}/{action}",
                       data={"csrf_token": csrf_token_from(page_html), **data})


def _card(user, question_id):
    return db.session.scalar(sa.select(Card).where(Card.user_id == user.id, Card.question_id == question_id))


def test_bury_keeps_the_card_away_until_the_next_study_day(client, student):
    """Burying the card shown moves on to another card; the buried one is back tomorrow."""
    user, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    qid = question_id_of(html)
    response = _act(client, html, qid, "bury", back=f"/study/{study_set.slug}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/study/{study_set.slug}")
    card = _card(user, qid)
    assert card.buried_until > clock.now() and card.buried_until - clock.now() <= timedelta(days=1)
    assert card.reps == 0  # still a new card, only out of today's queue
    for _ in range(10):
        page = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
        if 'data-question-id' not in page:
            break
        assert question_id_of(page) != qid
        _, check = show_and_answer(client, study_set.slug, "")
        rate(client, study_set.slug, check.get_data(as_text=True), 4)
    tomorrow = clock.now() + timedelta(days=1, hours=1)
    assert cards.is_buried(_card(user, qid), tomorrow) is False


def test_suspend_from_the_study_page(client, student):
    """Suspending the card shown takes it out of the queue until it is unsuspended."""
    user, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    qid = question_id_of(html)
    assert "Suspend" in html and "Bury until tomorrow" in html
    _act(client, html, qid, "suspend")
    assert _card(user, qid).suspended is True
    assert question_id_of(client.get(f"/study/{study_set.slug}").get_data(as_text=True)) != qid
    _act(client, html, qid, "unsuspend")
    assert _card(user, qid).suspended is False


def test_flag_and_note_stay_with_the_card(client, student):
    """A flag and a note are saved on the student's card and shown when it comes back."""
    user, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    qid = question_id_of(html)
    _act(client, html, qid, "flag")
    _act(client, html, qid, "note", note="  remember: the Seine  ")
    card = _card(user, qid)
    assert (card.flagged, card.note) == (True, "remember: the Seine")
    page = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert "remember: the Seine" in page and "Remove the flag" in page
    _act(client, html, qid, "unflag")
    _act(client, html, qid, "note", note="")
    card = _card(user, qid)
    assert (card.flagged, card.note) == (False, None)


def test_actions_refuse_other_sets_and_unknown_actions(client, student, make_user):
    """An unknown action or a question the student cannot see answers 404 and changes nothing."""
    from quizapp.models import QuestionSet

    user, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    qid = question_id_of(html)
    assert _act(client, html, qid, "explode").status_code == 404
    draft = QuestionSet(slug="private", title="Private", language="en", is_published=False,
                        owner_id=make_user("other@example.org", role="teacher").id)
    db.session.add(draft)
    db.session.flush()
    hidden = Question(set_id=draft.id, key="q", type="short_answer", prompt="P", answer="A")
    db.session.add(hidden)
    db.session.commit()
    assert _act(client, html, hidden.id, "flag").status_code == 404
    assert _card(user, hidden.id) is None


def test_back_never_leaves_the_site(client, student):
    """The return address of an action is a path of this site only."""
    _, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    response = _act(client, html, question_id_of(html), "flag", back="//evil.example/")
    assert response.headers["Location"].endswith(f"/study/{study_set.slug}")


def test_search_finds_cards_by_text_and_note(client, student):
    """Search matches prompts, answers and the student's notes; filters list flagged or suspended cards."""
    user, study_set = student
    html = client.get("/cards/?q=capital").get_data(as_text=True)
    assert "What is the capital of France?" in html and "What is the capital of Spain?" in html
    assert "Mount Everest" not in html
    assert "Mount Everest" in client.get("/cards/?q=8849").get_data(as_text=True)  # the answer
    everest = db.session.scalar(sa.select(Question).where(Question.key == "everest"))
    _act(client, html, everest.id, "note", note="tallest above sea level")
    _act(client, html, everest.id, "flag")
    assert "Mount Everest" in client.get("/cards/?q=sea+level").get_data(as_text=True)
    flagged = client.get("/cards/?only=flagged").get_data(as_text=True)
    assert "Mount Everest" in flagged and "capital of France" not in flagged
    assert "No card matches" in client.get("/cards/?only=suspended").get_data(as_text=True)


def test_search_escapes_like_wildcards(client, student):
    """A % or _ typed into the search is a character, not a wildcard."""
    assert "No card matches" in client.get("/cards/?q=%25").get_data(as_text=True)
