"""Teacher operations on the command line: publish, copy, classes and assignments."""
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ClassAssignment, Classroom, QuestionSet


def test_publish_and_back_to_draft(runner, make_user, gen_set):
    """``sets publish SLUG`` publishes; ``--draft`` takes it back."""
    question_set = gen_set(make_user(role="teacher"))
    result = runner.invoke(args=["sets", "publish", question_set.slug])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(QuestionSet, question_set.id).is_published
    runner.invoke(args=["sets", "publish", question_set.slug, "--draft"])
    db.session.expire_all()
    assert not db.session.get(QuestionSet, question_set.id).is_published


def test_copy_to_a_teacher(runner, make_user, seed_sets):
    """``sets copy SLUG --owner EMAIL`` makes that teacher's draft under a new slug."""
    teacher = make_user("t@example.org", role="teacher")
    result = runner.invoke(args=["sets", "copy", seed_sets[0].slug, "--owner", "t@example.org"])
    assert result.exit_code == 0, result.output
    copy = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.owner_id == teacher.id))
    assert copy.slug == f"{seed_sets[0].slug}-2" and not copy.is_published


def test_copy_refuses_a_student(runner, make_user, seed_sets):
    """Only teachers and admins receive copies."""
    make_user("s@example.org")
    result = runner.invoke(args=["sets", "copy", seed_sets[0].slug, "--owner", "s@example.org"])
    assert result.exit_code != 0 and "only teachers" in result.output


def test_create_list_and_assign(runner, make_user, seed_sets):
    """``classes create`` prints the code; ``classes assign CODE SLUG --due`` assigns; ``classes list`` shows it."""
    make_user("t@example.org", role="teacher")
    result = runner.invoke(args=["classes", "create", "Geography 7B", "--teacher", "t@example.org"])
    assert result.exit_code == 0, result.output
    code = db.session.scalar(sa.select(Classroom.join_code))
    assert code in result.output
    result = runner.invoke(args=["classes", "assign", code.lower(), seed_sets[0].slug, "--due", "2030-05-01"])
    assert result.exit_code == 0, result.output
    assert str(db.session.scalar(sa.select(ClassAssignment.due_on))) == "2030-05-01"
    listing = runner.invoke(args=["classes", "list"]).output
    assert "Geography 7B" in listing and f"{seed_sets[0].slug} (due 2030-05-01)" in listing


def test_assign_refuses_a_draft(runner, make_user, gen_set):
    """A draft cannot be assigned: students could not open it."""
    teacher = make_user("t@example.org", role="teacher")
    draft = gen_set(teacher)
    runner.invoke(args=["classes", "create", "7B", "--teacher", "t@example.org"])
    code = db.session.scalar(sa.select(Classroom.join_code))
    result = runner.invoke(args=["classes", "assign", code, draft.slug])
    assert result.exit_code != 0 and "publish it first" in result.output
