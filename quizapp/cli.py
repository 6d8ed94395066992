"""The ``quizapp`` command line: the same commands as ``flask --app quizapp``, plus ``run`` that sets itself up."""
import os
import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext

from quizapp.extensions import db


def bootstrap_database() -> list:
    """Bring the schema to the newest migration and import new or changed files from ``questions/``."""
    from flask_migrate import upgrade

    from quizapp.sets import load_questions_dir

    upgrade()
    outcomes = load_questions_dir(Path(current_app.config["QUIZAPP_QUESTIONS_DIR"]))
    db.session.commit()
    return outcomes


def user_or_fail(email: str):
    """The account with this email, or the command stops saying there is none."""
    from quizapp.models import User

    user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        raise click.ClickException(f"no account with the email {email}")
    return user


def set_or_fail(slug: str):
    """The set with this slug, or the command stops saying there is none."""
    from quizapp.models import QuestionSet

    question_set = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == slug))
    if question_set is None:
        raise click.ClickException(f"no set with the slug {slug!r}")
    return question_set


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False, help="Reload on code changes and show tracebacks.")
@with_appcontext
def run_command(host: str, port: int, debug: bool) -> None:
    """Migrate the database, load questions/ and serve the app (development server)."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    for outcome in bootstrap_database():
        if not outcome.unchanged:
            click.echo(f"Loaded set {outcome.question_set.slug!r}: {outcome.added} added, {outcome.updated} updated")
    if "QUIZAPP_SECURE_COOKIES" not in os.environ:
        # The development server speaks plain HTTP: Secure cookies would never be sent back.
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = False
    click.echo(f"quizapp is serving on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True, use_reloader=debug, use_debugger=debug)


@click.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["student", "teacher", "admin"]), default="student", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Asked for when not given; pass it for scripts.")
@with_appcontext
def create_user_command(email: str, role: str, password: str) -> None:
    """Create an account with a role."""
    from quizapp.auth.accounts import AccountError, create_user

    try:
        user = create_user(email, password, role)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")


@users_group.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(["student", "teacher", "admin"]))
@with_appcontext
def set_role_command(email: str, role: str) -> None:
    """Change the role of an existing account."""
    user = user_or_fail(email)
    user.role = role
    db.session.commit()
    click.echo(f"{user.email} is now {role}")


@click.group("sets")
def sets_group() -> None:
    """Import and export question sets."""


@sets_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", help="Import under this slug (only with one file).")
@click.option("--format", "format_name",
              help="yaml, gift, moodle, aiken, csv, quizlet or anki-text; told from the file when not given.")
@click.option("--separator", help="The term/definition separator of a Quizlet export (a tab is recognised).")
@click.option("--accept-skipped", is_flag=True,
              help="Import the rest when a file holds questions (or details) quizapp cannot represent.")
@with_appcontext
def import_command(paths: tuple[Path, ...], slug: str | None, format_name: str | None, separator: str | None,
                   accept_skipped: bool) -> None:
    """Import sets from files: all of them or, if any file has a problem, none."""
    from quizapp.formats.model import FormatError
    from quizapp.sets import import_set, read_set_files

    if slug and len(paths) > 1:
        raise click.UsageError("--slug names one set: give one file with it")
    try:
        parsed = read_set_files(paths, format=format_name, separator=separator)
    except FormatError as error:
        raise click.ClickException(f"nothing was imported:\n{error}") from None
    skipped = [(item.path, s) for item in parsed for s in item.skipped]
    dropped = [(item.path, s) for item in parsed for s in item.dropped]
    if (skipped or dropped) and not accept_skipped:
        def listing(entries):
            return "\n".join(f"{path}, line {s.line}: {s.title_or_prompt} ({s.reason})" for path, s in entries)

        parts = [f"these questions cannot be represented:\n{listing(skipped)}"] if skipped else []
        parts += [f"these details would not be kept:\n{listing(dropped)}"] if dropped else []
        raise click.ClickException(
            "nothing was imported: " + "\n".join(parts) + "\nRun again with --accept-skipped to import the rest."
        )
    for item in parsed:
        outcome = import_set(item.data, slug=slug, file_hash=item.digest)
        verb = "created" if outcome.created else "updated"
        click.echo(f"{item.path}: {verb} set {outcome.question_set.slug!r} "
                   f"({outcome.added} added, {outcome.updated} updated, {outcome.removed} removed"
                   f"{f', {len(item.skipped)} skipped' if item.skipped else ''})")
    db.session.commit()


@sets_group.command("export")
@click.argument("slug")
@click.option("--format", "format_name", default="yaml", show_default=True, help="yaml, gift, moodle, aiken, csv, quizlet or apkg.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write ('-' for standard output).")
@with_appcontext
def export_command(slug: str, format_name: str, output: Path) -> None:
    """Write a set to a file."""
    from quizapp.authoring import export_file
    from quizapp.formats import FormatError

    question_set = set_or_fail(slug)
    try:
        exported = export_file(question_set, format_name)
    except FormatError as error:
        raise click.ClickException(str(error)) from None
    for item in exported.skipped:
        click.echo(f"skipped {item.title_or_prompt!r}: {item.reason}", err=True)
    if str(output) == "-":
        sys.stdout.buffer.write(exported.content)
    else:
        output.write_bytes(exported.content)
        click.echo(f"Wrote {len(question_set.questions) - len(exported.skipped)} questions to {output}")


def init_app(app) -> None:
    """Attach the app's commands, so ``flask --app quizapp`` and ``quizapp`` offer the same ones."""
    from quizapp.generate.command import generate

    from quizapp.teach import commands as teach_commands

    for command in (run_command, users_group, sets_group, generate):
        app.cli.add_command(command)
    teach_commands.init_app(app, sets_group)


def _create_app():
    from quizapp import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, add_default_commands=False,
                  help="quizapp: question sets, spaced repetition and quizzes.")
main.add_command(shell_command)
main.add_command(routes_command)
