"""Sets with images and sounds, on disk beside their YAML and imported through the command line."""
import pytest

from tests.media.media_factories import gen_image, gen_wav

MEDIA_SET = """title: Anatomy
slug: anatomy
questions:
  - id: heart
    type: short_answer
    prompt: Which organ is this?
    answer: Heart
    explanation: It pumps blood.
    media:
      - {file: img/heart.png, alt: A red human heart}
      - {file: beat.wav, field: answer, alt: A heartbeat}
  - id: lung
    type: flashcard
    front: Which organ is this?
    back: Lung
    media: [img/lung.jpg]
"""


@pytest.fixture
def media_folder(tmp_path):
    """A folder with anatomy.yaml and the three files it names."""
    folder = tmp_path / "anatomy"
    (folder / "img").mkdir(parents=True)
    (folder / "anatomy.yaml").write_text(MEDIA_SET, encoding="utf-8")
    (folder / "img" / "heart.png").write_bytes(gen_image("PNG", color=(200, 0, 0)))
    (folder / "img" / "lung.jpg").write_bytes(gen_image("JPEG", color=(240, 180, 180)))
    (folder / "beat.wav").write_bytes(gen_wav())
    return folder


@pytest.fixture
def media_set(runner, media_folder):
    """The anatomy set, imported with its media from the command line."""
    import sqlalchemy as sa

    from quizapp.extensions import db
    from quizapp.models import QuestionSet

    result = runner.invoke(args=["sets", "import", str(media_folder / "anatomy.yaml")])
    assert result.exit_code == 0, result.output
    return db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == "anatomy"))
