"""Counts and daily limits as Anki has them: new / learning / review, limits across all sets, a set's own."""
import re
from datetime import datetime, timedelta, timezone

from quizapp import reviews, study_options, study_queue, user_writes
from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, User
from quizapp.scheduling import Rating
from tests.forms import post_form

# 10:00 in Lisbon (UTC+1 in summer): the study day began at 04:00 local.
NOW = datetime(2024, 5, 10, 9, 0, tzinfo=timezone.utc)


def _answer(user, question, rating, now, **kw):
    db.session.commit()
    user_writes.begin_write(user.id)
    outcome = reviews.answer_card(db.session.get(User, user.id), db.session.get(Question, question.id), rating,
                                  now=now, **kw)
    db.session.commit()
    return outcome


def _user(user, **settings):
    user = db.session.get(User, user.id)
    for name, value in {"timezone": "Europe/Lisbon", **settings}.items():
        setattr(user, name, value)
    db.session.commit()
    return user


def _second_set():
    other = QuestionSet(slug="other", title="Other", sources=[])
    db.session.add(other)
    db.session.flush()
    questions = [Question(set_id=other.id, key=f"o{i}", type="flashcard", prompt=f"front {i}", answer="back",
                          position=i) for i in range(3)]
    db.session.add_all(questions)
    db.session.commit()
    return other, questions


def _graduate(user, question, when):
    """A card answered Good twice (1 and 10 minute steps): in review, due a day or more later."""
    _answer(user, question, Rating.GOOD, when)
    return _answer(user, question, Rating.GOOD, when + timedelta(minutes=10)).card.due


def test_same_day_learning_is_never_limited(app, student):
    """With every review of the day spent, a learning card due a minute ago is still served and counted."""
    user, study_set = student
    user = _user(user, reviews_per_day=1, new_per_day=1)
    learning = study_set.questions[0]
    _answer(user, learning, Rating.AGAIN, NOW)  # a new card: spends the new limit, then learns (1 min)
    later = NOW + timedelta(minutes=2)
    counts = study_queue.set_counts(user, [study_set.id], later)[study_set.id]
    assert (counts.new, counts.learning, counts.review) == (0, 1, 0)
    user.reviews_per_day = 0
    db.session.commit()
    question, counts = study_queue.next_question(db.session.get(User, user.id), study_set.id, later)
    assert question is not None and question.id == learning.id and counts.learning == 1


def test_interday_learning_counts_against_the_review_limit(app, student):
    """A learning card last answered yesterday waits for the review limit, as in Anki."""
    user, study_set = student
    user = _user(user, reviews_per_day=0)
    evening = datetime(2024, 5, 9, 20, 0, tzinfo=timezone.utc)
    _answer(user, study_set.questions[0], Rating.AGAIN, evening)  # due 1 min later, yesterday
    counts = study_queue.set_counts(db.session.get(User, user.id), [study_set.id], NOW)[study_set.id]
    assert (counts.learning, counts.review) == (0, 0)
    user = _user(user, reviews_per_day=5)
    counts = study_queue.set_counts(user, [study_set.id], NOW)[study_set.id]
    assert (counts.learning, counts.review) == (0, 1)


def test_new_limit_applies_across_all_sets(app, student):
    """Two new cards learnt in one set leave one new card of three for every other set."""
    user, study_set = student
    other, others = _second_set()
    user = _user(user, new_per_day=3)
    for question in others[:2]:
        _answer(user, question, Rating.EASY, NOW)
    user = db.session.get(User, user.id)
    counts = study_queue.set_counts(user, [study_set.id, other.id], NOW + timedelta(minutes=5))
    assert counts[study_set.id].new == 1 and counts[other.id].new == 1


def test_review_limit_applies_across_all_sets(app, student):
    """Reviews answered in one set spend the review limit of every set."""
    user, study_set = student
    other, others = _second_set()
    user = _user(user, new_per_day=10, reviews_per_day=2)
    start = NOW - timedelta(days=20)
    dues = [_graduate(user, q, start) for q in [*others[:2], *study_set.questions[:2]]]
    day = max(dues) + timedelta(hours=1)
    user = db.session.get(User, user.id)
    assert study_queue.set_counts(user, [study_set.id], day)[study_set.id].review == 2
    for question in others[:2]:
        _answer(user, question, Rating.GOOD, day)
    user = db.session.get(User, user.id)
    assert study_queue.set_counts(user, [study_set.id], day + timedelta(minutes=1))[study_set.id].review == 0


def test_a_sets_own_limit_holds_that_set_lower(app, student):
    """A set's own new limit of 1 caps it under the account's 10; the other set keeps the account's."""
    user, study_set = student
    other, _ = _second_set()
    user = _user(user, new_per_day=10)
    study_options.save_set_limits(user.id, study_set.id, 1, None)
    db.session.commit()
    counts = study_queue.set_counts(db.session.get(User, user.id), [study_set.id, other.id], NOW)
    assert counts[study_set.id].new == 1 and counts[other.id].new == 3
    _answer(user, study_set.questions[0], Rating.EASY, NOW)
    counts = study_queue.set_counts(db.session.get(User, user.id), [study_set.id, other.id], NOW)
    assert counts[study_set.id].new == 0 and counts[other.id].new == 3


def test_quiz_answers_count_against_the_limits(app, student):
    """A quiz answer that moves a new card spends the new limit, as a study answer does."""
    user, study_set = student
    user = _user(user, new_per_day=2)
    _answer(user, study_set.questions[0], Rating.GOOD, NOW, origin="quiz")
    counts = study_queue.set_counts(db.session.get(User, user.id), [study_set.id], NOW)[study_set.id]
    assert counts.new == 1
    done = study_queue.day_counts(db.session.get(User, user.id), [study_set.id], NOW)
    assert done[study_set.id] == (1, 0) and done[None] == (1, 0)


def test_study_page_shows_new_learning_and_review(client, student):
    """The study page and the home page show the three counts, in the student's language too."""
    user, study_set = student
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert re.search(r'class="count new"[^>]*>7 new<', html)
    assert re.search(r'class="count learning"[^>]*>0 learning<', html)
    assert re.search(r'class="count review"[^>]*>0 to review<', html)
    home = client.get("/").get_data(as_text=True)
    assert 'class="count learning"' in home
    api = client.get("/api/v1/sets").get_json()["sets"]
    assert {"new": 7, "learning": 0, "review": 0}.items() <= next(s for s in api if s["slug"] == study_set.slug).items()


def test_set_limits_page_saves_clears_and_refuses_bad_input(client, student):
    """The set's limits page stores a limit, empty fields remove it, a negative number is refused."""
    user, study_set = student
    url = f"/study/{study_set.slug}/limits"
    assert post_form(client, url, {"new_per_day": "2", "reviews_per_day": "", "new_card_order": ""}).status_code == 302
    own = study_options.set_limits(user.id, [study_set.id])[study_set.id]
    assert (own.new_per_day, own.reviews_per_day) == (2, None)
    html = client.get(f"/study/{study_set.slug}").get_data(as_text=True)
    assert re.search(r'class="count new"[^>]*>2 new<', html)
    bad = post_form(client, url, {"new_per_day": "-1", "reviews_per_day": "", "new_card_order": ""})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    assert post_form(client, url, {"new_per_day": "", "reviews_per_day": "", "new_card_order": ""}).status_code == 302
    db.session.expire_all()
    assert study_options.set_limits(user.id, [study_set.id]) == {}
