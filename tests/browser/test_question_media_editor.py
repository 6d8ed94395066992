"""In a real browser, a teacher attaches an image to a question from its editor, sees it, and removes it."""
import pytest
import sqlalchemy as sa

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.media.media_factories import gen_image

pytestmark = pytest.mark.browser


def test_a_teacher_attaches_and_removes_a_questions_image(page, live_server, make_user, seed_sets, tmp_path):
    """Attach a PNG with its text to the prompt: the set page shows it loaded; Remove takes it off again."""
    from quizapp.extensions import db
    from quizapp.models import Question

    ARTIFACTS.mkdir(exist_ok=True)
    make_user("admin@example.org", role="admin")
    question = db.session.scalar(sa.select(Question).where(Question.set_id == seed_sets[0].id).order_by(Question.position))
    editor = f"{live_server}/teach/sets/{seed_sets[0].slug}/questions/{question.id}"
    picture = tmp_path / "heart.png"
    picture.write_bytes(gen_image("PNG", size=(60, 40)))

    sign_in(page, live_server, "admin@example.org")
    page.goto(editor)
    page.get_by_text("This question shows no image or sound.").wait_for()
    page.get_by_label("Image or sound").set_input_files(str(picture))
    page.get_by_label("Shown with").select_option("prompt")
    page.get_by_label("Text for those who cannot see or hear it").fill("A red heart")
    page.get_by_role("button", name="Attach").click()
    page.get_by_text("File attached.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "teach-question-media.png"), full_page=True)

    page.goto(f"{live_server}/teach/sets/{seed_sets[0].slug}")
    image = page.get_by_role("img", name="A red heart")
    image.scroll_into_view_if_needed()
    page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("image => image.naturalWidth") == 60

    page.goto(editor)
    page.get_by_role("button", name="Remove heart.png").click()
    page.get_by_text("File removed.").wait_for()
    page.get_by_text("This question shows no image or sound.").wait_for()
