"""The set page in a real browser says, before any download, what each file leaves out: Aiken's disclosure lists
the question and its lost feedback and credit; CSV, which keeps them, downloads them in its columns."""
import pytest

from quizapp import authoring
from quizapp.extensions import db
from tests.browser.conftest import sign_in
from tests.teach.conftest import gen_question
from tests.teach.test_export_losses import PLANETS

pytestmark = pytest.mark.browser


def test_set_page_names_what_the_aiken_file_leaves_out(page, live_server, make_user):
    """'2 details left out' opens on the question and what it loses; the CSV download holds the feedback."""
    teacher = make_user("teacher@example.org", role="teacher")
    question_set = authoring.create_set(teacher, "Planets", language="en")
    authoring.add_question(question_set, gen_question(**PLANETS))
    db.session.commit()

    sign_in(page, live_server, "teacher@example.org")
    page.goto(f"{live_server}/teach/sets/{question_set.slug}")
    aiken = page.locator(".export-list li", has=page.get_by_role("link", name="Aiken", exact=True))
    lost = aiken.locator("details li").first
    assert not lost.is_visible()
    aiken.get_by_text("2 details left out").click()
    assert lost.inner_text() == ("Closest planet?: the feedback on 'Venus' is left out: Aiken holds one right "
                                 "letter per question and no feedback")
    csv = page.locator(".export-list li", has=page.get_by_role("link", name="CSV", exact=True))
    assert csv.locator("details").count() == 0
    with page.expect_download() as download:
        csv.get_by_role("link", name="CSV", exact=True).click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[1].endswith(",Venus: Too hot,Venus: 50")
