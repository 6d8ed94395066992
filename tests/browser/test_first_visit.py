"""A newcomer in a real browser: signs up, finds the seed set and opens it."""
import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_sign_up_and_open_the_seed_set(page, live_server, seed_sets):
    """Sign up through the form, see the seed set on the home page, open it, switch to Portuguese."""
    seed = seed_sets[0]
    page.goto(live_server + "/")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat the password").fill("a long password")
    page.get_by_role("button", name="Create account").click()

    page.get_by_text("Welcome! Your account is ready.").wait_for()
    page.get_by_role("link", name=seed.title).click()
    page.get_by_role("heading", name=seed.title).wait_for()
    prompts = page.locator("ol.questions li")
    assert prompts.count() == len(seed.questions)
    assert "{{" not in page.content()

    page.get_by_role("link", name="PT").click()
    page.get_by_role("button", name="Sair").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "set-page-phone.png"), full_page=True)

    page.get_by_role("button", name="Sair").click()
    page.get_by_role("link", name="Entrar").first.wait_for()


def test_sign_in_page_works_without_javascript(browser, live_server, make_user):
    """The core flow needs no JavaScript: sign in with scripts disabled."""
    make_user("nojs@example.org")
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server + "/login")
        tab.get_by_label("Email").fill("nojs@example.org")
        tab.get_by_label("Password").fill("correct horse battery")
        tab.get_by_role("button", name="Sign in").click()
        tab.get_by_role("heading", name="Question sets").wait_for()
    finally:
        context.close()
