"""Optimising FSRS parameters: recovery on a synthetic student, the health check keeps or discards, the app's path."""

import random
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from quizapp import optimisation, reviews, study_options, user_writes
from quizapp.extensions import db
from quizapp.models import Card, Optimisation, Question, QuestionSet, ReviewLog, User
from quizapp.scheduling import DEFAULT_PARAMETERS, CardState, Rating, Scheduler, optimise, study_date
from tests.forms import post_form

START = datetime(2025, 1, 6, 18, 0, tzinfo=timezone.utc)
# A student who forgets much faster than FSRS's defaults expect: initial stabilities a fifth.
TRUE = list(DEFAULT_PARAMETERS)
TRUE[0:4] = [w / 5 for w in TRUE[0:4]]


def simulate(parameters, cards=250, days=120, seed=7):
    """(card, rating, time) answers of a student whose memory follows `parameters`.

    Each card is learnt (Good, Good) on a random day, then reviewed when due: recalled with the
    model's retrievability (Good, sometimes Hard or Easy), else Again.
    """
    rng = random.Random(seed)
    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    answers = []
    for card in range(cards):
        now = START + timedelta(days=rng.randrange(days // 2), minutes=rng.randrange(300))
        state = CardState.new(now, card_id=card)
        for rating in (Rating.GOOD, Rating.GOOD):
            answers.append((card, rating, now))
            state = scheduler.answer_card(state, rating, now).after
            now = max(now + timedelta(minutes=1), state.due)
        while now < START + timedelta(days=days):
            recall = scheduler.retrievability(state, now)
            if rng.random() < recall:
                rating = rng.choice([Rating.GOOD] * 6 + [Rating.HARD, Rating.EASY])
            else:
                rating = Rating.AGAIN
            answers.append((card, rating, now))
            state = scheduler.answer_card(state, rating, now).after
            now = max(now + timedelta(minutes=1), state.due + timedelta(hours=rng.randrange(12)))
    answers.sort(key=lambda a: a[2])
    return answers


def items_from(answers):
    histories = {}
    for order, (card, rating, at) in enumerate(answers):
        histories.setdefault(card, []).append((int(rating), study_date(at, "UTC"), order))
    return optimise.items_of(histories.values())


def test_items_count_only_long_term_reviews_with_study_day_deltas():
    """Answers on days 0, 0, 2 and 2 of one card make one item (the third answer), deltas 0, 0, 2."""
    day = study_date(START, "UTC")
    items = optimise.items_of([[(3, day, 0), (3, day, 1), (3, day + timedelta(days=2), 2),
                                (1, day + timedelta(days=2), 3)]])
    assert [item.reviews for item in items] == [((3, 0), (3, 0), (3, 2))]


def test_time_series_folds_cut_as_sklearn():
    """12 things in 5 splits: folds of 2 after the first 2 (sklearn's TimeSeriesSplit)."""
    assert optimise.time_series_folds(12) == [(2, 2, 4), (4, 4, 6), (6, 6, 8), (8, 8, 10), (10, 10, 12)]


def test_parameters_are_recovered_from_a_synthetic_student():
    """Fitted on a student simulated with known parameters, the fit predicts like the truth and is kept."""
    items = items_from(simulate(TRUE))
    assert len(items) >= optimise.MIN_LONG_TERM_REVIEWS
    check = optimise.health_check(items, DEFAULT_PARAMETERS)
    assert check.healthy and check.log_loss_fitted < check.log_loss_current
    truth_loss, _ = optimise.evaluate(TRUE, items)
    fitted_loss, _ = optimise.evaluate(check.parameters, items)
    default_loss, _ = optimise.evaluate(DEFAULT_PARAMETERS, items)
    assert abs(fitted_loss - truth_loss) < 0.3 * (default_loss - truth_loss)
    # The initial stabilities move from the defaults towards the true ones (a fifth).
    for index in (2, 3):
        assert abs(check.parameters[index] - TRUE[index]) < abs(DEFAULT_PARAMETERS[index] - TRUE[index])


def test_health_check_discards_a_fit_no_better_than_the_current_parameters():
    """A student already on their true parameters, with 400-odd long-term reviews: fits on the earlier folds
    predict the later ones worse than the truth does, so the new parameters are not kept."""
    items = items_from(simulate(TRUE, cards=80, seed=2))
    assert len(items) >= optimise.MIN_LONG_TERM_REVIEWS
    check = optimise.health_check(items, TRUE)
    assert not check.healthy and check.log_loss_fitted > check.log_loss_current


# ---- the app's path --------------------------------------------------------------------------


@pytest.fixture
def synthetic(app, make_user):
    """A user whose review log is the synthetic student's, stored as the app stores answers."""
    user = db.session.get(User, make_user("synthetic@example.org").id)
    question_set = QuestionSet(slug="synthetic", title="Synthetic", sources=[])
    db.session.add(question_set)
    db.session.flush()
    answers = simulate(TRUE)
    questions = {}
    for card in sorted({a[0] for a in answers}):
        questions[card] = Question(set_id=question_set.id, key=f"c{card}", type="flashcard", prompt=f"front {card}",
                                   answer="back", position=card)
    db.session.add_all(questions.values())
    db.session.commit()
    return user, answers, questions


def _record(user, answers, questions):
    for card, rating, at in answers:
        reviews.answer_card(user, questions[card], rating, now=at)
    db.session.commit()


def test_optimise_keeps_the_fit_records_both_figures_and_schedules_with_it(synthetic):
    """Through the database: the run is kept, recorded with both log losses, and the scheduler uses the fit."""
    user, answers, questions = synthetic
    _record(user, answers, questions)
    user_writes.begin_write(user.id)
    run = optimisation.optimise(user, reschedule=True, now=START + timedelta(days=121))
    db.session.commit()
    assert run.outcome == "kept" and run.log_loss_fitted < run.log_loss_current
    assert run.long_term_reviews >= optimise.MIN_LONG_TERM_REVIEWS and run.rescheduled > 0
    assert study_options.scheduler_for(db.session.get(User, user.id)).parameters == tuple(run.parameters)


def test_automatic_run_after_every_thousand_reviews(synthetic):
    """The automatic run waits for 1,000 reviews, then runs once per 1,000 more."""
    user, answers, questions = synthetic
    assert len(answers) > 1100
    _record(user, answers[:999], questions)
    assert optimisation.maybe_optimise(user) is None
    _record(user, answers[999:1000], questions)
    first = optimisation.maybe_optimise(user)
    db.session.commit()
    assert first is not None and first.automatic and first.reviews == 1000
    _record(user, answers[1000:1100], questions)
    assert optimisation.maybe_optimise(user) is None


def test_optimise_discards_through_the_database_and_keeps_the_parameters(app, make_user):
    """A user on their true parameters: the run is recorded as discarded and the parameters stay."""
    user = db.session.get(User, make_user("true@example.org").id)
    user.fsrs_parameters = list(TRUE)
    question_set = QuestionSet(slug="true", title="True", sources=[])
    db.session.add(question_set)
    db.session.flush()
    answers = simulate(TRUE, cards=80, seed=2)
    questions = {card: Question(set_id=question_set.id, key=f"c{card}", type="flashcard", prompt="f", answer="b",
                                position=card) for card in {a[0] for a in answers}}
    db.session.add_all(questions.values())
    db.session.commit()
    _record(user, answers, questions)
    user_writes.begin_write(user.id)
    run = optimisation.optimise(user)
    db.session.commit()
    assert run.outcome == "discarded" and run.log_loss_fitted > run.log_loss_current
    assert db.session.get(User, user.id).fsrs_parameters == list(TRUE)


def test_too_few_reviews_are_recorded_and_nothing_changes(app, make_user, client, auth):
    """The button with no reviews: the run says too few, the parameters stay the defaults."""
    user = make_user("new@example.org")
    auth.login("new@example.org")
    response = post_form(client, "/settings/optimise", {}, page="/settings")
    assert response.status_code == 302
    page = client.get("/settings").get_data(as_text=True)
    assert "Not enough reviews" in page and 'data-outcome="too_few"' in page
    assert db.session.get(User, user.id).fsrs_parameters is None


def test_settings_page_optimise_button_shows_both_figures_and_the_date(synthetic, client, auth):
    """Signed in as the synthetic student, "Optimise now" fits, and the page shows both log losses and the date."""
    user, answers, questions = synthetic
    _record(user, answers, questions)
    auth.login("synthetic@example.org")
    response = post_form(client, "/settings/optimise", {}, page="/settings")
    assert response.status_code == 302
    page = client.get("/settings").get_data(as_text=True)
    run = db.session.scalar(sa.select(Optimisation).where(Optimisation.user_id == user.id))
    assert run.outcome == "kept" and 'data-outcome="kept"' in page
    assert f"{run.log_loss_fitted:.4f} fitted" in page and f"{run.log_loss_current:.4f} before" in page
    assert run.ran_at.strftime("%Y-%m-%d") in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Card).where(Card.user_id == user.id)) > 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == len(answers)
