"""The teacher's history of a set: weekly attempts, questions hardest first, their own classes only."""
import csv
import io
import re

import pytest

from quizapp.extensions import db
from quizapp.history import teaching
from quizapp.models import ClassAssignment, ClassMember, Classroom


@pytest.fixture
def classes(world, make_user):
    """Class A (the set's owner) has both students; class B belongs to another teacher."""
    rival = make_user("rival@example.org", role="teacher")
    mine = Classroom(name="Class A", owner_id=world.teacher.id, join_code="AAAA1111")
    theirs = Classroom(name="Class B", owner_id=rival.id, join_code="BBBB2222")
    db.session.add_all([mine, theirs])
    db.session.flush()
    db.session.add_all([
        ClassMember(class_id=mine.id, user_id=world.student.id), ClassMember(class_id=mine.id, user_id=world.other.id),
        ClassMember(class_id=theirs.id, user_id=world.student.id),
        ClassAssignment(class_id=mine.id, set_id=world.rivers.id), ClassAssignment(class_id=theirs.id, set_id=world.rivers.id),
    ])
    db.session.commit()
    return mine, theirs


def test_question_stats_hardest_first(world):
    """Success rates from quiz answers, hardest first; q3 (0 of 3) is flagged with its wrong answers."""
    stats = teaching.question_stats(world.rivers.id)
    assert [(s.question.key, s.answers, s.right) for s in stats[:4]] == [("q3", 3, 0), ("q2", 2, 1), ("q0", 3, 2), ("q1", 2, 2)]
    assert [s.question.key for s in stats[4:]] == ["q4", "q5", "q6", "q7"]
    assert [s.flagged for s in stats[:4]] == [True, False, False, False]
    assert stats[0].wrong_answers == [("wrong 3", 2), ("other 3", 1)]
    assert stats[0].mean_ms == 30000


def test_weekly_attempts(world):
    """All three finished attempts fall in the week starting Monday 10 March, mean score 42 %."""
    weeks = teaching.attempts_by_week(world.rivers.id, now=world.now, tz="UTC")
    assert len(weeks) == 12 and str(weeks[-1].start) == "2025-03-10" and str(weeks[0].start) == "2024-12-23"
    assert all(week.start.weekday() == 0 for week in weeks)
    assert weeks[-1].attempts == 3 and round(weeks[-1].mean_score, 4) == 0.4167
    assert sum(w.attempts for w in weeks[:-1]) == 0


def test_class_progress(world, classes):
    """Each member's studied, mastered, retention and quiz scores on the set, in the teacher's class only."""
    [group] = teaching.class_progress(world.teacher, world.rivers.id, now=world.now, tz="UTC")
    assert group.classroom.name == "Class A"
    by_email = {s.user.email: s for s in group.students}
    s, o = by_email["student@example.org"], by_email["other@example.org"]
    assert (s.studied, s.mastered, s.reviews, s.correct, s.attempts, s.best_score, s.last_score) == (7, 4, 5, 3, 2, 0.75, 0.5)
    assert (o.studied, o.mastered, o.reviews, o.correct, o.attempts, o.best_score, o.last_score) == (1, 1, 2, 0, 1, 0.0, 0.0)
    assert str(s.last_active) == "2025-03-15 11:00:00+00:00"


def test_teacher_page(client, auth, world, classes):
    """The page shows the summary, the flagged question with its wrong answers, and class A's students."""
    auth.login("teacher@example.org")
    html = client.get("/history/teach/rivers").get_data(as_text=True)
    assert "3 finished quizzes · 2 students · mean score 42%" in re.sub(r"\s+", " ", html)
    q3 = re.search(r'<tr data-question="q3" class="flagged">(.*?)</tr>', html, re.S).group(1)
    assert "review this question" in q3 and "“wrong 3” × 2" in q3 and "“other 3” × 1" in q3
    assert re.search(r'data-k="success">.*?0%</td>', q3, re.S)
    assert "Class A" in html and "Class B" not in html
    row = re.search(r'<tr data-student="student@example.org">(.*?)</tr>', html, re.S).group(1)
    assert 'data-k="studied">7/8<' in row and 'data-k="retention">60%<' in row and 'data-k="best">75%<' in row
    # The weekly chart carries its numbers on the marks.
    assert 'data-label="10 Mar" data-value="3"' in html
    mean = re.search(r'<svg [^>]*id="chart-weekly-mean".*?</svg>', html, re.S).group(0)
    assert re.findall(r'data-label="([^"]*)" data-value="([^"]*)"', mean) == [("10 Mar", "41.7")]


def test_teacher_csv(client, auth, world, classes):
    """The CSV exports hold the same question and student rows."""
    auth.login("teacher@example.org")
    rows = list(csv.reader(io.StringIO(client.get("/history/teach/rivers/questions.csv").get_data(as_text=True))))
    assert rows[1] == ["q3", "Rivers question 3?", "3", "0", "0.00", "30.0", "yes", "wrong 3 (2); other 3 (1)"]
    assert [r[0] for r in rows[1:]] == ["q3", "q2", "q0", "q1", "q4", "q5", "q6", "q7"]
    rows = list(csv.reader(io.StringIO(client.get("/history/teach/rivers/students.csv").get_data(as_text=True))))
    assert rows[1:] == [
        ["Class A", "other@example.org", "1", "1", "2", "0.00", "1", "0.00", "0.00", "2025-03-15T09:30:00+00:00"],
        ["Class A", "student@example.org", "7", "4", "5", "0.60", "2", "0.75", "0.50", "2025-03-15T11:00:00+00:00"],
    ]


def test_teacher_index_lists_own_sets(client, auth, world):
    """The index lists the teacher's own sets with attempts, students and mean score."""
    auth.login("teacher@example.org")
    html = client.get("/history/teach/").get_data(as_text=True)
    row = re.search(r'<tr data-set="rivers">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row) == ["3", "2", "42%"]
    assert 'data-set="lakes"' not in html
