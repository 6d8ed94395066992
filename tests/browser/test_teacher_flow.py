"""A teacher and a student in real browsers: text to published set, a class, studying, the teacher sees it."""
import re

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

TEXT = ("Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891 to study physics at the Sorbonne. "
        "In 1903 Marie Curie won the Nobel Prize in Physics together with Pierre Curie and Henri Becquerel. "
        "She discovered polonium and radium in 1898. In 1911 she received a second Nobel Prize, in Chemistry.")


def study_one_card(tab):
    """Answer whatever card is shown (reveal, choose or type), then rate it Good."""
    card = tab.locator("[data-study=ask]")
    card.wait_for()
    reveal = card.get_by_role("button", name=re.compile("Show answer"))
    if reveal.count():
        reveal.click()
    else:
        radios = card.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
        else:
            card.get_by_label("Your answer").fill("Warsaw")
        card.get_by_role("button", name=re.compile("Check")).click()
    tab.locator("[data-study=rate] button[data-rating='3']").click()


def test_teacher_publishes_a_generated_set_and_sees_a_student_study_it(browser, page, live_server, make_user):
    """Paste a text, review and publish the draft, make a class; a student joins and studies; the teacher sees it."""
    ARTIFACTS.mkdir(exist_ok=True)
    make_user("teacher@example.org", role="teacher")
    make_user("student@example.org")

    sign_in(page, live_server, "teacher@example.org")
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="Generate from a text").click()
    page.get_by_label("Title", exact=True).fill("Marie Curie")
    page.get_by_label("Language of the text").select_option("en")
    page.get_by_label("Text", exact=True).fill(TEXT)
    page.get_by_role("button", name="Generate draft").click()

    page.get_by_text("Keep, edit or drop each question, then publish the set.").wait_for()
    questions = page.locator("li.editor-question")
    generated = questions.count()
    assert generated > 2
    assert page.locator(".eq-source .teach-quote").first.inner_text().startswith("Marie Curie was born")
    page.screenshot(path=str(ARTIFACTS / "teach-draft-review.png"), full_page=True)
    questions.last.get_by_role("link", name=re.compile("^Drop")).click()
    page.get_by_role("heading", name="Drop this question?").wait_for()
    page.get_by_role("button", name="Drop the question").click()
    page.get_by_text("Question dropped.").wait_for()
    assert page.locator("li.editor-question").count() == generated - 1
    page.get_by_role("button", name="Undo").click()
    page.get_by_text("The question is back.").wait_for()
    assert page.locator("li.editor-question").count() == generated
    questions.last.get_by_role("link", name=re.compile("^Drop")).click()
    page.get_by_role("button", name="Drop the question").click()
    page.get_by_text("Question dropped.").wait_for()

    page.locator("li.editor-question").first.get_by_role("link", name=re.compile("^Edit")).click()
    page.get_by_role("heading", name="What a student sees").wait_for()
    page.get_by_label("Explanation, shown after answering").fill("She was born Maria Skłodowska.")
    assert page.locator("[data-preview-explanation]").inner_text() == "She was born Maria Skłodowska."
    page.screenshot(path=str(ARTIFACTS / "teach-question-editor.png"), full_page=True)
    page.get_by_role("button", name="Save question").click()
    page.get_by_text("Question saved.").wait_for()

    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: every student can now see and study this set.").wait_for()
    total = page.locator("li.editor-question").count()

    page.goto(live_server + "/teach/classes/new")
    page.get_by_label("Name of the class").fill("Physics 9A")
    page.get_by_role("button", name="Create class").click()
    code = page.locator("code.join-code.big").inner_text()
    page.get_by_label("Set").select_option(label="Marie Curie")
    page.get_by_label("Due date (optional)").fill("2030-05-01")
    page.get_by_role("button", name="Assign").click()
    page.get_by_text("is assigned to Physics 9A").wait_for()
    class_url = page.url

    student_context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 800})
    try:
        student = student_context.new_page()
        sign_in(student, live_server, "student@example.org")
        student.get_by_role("link", name="Join a class").first.click()
        student.get_by_label("Join code").fill(code.lower())
        student.get_by_role("button", name="Join class").click()
        student.get_by_text("You joined Physics 9A.").wait_for()
        assigned = student.locator("section.assigned")
        assigned.get_by_text("due 2030-05-01").wait_for()
        student.screenshot(path=str(ARTIFACTS / "student-home-assigned.png"), full_page=True)
        study = assigned.get_by_role("link", name="Study")
        if study.count():
            study.click()
            study_one_card(student)
            student.locator("[data-study=ask], .study-done, h1").first.wait_for()
        else:  # the study pages are not in this build: open the set page instead
            assigned.get_by_role("link", name="Marie Curie").click()
            student.get_by_role("heading", name="Marie Curie").wait_for()
    finally:
        student_context.close()

    page.goto(class_url)
    row = page.locator("tr", has_text="student@example.org")
    row.wait_for()
    assert f"1/{total}" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "teach-class-page.png"), full_page=True)
