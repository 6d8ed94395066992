"""A teacher's Moodle XML upload keeps its embedded images: stored under their hash, shown on the question."""
import hashlib
import io

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Media, Question
from tests.forms import csrf_token_from
from tests.formats.test_moodle_media import RED, quiz


def test_a_moodle_upload_stores_its_embedded_images(client, auth, make_user):
    """After confirming what is lost, the embedded images are stored once each and shown on the editor."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    page = client.get("/teach/import").get_data(as_text=True)
    response = client.post("/teach/import", data={"csrf_token": csrf_token_from(page), "accept_skipped": "y",
                                                  "file": (io.BytesIO(quiz().encode()), "organs.xml")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    heart = db.session.scalar(sa.select(Question).where(Question.key == "heart"))
    assert [(row.field, row.alt, row.name) for row in heart.media] == [("prompt", "A red heart", "red heart.png"),
                                                                       ("explanation", "", "blood.jpg")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Media)) == 2
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<img src="/media/{hashlib.sha256(RED).hexdigest()}" alt="A red heart"' in editor
