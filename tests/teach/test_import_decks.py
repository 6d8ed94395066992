"""A teacher chooses how an Anki file's decks come in: tags on one set, or one set per deck; all or nothing."""
import io

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Media, QuestionSet, ReviewLog
from tests.forms import csrf_token_from
from tests.formats.anki_tools import build_deck_tree


@pytest.fixture(scope="module")
def tree_apkg(tmp_path_factory):
    return build_deck_tree(tmp_path_factory.mktemp("tree"))


@pytest.fixture
def teacher(sign_in):
    return sign_in("teacher")


def _upload(client, content, **fields):
    page = client.get("/teach/import").get_data(as_text=True)
    assert 'name="decks"' in page
    return client.post("/teach/import", data={"csrf_token": csrf_token_from(page),
                                              "file": (io.BytesIO(content), "geo.apkg"), **fields},
                       content_type="multipart/form-data")


def _sets():
    return [(s.title, sorted(q.prompt for q in s.questions), s.owner_id)
            for s in db.session.scalars(sa.select(QuestionSet).order_by(QuestionSet.id))]


def test_by_default_decks_are_tags_on_one_set(client, teacher, tree_apkg):
    """Without a choice the deck tree is one set titled by its top deck, each question tagged by its deck."""
    response = _upload(client, tree_apkg)
    assert response.status_code == 302, response.get_data(as_text=True)
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert question_set.title == "Geography" and len(question_set.questions) == 3
    assert question_set.questions[2].tags == ["Geography::Mountains"]


def test_one_set_per_deck_with_history_and_media(client, teacher, tree_apkg):
    """Chosen in the form: a draft per deck, titled 'Geography :: Rivers', its image stored, and the review
    history replayed on the deck's set."""
    response = _upload(client, tree_apkg, decks="sets", with_history="y")
    assert response.status_code == 302 and response.headers["Location"].endswith("/teach/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported 2 sets, one per deck: “Geography :: Rivers”, “Geography :: Mountains”." in page
    assert "2 past reviews added to your history." in page
    assert _sets() == [
        ("Geography :: Rivers", ["Longest river of Iberia?", "Which river is this?"], teacher.id),
        ("Geography :: Mountains", ["Highest peak of Portugal?"], teacher.id),
    ]
    rivers = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.title == "Geography :: Rivers"))
    assert [row.name for row in rivers.questions[0].media] == ["tagus.png"]
    assert rivers.questions[0].tags == ["iberia"]
    logs = db.session.scalars(sa.select(ReviewLog)).all()
    assert {log.question.prompt for log in logs} == {"Highest peak of Portugal?"} and len(logs) == 2


def test_a_refused_deck_file_imports_no_set(client, teacher, app, tree_apkg):
    """When the file is refused (its image past the limit), none of the decks' sets is made."""
    app.config.update(QUIZAPP_MEDIA_MAX_FILE_BYTES=10)
    response = _upload(client, tree_apkg, decks="sets")
    assert response.status_code == 422
    assert _sets() == [] and db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 0


def test_an_unknown_choice_is_a_form_error(client, teacher, tree_apkg):
    """A decks value the form does not offer is refused, not guessed at."""
    response = _upload(client, tree_apkg, decks="folders")
    assert response.status_code == 200 and _sets() == []


def test_the_command_line_makes_one_set_per_deck_and_updates_them_again(runner, tree_apkg, tmp_path):
    """``sets import --decks sets`` creates a set per deck; importing the file again updates the same sets."""
    path = tmp_path / "geo.apkg"
    path.write_bytes(tree_apkg)
    for verb in ("created", "updated"):
        result = runner.invoke(args=["sets", "import", "--decks", "sets", str(path)])
        assert result.exit_code == 0, result.output
        assert f"{verb} set 'geography-rivers'" in result.output and f"{verb} set 'geography-mountains'" in result.output
    assert [(title, len(prompts)) for title, prompts, _ in _sets()] == [("Geography :: Rivers", 2),
                                                                         ("Geography :: Mountains", 1)]
