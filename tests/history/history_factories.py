"""Factories for history tests: sets, card states, review-log rows and quiz attempts at fixed times."""
import itertools
from datetime import datetime, timedelta, timezone

from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet, QuizAnswer, QuizAttempt, ReviewLog

_counter = itertools.count(1)


def at(text: str) -> datetime:
    """An aware UTC datetime from ``"2025-03-15 12:00"``."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def gen_set(title="Rivers", questions=4, owner=None, **kwargs) -> QuestionSet:
    """A set with ``questions`` multiple-choice questions q0, q1, ... (answer "right N")."""
    n = next(_counter)
    qs = QuestionSet(slug=kwargs.pop("slug", f"set-{n}"), title=title, owner_id=owner.id if owner else None, **kwargs)
    db.session.add(qs)
    db.session.flush()
    for i in range(questions):
        db.session.add(Question(
            set_id=qs.id, key=f"q{i}", type="multiple_choice", prompt=f"{title} question {i}?",
            answer=f"right {i}", choices=[f"right {i}", f"wrong {i}", f"other {i}"],
            explanation=f"Because {i}.", source_quote=f"Quote {i} from the text.", position=i,
        ))
    db.session.flush()
    return qs


def gen_card(user, question, *, due, state=2, reps=1, lapses=0, suspended=False, **kwargs) -> Card:
    card = Card(user_id=user.id, question_id=question.id, due=due, state=state, reps=reps, lapses=lapses,
                suspended=suspended, stability=kwargs.pop("stability", 3.0), difficulty=kwargs.pop("difficulty", 5.0),
                last_review=kwargs.pop("last_review", due - timedelta(days=1)), **kwargs)
    db.session.add(card)
    db.session.flush()
    return card


def gen_review(user, question, *, at_time, rating=3, correct=None, origin="study", duration_ms=4000, answer_given=None) -> ReviewLog:
    state = {"due": at_time.isoformat(), "stability": 3.0, "difficulty": 5.0, "state": 2, "step": None,
             "reps": 1, "lapses": 0, "last_review": None}
    log = ReviewLog(user_id=user.id, question_id=question.id, client_id=f"c{next(_counter)}", rating=rating,
                    correct=correct, origin=origin, duration_ms=duration_ms, answer_given=answer_given,
                    state_before=state, state_after=state, reviewed_at=at_time)
    db.session.add(log)
    db.session.flush()
    return log


def gen_attempt(user, question_set, *, started, answers, seconds_per_answer=30, finished=True) -> QuizAttempt:
    """An attempt answering ``answers`` = [(question, given, correct)] in order, scored as a fraction."""
    attempt = QuizAttempt(user_id=user.id, set_id=question_set.id, question_ids=[q.id for q, _, _ in answers],
                          started_at=started)
    db.session.add(attempt)
    db.session.flush()
    t = started
    for position, (question, given, correct) in enumerate(answers):
        t += timedelta(seconds=seconds_per_answer)
        db.session.add(QuizAnswer(attempt_id=attempt.id, question_id=question.id, position=position, given=given,
                                  correct=correct, duration_ms=seconds_per_answer * 1000, answered_at=t))
    if finished:
        attempt.finished_at = t
        attempt.correct_count = sum(1 for _, _, c in answers if c)
        attempt.score = attempt.correct_count / len(answers)
    db.session.flush()
    return attempt
