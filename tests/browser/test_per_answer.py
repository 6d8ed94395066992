"""Per-answer credit and feedback in real browsers: a teacher writes them in the question editor, a student studies
the question, picks the partly right choice and reads "Partly right" with its feedback, Hard proposed."""
import re

import pytest

from quizapp import authoring
from quizapp.extensions import db
from tests.browser.conftest import sign_in
from tests.teach.conftest import gen_question

pytestmark = pytest.mark.browser


def test_teacher_writes_credit_and_feedback_and_a_student_reads_them(browser, page, live_server, make_user):
    """The editor shows the per-answer box for the types that have it; what is saved there is shown after answering."""
    teacher = make_user("teacher@example.org", role="teacher")
    make_user("student@example.org")
    question_set = authoring.create_set(teacher, "Planets", language="en")
    authoring.add_question(question_set, gen_question())
    question_set.is_published = True
    db.session.commit()

    sign_in(page, live_server, "teacher@example.org")
    page.goto(f"{live_server}/teach/sets/{question_set.slug}/questions/new")
    box = page.get_by_label(re.compile("^Credit and feedback per answer"))
    page.get_by_label("Type").select_option("numeric")
    assert not box.is_visible()  # numeric questions have no per-answer values
    page.get_by_label("Type").select_option("multiple_choice")
    assert box.is_visible()
    page.get_by_label("Question", exact=True).fill("Which planet is closest to the Sun?")
    page.get_by_label("Answer", exact=True).fill("Mercury")
    page.get_by_label(re.compile("^Choices")).fill("Mercury\nVenus")
    box.fill("Venus | 50 | Close: Venus is the second planet")
    page.get_by_role("button", name="Save question").click()
    page.get_by_text("Which planet is closest to the Sun?").first.wait_for()

    student = browser.new_context(locale="en-US").new_page()
    sign_in(student, live_server, "student@example.org")
    student.goto(f"{live_server}/study/{question_set.slug}")
    for _ in range(2):  # two cards, in the set's order: the river first
        card = student.locator("[data-study=ask]")
        card.wait_for()
        if "closest to the Sun" in card.inner_text():
            break
        card.get_by_label("Your answer").fill("Tagus")
        card.get_by_role("button", name=re.compile("Check")).click()
        student.locator("[data-study=rate] button[data-rating='3']").click()
    student.locator("[data-study=ask]").get_by_label("Venus").check()
    student.locator("[data-study=ask]").get_by_role("button", name=re.compile("Check")).click()
    rate = student.locator("[data-study=rate]")
    rate.get_by_text("Partly right: 50% of the marks").wait_for()
    assert rate.locator("[data-answer-feedback]").inner_text() == "Close: Venus is the second planet"
    assert "proposed" in rate.locator("button[data-rating='2']").get_attribute("class")
    student.context.close()


def test_offline_study_shows_partial_credit_and_feedback(page, live_server, make_user):
    """Studied offline, the device grades the partly right choice as the server does: its feedback, Hard proposed."""
    from quizapp import formats
    from quizapp.sets import import_set
    from tests.browser.test_offline import study_online

    text = ("title: Planets\nslug: planets\nquestions:\n  - id: closest\n    type: multiple_choice\n"
            "    prompt: Which planet is closest to the Sun?\n    answer: Mercury\n    choices: [Mercury, Venus]\n"
            "    credit: {Venus: 50}\n    feedback: {Venus: \"Close: Venus is the second planet\"}\n")
    import_set(formats.read(text.encode(), "yaml").set)
    db.session.commit()
    make_user("student@example.org")
    sign_in(page, live_server, "student@example.org")
    study_online(page, live_server, "planets")
    page.context.set_offline(True)
    card = page.locator("[data-study-offline=ask]")
    card.wait_for()
    card.get_by_label("Venus").check()
    card.locator("button[type=submit]").click()
    rate = page.locator("[data-study-offline=rate]")
    rate.get_by_text("Partly right: 50% of the marks").wait_for()
    assert rate.locator("[data-answer-feedback]").inner_text() == "Close: Venus is the second planet"
    assert "proposed" in rate.locator("button[data-rating='2']").get_attribute("class")
