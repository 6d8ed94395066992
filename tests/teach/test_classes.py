"""Classes: create, join with the code, assign sets, the student's home page and the class page."""
from datetime import date

import pytest
import sqlalchemy as sa

from quizapp import classes
from quizapp.extensions import db
from quizapp.models import Card, ClassAssignment, ClassMember, Classroom, QuizAttempt, utcnow
from tests.forms import post_form
from tests.teach.conftest import gen_question


@pytest.fixture
def teacher(make_user):
    return make_user("teacher@example.org", role="teacher")


@pytest.fixture
def classroom(teacher):
    room = classes.create_class(teacher, "Geography 7B")
    db.session.commit()
    return room


def test_teacher_creates_a_class_with_a_join_code(client, sign_in):
    """Creating a class gives it an 8-character code without look-alike characters."""
    sign_in("teacher")
    response = post_form(client, "/teach/classes/new", {"name": "Geography 7B"})
    room = db.session.scalar(sa.select(Classroom))
    assert response.headers["Location"].endswith(f"/teach/classes/{room.id}")
    assert len(room.join_code) == 8 and not set(room.join_code) & set("01OIL")
    assert room.join_code in client.get(f"/teach/classes/{room.id}").get_data(as_text=True)


def test_join_codes_are_unique(teacher):
    """Many classes never share a code (the database refuses a duplicate)."""
    codes = {classes.create_class(teacher, f"Class {i}").join_code for i in range(50)}
    assert len(codes) == 50


def test_student_joins_with_the_code_typed_loosely(client, sign_in, classroom):
    """A code typed in lower case with spaces or dashes still finds the class; joining twice adds one row."""
    student = sign_in("student")
    loose = classroom.join_code.lower()[:4] + " - " + classroom.join_code.lower()[4:]
    response = post_form(client, "/classes/join", {"code": loose}, follow_redirects=True)
    assert "You joined Geography 7B." in response.get_data(as_text=True)
    response = post_form(client, "/classes/join", {"code": classroom.join_code}, follow_redirects=True)
    assert "You are already in Geography 7B." in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(ClassMember.user_id)).all() == [student.id]


def test_wrong_code_says_so(client, sign_in, classroom):
    """An unknown code shows a message under the field and joins nothing."""
    sign_in("student")
    response = post_form(client, "/classes/join", {"code": "ZZZZZZZZ"})
    assert "No class has this code." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClassMember)) == 0


def test_join_link_fills_in_the_code(client, sign_in, classroom):
    """The link on the class page opens the join form with the code filled in."""
    sign_in("student")
    html = client.get(f"/classes/join?code={classroom.join_code}").get_data(as_text=True)
    assert f'value="{classroom.join_code}"' in html


def test_assign_a_set_with_a_due_date(client, auth, teacher, classroom, gen_set):
    """The teacher assigns a published set with a due date; assigning again changes the date."""
    question_set = gen_set(teacher, published=True)
    auth.login(teacher.email)
    page = f"/teach/classes/{classroom.id}"
    post_form(client, f"{page}/assign", {"set_id": question_set.id, "due_on": "2030-05-01"}, page=page)
    post_form(client, f"{page}/assign", {"set_id": question_set.id, "due_on": "2030-06-01"}, page=page)
    assignment = db.session.scalars(sa.select(ClassAssignment)).one()
    assert (assignment.set_id, assignment.due_on) == (question_set.id, date(2030, 6, 1))
    post_form(client, f"{page}/sets/{question_set.id}/unassign", {}, page=page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClassAssignment)) == 0


def test_drafts_cannot_be_assigned(client, auth, teacher, classroom, gen_set):
    """Only published sets are offered: students could not open a draft."""
    draft = gen_set(teacher, title="Unfinished", published=False)
    auth.login(teacher.email)
    page = f"/teach/classes/{classroom.id}"
    assert "Unfinished" not in client.get(page).get_data(as_text=True)
    post_form(client, f"{page}/assign", {"set_id": draft.id}, page=page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClassAssignment)) == 0


