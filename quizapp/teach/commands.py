"""Teacher operations on the command line: publish, copy, and classes with their assigned sets."""
from datetime import date

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from quizapp.cli import set_or_fail, user_or_fail
from quizapp.extensions import db
from quizapp.models import Classroom, User


def _teacher(email: str) -> User:
    user = user_or_fail(email)
    if not user.is_teacher:
        raise click.ClickException(f"{user.email} is a {user.role}; only teachers and admins may do this")
    return user


def _class(code: str) -> Classroom:
    from quizapp.classes import find_by_code

    classroom = find_by_code(code)
    if classroom is None:
        raise click.ClickException(f"no class with the join code {code!r}")
    return classroom


@click.command("publish")
@click.argument("slug")
@click.option("--draft", is_flag=True, help="Take the set back to draft instead.")
@with_appcontext
def publish_command(slug: str, draft: bool) -> None:
    """Publish a set (every user sees it), or with --draft make it private to its owner."""
    question_set = set_or_fail(slug)
    question_set.is_published = not draft
    db.session.commit()
    click.echo(f"{slug}: {'draft' if draft else 'published'}")


@click.command("copy")
@click.argument("slug")
@click.option("--owner", "owner_email", required=True, help="Email of the teacher who gets the copy.")
@with_appcontext
def copy_command(slug: str, owner_email: str) -> None:
    """Copy a set into a new draft owned by a teacher (new slug; students' progress stays with the original)."""
    from quizapp.authoring import copy_set

    copy = copy_set(set_or_fail(slug), _teacher(owner_email))
    db.session.commit()
    click.echo(f"Copied {slug!r} to draft {copy.slug!r} owned by {owner_email}")


@click.group("classes")
def classes_group() -> None:
    """Manage classes: create them, list them, assign sets."""


@classes_group.command("create")
@click.argument("name")
@click.option("--teacher", "teacher_email", required=True, help="Email of the teacher who owns the class.")
@with_appcontext
def create_class_command(name: str, teacher_email: str) -> None:
    """Create a class and print its join code."""
    from quizapp.classes import create_class

    classroom = create_class(_teacher(teacher_email), name)
    db.session.commit()
    click.echo(f"Created class {classroom.name!r}; join code {classroom.join_code}")


@classes_group.command("list")
@with_appcontext
def list_classes_command() -> None:
    """Every class with its join code, owner, students and assigned sets."""
    for classroom in db.session.scalars(sa.select(Classroom).order_by(Classroom.name)):
        sets = ", ".join(a.question_set.slug + (f" (due {a.due_on})" if a.due_on else "") for a in classroom.assignments)
        click.echo(f"{classroom.join_code}  {classroom.name}  [{classroom.owner.email}]  "
                   f"{len(classroom.members)} students  {sets or 'no sets'}")


@classes_group.command("assign")
@click.argument("code")
@click.argument("slug")
@click.option("--due", type=click.DateTime(formats=["%Y-%m-%d"]), help="Due date, YYYY-MM-DD.")
@with_appcontext
def assign_command(code: str, slug: str, due) -> None:
    """Assign a published set to the class with this join code (again: change the due date)."""
    from quizapp.classes import assign_set

    question_set = set_or_fail(slug)
    if not question_set.is_published:
        raise click.ClickException(f"{slug!r} is a draft: publish it first (quizapp sets publish {slug})")
    classroom = _class(code)
    due_on: date | None = due.date() if due else None
    assign_set(classroom, question_set, due_on)
    db.session.commit()
    click.echo(f"Assigned {slug!r} to {classroom.name!r}" + (f", due {due_on}" if due_on else ""))


def init_app(app, sets_group) -> None:
    """Add ``sets publish``, ``sets copy`` and the ``classes`` group."""
    sets_group.add_command(publish_command)
    sets_group.add_command(copy_command)
    app.cli.add_command(classes_group)
