"""The ``quizapp`` command line: the same commands as ``flask --app quizapp``, plus ``run`` that sets itself up.

Start-up is part of every command's time, so this module imports only click: Flask, the app,
the database and the generator are imported by the command that needs them. Commands kept in
other modules are listed in :data:`COMMANDS` (or a group's ``lazy`` table) with their one-line
help, so ``quizapp --help`` imports none of them.
"""
import functools
import importlib
import os
import sys
from pathlib import Path

import click

# name: ("module:attribute", one-line help) of the top-level commands defined elsewhere.
COMMANDS = {
    "classes": ("quizapp.teach.commands:classes_group", "Classes: create them, list them, assign sets."),
    "db": ("flask_migrate.cli:db", "Perform database migrations."),
    "generate": ("quizapp.generate.command:generate", "Write a question set from source texts."),
    "routes": ("flask.cli:routes_command", "Show the routes for the app."),
    "shell": ("flask.cli:shell_command", "Run a shell in the app context."),
    "worker": ("quizapp.jobs:worker", "Run background jobs (long generations) from Redis."),
}


class LazyGroup(click.Group):
    """A group whose commands named in ``lazy`` are imported when they are run, not to list them."""

    def __init__(self, *args, lazy: dict[str, tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in self.lazy:
            module, _, attribute = self.lazy[name][0].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                rows.append((name, self.lazy[name][1]))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def with_appcontext(command):
    """:func:`flask.cli.with_appcontext`, importing Flask only when the command runs."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        from flask.cli import with_appcontext as flask_with_appcontext

        return flask_with_appcontext(command)(*args, **kwargs)

    return run


def bootstrap_database() -> list:
    """Bring the schema to the newest migration and import new or changed files from ``questions/``."""
    from flask import current_app
    from flask_migrate import upgrade

    from quizapp.extensions import db
    from quizapp.sets import load_questions_dir

    upgrade()
    outcomes = load_questions_dir(Path(current_app.config["QUIZAPP_QUESTIONS_DIR"]))
    db.session.commit()
    return outcomes


def user_or_fail(email: str):
    """The account with this email, or the command stops saying there is none."""
    import sqlalchemy as sa

    from quizapp.extensions import db
    from quizapp.models import User

    user = db.session.scalar(sa.select(User).where(User.email == User.normalize_email(email)))
    if user is None:
        raise click.ClickException(f"no account with the email {email}")
    return user


def set_or_fail(slug: str):
    """The set with this slug, or the command stops saying there is none."""
    import sqlalchemy as sa

    from quizapp.extensions import db
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
    from flask import current_app
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
    from quizapp.extensions import db

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
    from quizapp.extensions import db

    user = user_or_fail(email)
    user.role = role
    db.session.commit()
    click.echo(f"{user.email} is now {role}")


@users_group.command("reset-link")
@click.argument("email")
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True,
              help="The address people open the app at; the link starts with it.")
@with_appcontext
def reset_link_command(email: str, base_url: str) -> None:
    """Print a password reset link for an account (works once, for three days), to hand over."""
    from flask import current_app

    from quizapp.auth.reset import ISSUED_LINK_SECONDS, reset_link

    user = user_or_fail(email)
    with current_app.test_request_context(base_url=base_url.rstrip("/") + "/"):
        link = reset_link(user, seconds=ISSUED_LINK_SECONDS)
    click.echo(link)


@users_group.command("sign-out")
@click.argument("email")
@with_appcontext
def sign_out_command(email: str) -> None:
    """Sign an account out of every browser (its cookies and remember tokens stop working)."""
    from quizapp.auth import devices
    from quizapp.extensions import db

    user = user_or_fail(email)
    count = devices.end_all(user)
    db.session.commit()
    click.echo(f"{user.email} is signed out of {count} browser(s)")


@click.group("sets", cls=LazyGroup, lazy={
    "copy": ("quizapp.teach.commands:copy_command", "Copy a set under a new slug, as a draft owned by a teacher."),
    "publish": ("quizapp.teach.commands:publish_command", "Publish a set (every user sees it), or with --draft "
                                                          "make it private."),
})
def sets_group() -> None:
    """Import and export question sets."""


@sets_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", help="Import under this slug (only with one file).")
@click.option("--format", "format_name",
              help="yaml, zip, apkg, gift, moodle, aiken, csv, quizlet or anki-text; told from the file when not given.")
@click.option("--separator", help="The term/definition separator of a Quizlet export (a tab is recognised).")
@click.option("--accept-skipped", is_flag=True,
              help="Import the rest when a file holds questions (or details) quizapp cannot represent.")
@click.option("--decks", type=click.Choice(["tags", "sets"]), default="tags", show_default=True,
              help="Anki decks and subdecks become tags on one set, or one set per deck ('Geography :: Rivers').")
@with_appcontext
def import_command(paths: tuple[Path, ...], slug: str | None, format_name: str | None, separator: str | None,
                   accept_skipped: bool, decks: str) -> None:
    """Import sets from files: all of them or, if any file has a problem, none."""
    from quizapp.extensions import db
    from quizapp.formats.model import FormatError
    from quizapp.sets import import_set, read_set_files

    if slug and len(paths) > 1:
        raise click.UsageError("--slug names one set: give one file with it")
    if slug and decks == "sets":
        raise click.UsageError("--slug names one set: it cannot go with --decks sets")
    try:
        parsed = read_set_files(paths, format=format_name, separator=separator, slug=slug, decks=decks)
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
        if item.unchanged is not None:
            click.echo(f"{item.path}: set {item.unchanged.slug!r} is unchanged (the file is the one last imported)")
            continue
        try:
            # A deck's set is found again by its slug; the file is not any one of them, so it gets no hash.
            outcomes = ([import_set(data) for data in item.deck_sets] if item.deck_sets
                        else [import_set(item.data, slug=slug, file_hash=item.digest)])
        except FormatError as error:
            raise click.ClickException(f"nothing was imported:\n{error}") from None
        for outcome in outcomes:
            verb = "created" if outcome.created else "updated"
            click.echo(f"{item.path}: {verb} set {outcome.question_set.slug!r} "
                       f"({outcome.added} added, {outcome.updated} updated, {outcome.removed} removed"
                       f"{f', {len(item.skipped)} skipped' if item.skipped and len(outcomes) == 1 else ''})")
    db.session.commit()


@sets_group.command("export")
@click.argument("slug")
@click.option("--format", "format_name", default="yaml", show_default=True, help="yaml, zip (YAML and its media), gift, moodle, aiken, csv, quizlet or apkg.")
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
    for item in exported.dropped:
        click.echo(f"in {item.title_or_prompt!r}, {item.reason}", err=True)
    if str(output) == "-":
        sys.stdout.buffer.write(exported.content)
    else:
        output.write_bytes(exported.content)
        click.echo(f"Wrote {len(question_set.questions) - len(exported.skipped)} questions to {output}")


def init_app(app) -> None:
    """Give the app's ``flask`` command line the same commands as ``quizapp`` (imported as they run)."""
    commands = LazyGroup(app.name, lazy=COMMANDS)
    for command in (run_command, users_group, sets_group):
        commands.add_command(command)
    for name, command in app.cli.commands.items():  # anything registered before keeps its place
        commands.add_command(command, name)
    app.cli = commands


def _create_app():
    from quizapp import create_app

    return create_app()


def _script_info(ctx: click.Context) -> None:
    """Let the commands find the app the way ``flask --app quizapp`` does (Flask is imported here)."""
    from flask.cli import ScriptInfo

    ctx.obj = ScriptInfo(create_app=_create_app, set_debug_flag=False)


@click.group(cls=LazyGroup, lazy=COMMANDS, help="quizapp: question sets, spaced repetition and quizzes.")
@click.pass_context
def main(ctx: click.Context) -> None:
    _script_info(ctx)


for _command in (run_command, users_group, sets_group):
    main.add_command(_command)
