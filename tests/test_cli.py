"""The ``quizapp`` command line: accounts and moving sets in and out."""
import os
from pathlib import Path

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, User

SEED = Path(__file__).resolve().parent.parent / "questions" / "seed.yaml"

SMALL_SET = """\
title: Capitals
questions:
  - id: pt
    type: short_answer
    prompt: What is the capital of Portugal?
    answer: Lisbon
  - id: fr
    type: multiple_choice
    prompt: What is the capital of France?
    answer: Paris
    choices: [Paris, Lyon, Nice, Lille]
"""


def test_users_create_with_role(runner):
    """``users create EMAIL --role teacher --password P`` makes a teacher who can sign in."""
    result = runner.invoke(args=["users", "create", "T@Example.org", "--role", "teacher", "--password", "long enough"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "t@example.org"))
    assert user.role == "teacher" and user.check_password("long enough")


def test_users_create_prompts_for_the_password(runner):
    """Without --password the command asks for it twice, hidden."""
    result = runner.invoke(args=["users", "create", "p@example.org"], input="long enough\nlong enough\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User).where(User.email == "p@example.org")).role == "student"


def test_users_create_refuses_duplicates(runner, make_user):
    """Creating an existing account fails with a message and changes nothing."""
    make_user("dup@example.org")
    result = runner.invoke(args=["users", "create", "dup@example.org", "--password", "long enough"])
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_import_then_export_round_trips_the_seed_set(runner, tmp_path):
    """Importing the seed set and exporting it as YAML gives back the same set."""
    from quizapp.formats import yaml_format

    assert runner.invoke(args=["sets", "import", str(SEED)]).exit_code == 0
    original = yaml_format.read(SEED.read_text(encoding="utf-8"), str(SEED))
    out = tmp_path / "out.yaml"
    result = runner.invoke(args=["sets", "export", original.slug, "--format", "yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert yaml_format.read(out.read_text(encoding="utf-8"), str(out)) == original


def test_reimport_updates_in_place_keeping_question_ids(runner, tmp_path):
    """Re-importing a changed file updates questions in place; removed ones are kept as removed."""
    path = tmp_path / "capitals.yaml"
    path.write_text(SMALL_SET, encoding="utf-8")
    assert runner.invoke(args=["sets", "import", str(path)]).exit_code == 0
    ids = {q.key: q.id for q in db.session.scalars(sa.select(Question))}

    changed = SMALL_SET.replace("answer: Lisbon", "answer: Lisboa").split("  - id: fr")[0]
    changed += "  - id: es\n    type: short_answer\n    prompt: What is the capital of Spain?\n    answer: Madrid\n"
    path.write_text(changed, encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(path)])
    assert "1 added, 1 updated, 1 removed" in result.output, result.output
    db.session.expire_all()
    rows = {q.key: q for q in db.session.scalars(sa.select(Question))}
    assert rows["pt"].id == ids["pt"] and rows["pt"].answer == "Lisboa"
    assert rows["fr"].id == ids["fr"] and rows["fr"].removed_at is not None
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert [q.key for q in question_set.questions] == ["pt", "es"]


def test_malformed_file_is_refused_whole(runner, tmp_path):
    """A bad file among several imports nothing and names the file, line and field."""
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_SET, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_SET.replace("title: Capitals", "title: Broken").replace("type: multiple_choice", "type: essay"),
                   encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(good), str(bad)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    assert "bad.yaml" in result.output and "line 8" in result.output and "questions[1].type" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_import_under_another_slug(runner, tmp_path):
    """--slug imports a file as a separate set."""
    path = tmp_path / "capitals.yaml"
    path.write_text(SMALL_SET, encoding="utf-8")
    runner.invoke(args=["sets", "import", str(path)])
    runner.invoke(args=["sets", "import", str(path), "--slug", "capitals-copy"])
    slugs = set(db.session.scalars(sa.select(QuestionSet.slug)))
    assert slugs == {"capitals", "capitals-copy"}


def test_export_unknown_set_or_format(runner, seed_sets, tmp_path):
    """Exporting fails clearly for a set that does not exist or a format we do not know."""
    result = runner.invoke(args=["sets", "export", "nope", "-o", str(tmp_path / "x")])
    assert result.exit_code != 0 and "no set with the slug" in result.output
    result = runner.invoke(args=["sets", "export", seed_sets[0].slug, "--format", "docx", "-o", str(tmp_path / "x")])
    assert result.exit_code != 0 and "unknown format" in result.output


def test_questions_dir_loads_only_changed_files(app, tmp_path):
    """Start-up re-imports a file only when its content changed."""
    from quizapp.sets import load_questions_dir

    (tmp_path / "capitals.yaml").write_text(SMALL_SET, encoding="utf-8")
    first = load_questions_dir(tmp_path)
    db.session.commit()
    assert first[0].created
    again = load_questions_dir(tmp_path)
    assert again[0].unchanged


def test_generate_is_a_quizapp_command(runner, tmp_path):
    """``quizapp generate`` writes a set that ``quizapp sets import`` accepts."""
    text = tmp_path / "artigo.txt"
    text.write_text(
        "O presidente francês, Emmanuel Macron, visitou Lisboa em 12 de março de 2024.\n"
        "Durante a visita, Macron reuniu-se com o primeiro-ministro português, António Costa, no Palácio de São Bento.\n"
        "Os dois governos assinaram 15 acordos de cooperação em energia e transportes.\n",
        encoding="utf-8",
    )
    out = tmp_path / "set.yaml"
    result = runner.invoke(args=["generate", str(text), "-o", str(out), "--title", "Visita", "--lang", "pt"])
    assert result.exit_code == 0, result.output
    assert "questions" in result.output
    imported = runner.invoke(args=["sets", "import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) > 0


def test_reimporting_an_unchanged_file_is_skipped_unparsed(runner, tmp_path, monkeypatch):
    """The same bytes again are recognised by their hash: nothing is parsed, nothing changes."""
    from quizapp import formats

    path = tmp_path / "capitals.yaml"
    path.write_text(SMALL_SET, encoding="utf-8")
    assert runner.invoke(args=["sets", "import", str(path)]).exit_code == 0
    monkeypatch.setattr(formats, "read", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed again")))
    result = runner.invoke(args=["sets", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "'capitals' is unchanged" in result.output


def test_an_unchanged_file_under_another_slug_or_after_an_edit_is_imported(runner, tmp_path, make_user):
    """The hash names the slug it was imported under; an edit in the browser forgets it."""
    from quizapp import authoring
    from quizapp.formats.model import QuestionData

    path = tmp_path / "capitals.yaml"
    path.write_text(SMALL_SET, encoding="utf-8")
    runner.invoke(args=["sets", "import", str(path)])
    copy = runner.invoke(args=["sets", "import", str(path), "--slug", "capitals-copy"])
    assert "created set 'capitals-copy'" in copy.output, copy.output
    assert "unchanged" in runner.invoke(args=["sets", "import", str(path), "--slug", "capitals-copy"]).output
    question = db.session.scalar(sa.select(Question).join(QuestionSet).where(QuestionSet.slug == "capitals",
                                                                             Question.key == "pt"))
    authoring.update_question(question, QuestionData(id="pt", type="short_answer", prompt="Capital of Portugal?",
                                                     answer="Lisbon"))
    db.session.commit()
    again = runner.invoke(args=["sets", "import", str(path)])
    assert "updated set 'capitals' (0 added, 1 updated, 0 removed)" in again.output, again.output


def test_help_imports_neither_flask_nor_the_app(tmp_path):
    """``quizapp --help`` lists every command while importing only click (start-up stays short)."""
    import subprocess
    import sys

    probe = ("import sys; from quizapp.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print('LOADED', sorted(m for m in ('flask', 'sqlalchemy', 'quizapp.generate', 'genanki') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout
    for command in ("classes", "db", "generate", "run", "sets", "users"):
        assert f"\n  {command} " in done.stdout


def test_a_serving_worker_and_a_yaml_export_leave_the_generator_and_anki_unloaded(tmp_path):
    """A worker answering pages, and ``sets export --format yaml``, never import the generator, genanki or zstd."""
    import subprocess
    import sys

    heavy = ("quizapp.generate", "simplemma", "genanki", "zstandard")
    probe = (
        "import sys\n"
        "from quizapp import create_app\n"
        "from quizapp.cli import main\n"
        f"app = create_app({{'SQLALCHEMY_DATABASE_URI': 'sqlite:///{tmp_path / 'probe.sqlite3'}'}})\n"
        "with app.app_context():\n"
        "    from flask_migrate import upgrade\n"
        "    upgrade()\n"
        "client = app.test_client()\n"
        "assert client.get('/').status_code == 200\n"
        "assert client.get('/login').status_code == 200\n"
        f"print('LOADED', sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout, done.stdout
    export = ("import sys\nfrom quizapp.cli import main\n"
              "try:\n    main(['sets', 'import', 'questions/seed.yaml'])\nexcept SystemExit:\n    pass\n")
    assert subprocess.run([sys.executable, "-c", export], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parent.parent).returncode == 0
    slug = "russia-coreia-do-norte"
    export = (f"import sys\nfrom quizapp.cli import main\n"
              f"try:\n    main(['sets', 'export', '{slug}', '--format', 'yaml', '-o', '{tmp_path / 'out.yaml'}'])\n"
              "except SystemExit:\n    pass\n"
              f"print('LOADED', sorted(m for m in {heavy!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", export], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parent.parent)
    assert "LOADED []" in done.stdout, done.stdout + done.stderr
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8").startswith("title: ")
