"""Sets bring their images and sounds: beside the YAML, in a .zip, stored once by their hash, limits kept."""
import hashlib
import io
import zipfile

import pytest
import sqlalchemy as sa

from quizapp import formats
from quizapp.extensions import db
from quizapp.models import Media, Question, QuestionMedia, QuestionSet
from quizapp.sets import export_set
from tests.media.conftest import MEDIA_SET
from tests.media.media_factories import gen_image, gen_wav


def _media_of(key):
    question = db.session.scalar(sa.select(Question).where(Question.key == key))
    return [(row.field, row.alt, row.name, row.media.content_type) for row in question.media]


def test_cli_import_stores_each_file_under_its_hash(app, media_set, media_folder):
    """The files beside the YAML are stored in the media folder under their SHA-256, one row each."""
    assert _media_of("heart") == [("prompt", "A red human heart", "img/heart.png", "image/png"),
                                  ("answer", "A heartbeat", "beat.wav", "audio/wav")]
    assert _media_of("lung") == [("prompt", "", "img/lung.jpg", "image/jpeg")]
    heart = (media_folder / "img" / "heart.png").read_bytes()
    digest = hashlib.sha256(heart).hexdigest()
    row = db.session.scalar(sa.select(Media).where(Media.sha256 == digest))
    assert (row.kind, row.size, row.width, row.height) == ("image", len(heart), 40, 30)
    from pathlib import Path
    assert (Path(app.config["QUIZAPP_MEDIA_DIR"]) / digest[:2] / digest).read_bytes() == heart


def test_reimport_keeps_rows_and_a_changed_file_updates_its_question(runner, media_set, media_folder):
    """Importing the same files again changes nothing; a new picture counts its question as updated."""
    before = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionMedia))
    (media_folder / "anatomy.yaml").write_text(MEDIA_SET + "\n", encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert "0 added, 0 updated, 0 removed" in result.output, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionMedia)) == before
    (media_folder / "img" / "lung.jpg").write_bytes(gen_image("JPEG", color=(10, 10, 200)))
    (media_folder / "anatomy.yaml").write_text(MEDIA_SET + "\n\n", encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert "0 added, 1 updated, 0 removed" in result.output, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 4


def test_a_missing_or_foreign_file_is_refused_with_its_line(runner, media_folder):
    """A named file that is not there, or is no image or sound, refuses the set naming line and field."""
    (media_folder / "beat.wav").unlink()
    (media_folder / "img" / "lung.jpg").write_text("<html>not an image</html>")
    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert result.exit_code != 0 and "nothing was imported" in result.output
    assert "line 11, field 'questions[0].media[1].file': beat.wav is not among the set's files" in result.output
    assert "line 16, field 'questions[1].media[0].file': img/lung.jpg: not a PNG, JPEG, GIF or WebP image" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_a_name_that_leaves_the_folder_is_refused(runner, media_folder, tmp_path):
    """``../`` cannot reach files outside the set's folder."""
    (tmp_path / "secret.png").write_bytes(gen_image())
    (media_folder / "anatomy.yaml").write_text(MEDIA_SET.replace("img/lung.jpg", "../secret.png"))
    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert result.exit_code != 0 and "'../secret.png' is not a file name inside the set's folder" in result.output


@pytest.fixture
def small_limits(app):
    app.config.update(QUIZAPP_MEDIA_MAX_FILE_BYTES=2000, QUIZAPP_MEDIA_MAX_SET_BYTES=3000)


def test_limits_per_file_and_per_set_are_settings(runner, media_folder, small_limits):
    """A file over the per-file limit, and a set over the per-set limit, are refused by name and size."""
    (media_folder / "beat.wav").write_bytes(gen_wav(seconds=0.5))  # 8 KB
    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert result.exit_code != 0
    assert "beat.wav is 8044 bytes, more than the limit of 2000 bytes per media file" in result.output
    assert "more than the limit of 3000 bytes per set" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 0


def test_zip_round_trip_keeps_every_file(app, media_set):
    """A set exported as a .zip holds its YAML and files; importing the zip gives the same questions and bytes."""
    data = export_set(media_set, with_media=True)
    content = formats.write(data, "zip")
    names = sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())
    assert names == ["anatomy.yaml", "beat.wav", "img/heart.png", "img/lung.jpg"]
    assert formats.detect_format(content, "anatomy.zip") == "zip"
    back = formats.read(content, filename="anatomy.zip").set
    assert [q.to_dict() for q in back.questions] == [q.to_dict() for q in data.questions]
    assert back.media == data.media


