"""An Anki deck uploaded by a teacher brings its images and sounds into the media store, all or nothing."""
import hashlib
import io

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.media.store import path_of
from quizapp.models import Media, Question, QuestionSet
from tests.forms import csrf_token_from
from tests.formats.anki_tools import IMAGE_ALT, MP3, PNG, build_art_deck, build_deck, export_deck


@pytest.fixture(scope="module")
def rivers_apkg(tmp_path_factory):
    """The rivers deck (an image card and a sound card among others), exported by Anki in its current layout."""
    folder = tmp_path_factory.mktemp("rivers")
    col, _ = build_deck(folder)
    try:
        return export_deck(col, "Geography::Rivers", folder / "rivers.apkg", legacy=False).read_bytes()
    finally:
        col.close()


@pytest.fixture(scope="module")
def art_apkg(tmp_path_factory):
    return build_art_deck(tmp_path_factory.mktemp("art"))


@pytest.fixture
def teacher(make_user, auth):
    user = make_user("teacher@example.org", role="teacher")
    auth.login(user.email)
    return user


def _upload(client, content, filename="deck.apkg", **fields):
    page = client.get("/teach/import").get_data(as_text=True)
    return client.post("/teach/import", data={"csrf_token": csrf_token_from(page),
                                              "file": (io.BytesIO(content), filename), **fields},
                       content_type="multipart/form-data")


def _media_by_prompt():
    questions = db.session.scalars(sa.select(Question).order_by(Question.position)).all()
    return {q.prompt: [(row.field, row.alt, row.name, row.media.content_type) for row in q.media] for q in questions}


def test_an_anki_decks_image_and_sound_become_question_media(client, teacher, rivers_apkg):
    """The image (with its alt text) and the sound are stored under their hash with the same bytes and shown
    on the editor; the sound tag is audio, not text."""
    response = _upload(client, rivers_apkg, "rivers.apkg")
    assert response.status_code == 302, response.get_data(as_text=True)
    media = _media_by_prompt()
    assert media["Which river is this?"] == [("prompt", IMAGE_ALT, "tagus.png", "image/png")]
    assert media["Which word is this?"] == [("prompt", "", "tagus.mp3", "audio/mpeg")]
    for content in (PNG, MP3):
        assert path_of(hashlib.sha256(content).hexdigest()).read_bytes() == content
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    image = hashlib.sha256(PNG).hexdigest()
    assert f'<img src="/media/{image}" alt="{IMAGE_ALT}"' in editor
    assert f'src="/media/{hashlib.sha256(MP3).hexdigest()}"' in editor and "[sound:" not in editor
    assert client.get(f"/media/{image}").data == PNG


def test_missing_files_wait_for_the_teachers_yes(client, teacher, art_apkg):
    """Files the package lacks or that are no image are named by note and field; nothing is stored until the
    teacher confirms, and then only the files that came."""
    page = _upload(client, art_apkg, "art.apkg").get_data(as_text=True)
    assert "note 2, field &#39;Back&#39;: the media file &#39;gone.png&#39; is not in the package" in page
    assert "note 2, field &#39;Back&#39;: the media file &#39;fake.png&#39; is not kept" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 0
    confirmed = client.post("/teach/import/confirm", data={"csrf_token": csrf_token_from(page),
                                                           "token": page.split('name="token" type="hidden" value="')[1].split('"')[0]})
    assert confirmed.status_code == 302, confirmed.get_data(as_text=True)
    assert sorted(db.session.scalars(sa.select(Media.content_type))) == ["audio/mpeg", "image/png"]
    assert _media_by_prompt()["cat"] == [("answer", "", "gato.mp3", "audio/mpeg")]


def test_a_file_over_the_limit_refuses_the_whole_deck(client, teacher, app, rivers_apkg):
    """The media limits hold for Anki decks: the file is named and nothing is imported."""
    app.config.update(QUIZAPP_MEDIA_MAX_FILE_BYTES=300)
    response = _upload(client, rivers_apkg, "rivers.apkg")
    assert response.status_code == 422
    assert "tagus.mp3 is 417 bytes, more than the limit of 300 bytes per media file" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_the_command_line_imports_an_anki_decks_media(runner, rivers_apkg, tmp_path):
    """``sets import deck.apkg`` stores the deck's image and sound like an upload does."""
    path = tmp_path / "rivers.apkg"
    path.write_bytes(rivers_apkg)
    result = runner.invoke(args=["sets", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert _media_by_prompt()["Which river is this?"] == [("prompt", IMAGE_ALT, "tagus.png", "image/png")]


def test_the_anki_download_carries_the_sets_files(client, auth, make_user, media_set, media_folder):
    """A set's .apkg download holds its images and sounds as Anki media, byte for byte."""
    import json
    import zipfile

    make_user("teacher@example.org", role="admin")
    auth.login("teacher@example.org")
    response = client.get("/teach/sets/anatomy/export/apkg")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    files = {name: archive.read(member) for member, name in json.loads(archive.read("media")).items()}
    assert files == {"heart.png": (media_folder / "img" / "heart.png").read_bytes(),
                     "lung.jpg": (media_folder / "img" / "lung.jpg").read_bytes(),
                     "beat.wav": (media_folder / "beat.wav").read_bytes()}
