"""A teacher attaches an image or a sound to one question from its editor, and takes it off again."""
import hashlib
import io

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Media, Question, QuestionMedia
from tests.forms import csrf_token_from
from tests.media.media_factories import gen_image, gen_wav

RED = gen_image("PNG", color=(200, 0, 0))


@pytest.fixture
def question(sign_in, seed_sets):
    """A question of a set the signed-in admin may edit."""
    sign_in("admin")
    return db.session.scalar(sa.select(Question).where(Question.set_id == seed_sets[0].id).order_by(Question.position))


def _editor(question):
    return f"/teach/sets/{question.question_set.slug}/questions/{question.id}"


def _attach(client, question, content, filename, **fields):
    page = client.get(_editor(question)).get_data(as_text=True)
    return client.post(_editor(question) + "/media", data={
        "csrf_token": csrf_token_from(page), "file": (io.BytesIO(content), filename), **fields},
        content_type="multipart/form-data", follow_redirects=True)


def _rows(question):
    return [(row.field, row.alt, row.name, row.media.content_type) for row in
            db.session.scalars(sa.select(QuestionMedia).where(QuestionMedia.question_id == question.id)
                               .order_by(QuestionMedia.position))]


def test_an_attached_image_and_sound_show_on_their_sides(client, question):
    """The image goes on the prompt with its text, the sound on the answer; both are stored by hash and shown."""
    page = _attach(client, question, RED, "Red Heart!.png", field="prompt", alt="A red heart").get_data(as_text=True)
    assert "File attached." in page
    _attach(client, question, gen_wav(), "beat.bin", field="answer")
    assert _rows(question) == [("prompt", "A red heart", "Red-Heart.png", "image/png"), ("answer", "", "beat.wav", "audio/wav")]
    digest = hashlib.sha256(RED).hexdigest()
    set_page = client.get(f"/teach/sets/{question.question_set.slug}").get_data(as_text=True)
    assert f'<img src="/media/{digest}" alt="A red heart"' in set_page
    assert client.get(f"/media/{digest}").data == RED
    editor = client.get(_editor(question)).get_data(as_text=True)
    preview = editor.split("What a student sees", 1)[1]
    assert f'<img src="/media/{digest}" alt="A red heart"' in preview and "<audio" in preview


@pytest.mark.parametrize("content, reason", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "SVG images are not accepted"),
    (b"%PDF-1.4 not an image", "not a PNG, JPEG, GIF or WebP image"),
])
def test_a_refused_file_is_named_with_why(client, question, content, reason):
    """Bytes that are no image or sound we show are refused whatever their name, and nothing is stored."""
    page = _attach(client, question, content, "heart.png").get_data(as_text=True)
    assert "heart.png: " in page and reason in page
    assert _rows(question) == [] and db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 0


def test_the_media_limits_hold(client, app, question):
    """A file past the per-file limit is refused by name and size."""
    app.config.update(QUIZAPP_MEDIA_MAX_FILE_BYTES=50)
    page = _attach(client, question, RED, "heart.png").get_data(as_text=True)
    assert f"heart.png is {len(RED)} bytes, more than the limit of 50 bytes per media file" in page
    assert _rows(question) == []


def test_removing_takes_the_file_off_the_question(client, question):
    """Remove takes one file off; the question's other files stay."""
    _attach(client, question, RED, "heart.png", alt="A heart")
    _attach(client, question, gen_wav(), "beat.wav", field="explanation")
    row = db.session.scalar(sa.select(QuestionMedia).where(QuestionMedia.name == "heart.png"))
    page = client.get(_editor(question)).get_data(as_text=True)
    response = client.post(f"{_editor(question)}/media/{row.id}/delete", data={"csrf_token": csrf_token_from(page)},
                           follow_redirects=True)
    assert "File removed." in response.get_data(as_text=True)
    assert _rows(question) == [("explanation", "", "beat.wav", "audio/wav")]


def test_only_those_who_may_edit_the_set_attach(client, sign_in, seed_sets):
    """A teacher who may not change a shared set cannot attach to its questions."""
    question = db.session.scalar(sa.select(Question).where(Question.set_id == seed_sets[0].id))
    sign_in("teacher")
    page = client.get("/teach/import").get_data(as_text=True)
    response = client.post(_editor(question) + "/media", data={"csrf_token": csrf_token_from(page),
                                                               "file": (io.BytesIO(RED), "x.png")},
                           content_type="multipart/form-data")
    assert response.status_code in (403, 404) and _rows(question) == []