def test_zip_with_two_sets_or_hostile_names_is_refused():
    """A zip holds one YAML file; members that climb out of it are refused before reading."""
    two = io.BytesIO()
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.yaml", MEDIA_SET)
        archive.writestr("b.yaml", MEDIA_SET)
    with pytest.raises(formats.FormatError, match="exactly one YAML file"):
        formats.read(two.getvalue(), "zip", filename="two.zip")
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("set.yaml", MEDIA_SET)
        archive.writestr("../evil.png", gen_image())
    with pytest.raises(formats.FormatError, match="outside the package"):
        formats.read(hostile.getvalue(), "zip", filename="hostile.zip")


def test_copy_of_a_set_shows_the_same_files(app, media_set, make_user):
    """A teacher's copy points at the same stored files (no second copy of the bytes)."""
    from quizapp.authoring import copy_set

    copy = copy_set(media_set, make_user("t@example.org", role="teacher"))
    db.session.commit()
    question = next(q for q in copy.questions if q.key == "heart")
    assert [row.media.content_type for row in question.media] == ["image/png", "audio/wav"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 3


def _upload(client, content, filename):
    from tests.forms import csrf_token_from

    page = client.get("/teach/import").get_data(as_text=True)
    return client.post("/teach/import", data={"csrf_token": csrf_token_from(page), "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def _zip(folder) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out.getvalue()


def test_a_teacher_uploads_a_zip_of_yaml_and_media(client, auth, make_user, media_folder):
    """The browser import takes the .zip: a draft whose questions show the files."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    response = _upload(client, _zip(media_folder), "anatomy.zip")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _media_of("heart")[1] == ("answer", "A heartbeat", "beat.wav", "audio/wav")
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    digest = hashlib.sha256((media_folder / "img" / "heart.png").read_bytes()).hexdigest()
    assert f'src="/media/{digest}"' in editor
    assert client.get(f"/media/{digest}").status_code == 200  # the owner sees the draft's files


def test_a_yaml_upload_naming_files_asks_for_the_zip(client, auth, make_user, media_folder):
    """A YAML file uploaded alone cannot bring its files: the page says to upload a .zip, by line."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    response = _upload(client, (media_folder / "anatomy.yaml").read_bytes(), "anatomy.yaml")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "img/heart.png is not among the set&#39;s files" in page and "upload a .zip" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_cli_exports_a_zip_with_the_files(runner, media_set, tmp_path, media_folder):
    """``sets export --format zip`` writes the YAML and its files in one archive."""
    out = tmp_path / "out.zip"
    result = runner.invoke(args=["sets", "export", "anatomy", "--format", "zip", "-o", str(out)])
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(out)
    assert archive.read("img/heart.png") == (media_folder / "img" / "heart.png").read_bytes()


def test_a_file_name_longer_than_its_column_is_refused_with_its_line():
    """A media name past 255 characters (deep folders in a zip) is refused by line, never stored cut or failing."""
    long_name = "d" * 250 + "/heart.png"
    text = f"title: Anatomy\nquestions:\n  - type: flashcard\n    front: Which organ?\n    back: Heart\n    media: [{long_name}]\n"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("anatomy.yaml", text)
        out.writestr(long_name, gen_image("PNG"))
    with pytest.raises(formats.FormatError, match="line 6, field 'questions\\[0\\].media\\[0\\].file': the file name is 260"):
        formats.read(archive.getvalue(), filename="anatomy.zip")