def test_assigned_sets_come_first_on_the_home_page(client, sign_in, teacher, classroom, gen_set):
    """A student's home lists assigned sets first (soonest due first, with the date), then the others once."""
    later = gen_set(teacher, title="Aaa later", published=True)
    sooner = gen_set(teacher, title="Zzz sooner", published=True)
    gen_set(teacher, title="Mmm not assigned", published=True)
    classes.assign_set(classroom, later, date(2030, 6, 1))
    classes.assign_set(classroom, sooner, date(2030, 5, 1))
    student = sign_in("student")
    classes.join_class(student, classroom)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert html.index("Assigned to you") < html.index("Zzz sooner") < html.index("Aaa later") < html.index("Mmm not assigned")
    assert "due 2030-05-01" in html and html.count("Aaa later") == 1


def test_other_students_do_not_see_the_assignment(client, sign_in, teacher, classroom, gen_set):
    """Only members of the class see its assigned sets first."""
    classes.assign_set(classroom, gen_set(teacher, title="Homework", published=True))
    db.session.commit()
    sign_in("student")
    assert "Assigned to you" not in client.get("/").get_data(as_text=True)


def test_class_page_shows_each_students_progress(client, auth, teacher, classroom, gen_set, make_user):
    """Per assigned set, each student's reviewed/total and latest quiz score."""
    question_set = gen_set(teacher, published=True, questions=[gen_question(id=f"q{i}", prompt=f"Q{i}?") for i in range(4)])
    classes.assign_set(classroom, question_set)
    ana, rui = make_user("ana@example.org"), make_user("rui@example.org")
    for student in (ana, rui):
        classes.join_class(student, classroom)
    now = utcnow()
    for question in question_set.questions[:3]:
        db.session.add(Card(user_id=ana.id, question_id=question.id, reps=1, last_review=now))
    db.session.add(QuizAttempt(user_id=ana.id, set_id=question_set.id, question_ids=[1, 2, 3, 4], finished_at=now,
                               correct_count=1, score=0.25))
    db.session.add(QuizAttempt(user_id=ana.id, set_id=question_set.id, question_ids=[1, 2, 3, 4],
                               finished_at=now.replace(year=now.year + 1), correct_count=3, score=0.75))
    db.session.commit()
    auth.login(teacher.email)
    html = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    ana_row = html.split("ana@example.org")[1].split("</tr>")[0]
    rui_row = html.split("rui@example.org")[1].split("</tr>")[0]
    assert "3/4" in ana_row and "3/4 (75%)" in ana_row
    assert "0/4" in rui_row and "no quiz" in rui_row


def test_teacher_removes_a_student(client, auth, teacher, classroom, make_user):
    """Removing a student takes them out of the class."""
    student = make_user("ana@example.org")
    classes.join_class(student, classroom)
    db.session.commit()
    auth.login(teacher.email)
    page = f"/teach/classes/{classroom.id}"
    post_form(client, f"{page}/students/{student.id}/remove", {}, page=page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClassMember)) == 0


def test_dashboard_lists_the_teachers_classes(client, auth, teacher, classroom, make_user):
    """The teaching page lists the teacher's classes with code and student count; not others' classes."""
    other = make_user("other@example.org", role="teacher")
    classes.create_class(other, "Someone else's class")
    db.session.commit()
    auth.login(teacher.email)
    html = client.get("/teach/").get_data(as_text=True)
    assert "Geography 7B" in html and classroom.join_code in html and "Someone else" not in html


def test_class_page_statements_do_not_grow_with_its_sets(client, auth, teacher, classroom, gen_set):
    """The class page reads its assigned sets in one query: 1 set or 10, the same number of statements."""
    auth.login(teacher.email)
    page = f"/teach/classes/{classroom.id}"
    statements = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))

    def count_page() -> int:
        statements.clear()
        assert client.get(page).status_code == 200
        return len(statements)

    classes.assign_set(classroom, gen_set(teacher, published=True))
    db.session.commit()
    one = count_page()
    for _ in range(9):
        classes.assign_set(classroom, gen_set(teacher, published=True))
    db.session.commit()
    assert count_page() == one
