"""A teacher brings an Anki deck with a picture card; a student studies it and sees the picture."""
import re

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.formats.anki_tools import IMAGE_ALT, PNG, Collection, add_note, export_deck

pytestmark = pytest.mark.browser


@pytest.fixture
def picture_deck(tmp_path):
    """A deck built and exported by Anki: a picture card, and a card naming a file the deck lacks."""
    col = Collection(str(tmp_path / "rivers.anki2"))
    try:
        deck = col.decks.id("Rivers")
        col.media.write_data("tagus.png", PNG)
        add_note(col, "Basic", deck, Front=f'Which river is this? <img src="tagus.png" alt="{IMAGE_ALT}">', Back="Tagus")
        add_note(col, "Basic", deck, Front='And this one? <img src="gone.png">', Back="Douro")
        return export_deck(col, "Rivers", tmp_path / "rivers.apkg", legacy=False)
    finally:
        col.close()


def test_a_student_studies_the_picture_of_an_uploaded_anki_deck(browser, page, live_server, make_user, picture_deck):
    """Upload the .apkg, agree to leave out the missing file, publish; the student's card shows the picture,
    loaded, with its alt text."""
    ARTIFACTS.mkdir(exist_ok=True)
    make_user("teacher@example.org", role="teacher")
    make_user("student@example.org")

    sign_in(page, live_server, "teacher@example.org")
    page.goto(live_server + "/teach/import")
    page.get_by_label("File").set_input_files(str(picture_deck))
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("the media file 'gone.png' is not in the package").wait_for()
    page.get_by_role("button", name="Import without them").click()
    page.get_by_text(re.compile("Imported “Rivers”: 2 added")).wait_for()
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: every student can now see and study this set.").wait_for()

    student_context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 800})
    try:
        student = student_context.new_page()
        sign_in(student, live_server, "student@example.org")
        student.goto(f"{live_server}/study/{slug}")
        card = student.locator("[data-study=ask]")
        card.get_by_text("Which river is this?").wait_for()
        image = card.get_by_role("img", name=IMAGE_ALT)
        image.wait_for()
        student.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
        assert image.evaluate("image => [image.naturalWidth, image.naturalHeight]") == [40, 30]
        student.screenshot(path=str(ARTIFACTS / "study-anki-picture.png"), full_page=True)
    finally:
        student_context.close()
