"""Media are served by hash with their type, caching and nosniff, to whoever may see a set that shows them."""
import hashlib
import re

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Media
from tests.media.media_factories import gen_image


def _digest(media_folder, name="img/heart.png"):
    return hashlib.sha256((media_folder / name).read_bytes()).hexdigest()


def test_a_published_sets_image_is_served_with_its_headers(client, media_set, media_folder):
    """The bytes come back with the type read from them, inline, cached for a year, never sniffed."""
    digest = _digest(media_folder)
    response = client.get(f"/media/{digest}")
    assert response.status_code == 200
    assert response.data == (media_folder / "img" / "heart.png").read_bytes()
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == f'inline; filename="{digest[:16]}.png"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    cache = response.headers["Cache-Control"]
    assert "private" in cache and "max-age=31536000" in cache and "immutable" in cache
    assert response.headers["ETag"].strip('"') == digest
    assert client.get(f"/media/{digest}", headers={"If-None-Match": f'"{digest}"'}).status_code == 304


def test_sound_supports_ranges_for_seeking(client, media_set, media_folder):
    """Audio players ask for byte ranges; the route answers 206 with the part asked for."""
    response = client.get(f"/media/{_digest(media_folder, 'beat.wav')}", headers={"Range": "bytes=0-11"})
    assert response.status_code == 206 and response.data[:4] == b"RIFF" and len(response.data) == 12
    assert response.headers["Content-Type"] == "audio/wav"


def test_a_drafts_media_is_only_for_its_owner(client, auth, make_user, media_set, media_folder):
    """Like the set page: someone else's draft is 404 for students and visitors, 200 for its owner."""
    owner = make_user("teacher@example.org", role="teacher")
    media_set.is_published = False
    media_set.owner_id = owner.id
    db.session.commit()
    url = f"/media/{_digest(media_folder)}"
    assert client.get(url).status_code == 404
    make_user("ana@example.org")
    auth.login("ana@example.org")
    assert client.get(url).status_code == 404
    auth.logout()
    auth.login("teacher@example.org")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("digest", ["0" * 64, "abc", "../../etc/passwd", "A" * 64])
def test_unknown_or_malformed_hashes_are_404(client, media_set, digest):
    """Only a stored file's lowercase SHA-256 names anything."""
    assert client.get(f"/media/{digest}").status_code == 404


def test_a_stored_file_no_question_shows_is_404(client, app, media_set):
    """A file in the media table that no visible question uses is not served."""
    from quizapp.media import store

    store.save(gen_image("GIF"))
    db.session.commit()
    orphan = db.session.scalar(sa.select(Media).where(Media.content_type == "image/gif"))
    assert client.get(f"/media/{orphan.sha256}").status_code == 404


def test_study_check_quiz_and_teacher_pages_show_the_media_with_alt_text(client, auth, make_user, media_set,
                                                                         media_folder):
    """The prompt's image (with its alt text) is on the study card; the answer's sound on the check page."""
    from tests.forms import csrf_token_from
    from tests.study.conftest import card_token

    make_user("ana@example.org")
    auth.login("ana@example.org")
    page = client.get("/study/anatomy").get_data(as_text=True)
    heart, lung = _digest(media_folder), _digest(media_folder, "img/lung.jpg")
    assert f'<img src="/media/{heart}" alt="A red human heart" width="40" height="30"' in page
    assert "<audio" not in page  # the sound belongs to the answer
    checked = client.post("/study/anatomy/answer", data={"csrf_token": csrf_token_from(page), "t": card_token(page),
                                                          "answer": "heart"}, follow_redirects=True).get_data(as_text=True)
    beat = _digest(media_folder, "beat.wav")
    assert re.search(rf'<audio controls preload="none" src="/media/{beat}" aria-label="A heartbeat">', checked)
    assert f'src="/media/{heart}"' in checked
    from tests.forms import post_form

    started = post_form(client, "/quiz/anatomy", {"count": "2", "mode": "single"})
    quiz = client.get(started.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert f'src="/media/{heart}"' in quiz, quiz
    auth.logout()
    teacher = make_user("teacher@example.org", role="admin")
    auth.login(teacher.email)
    editor = client.get("/teach/sets/anatomy").get_data(as_text=True)
    assert f'src="/media/{heart}"' in editor and f'src="/media/{lung}"' in editor
    assert 'alt="Image of the question"' in editor  # the lung picture came without a text
