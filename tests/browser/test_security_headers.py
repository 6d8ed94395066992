"""Every page in Chromium under the app's Content-Security-Policy: no violation reported, no
uncaught script error, and the security headers on each page's response.

A violation is caught twice: the page's ``securitypolicyviolation`` events (recorded by a script
the browser runs before the page's own, which the policy cannot block) and Chromium's console
message ("Refused to ...").
"""
import re

import pytest

from quizapp.headers import CONTENT_SECURITY_POLICY
from tests.browser.test_pages import PAGES, _check_path, _sign_in, tour  # noqa: F401  (fixture)
from tests.history.conftest import fixed_clock, world  # noqa: F401  (fixtures)
from tests.history.test_teacher import classes  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """CSP messages in the console, uncaught errors and CSP violations of one browser context, page by page."""

    def __init__(self, context):
        self.messages: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("console", lambda m: "Content Security Policy" in m.text and self.messages.append(m.text))
        context.on("weberror", lambda e: self.messages.append(f"uncaught: {e.error}"))

    def problems(self, page, where: str) -> list[str]:
        found = [f"{where}: {m}" for m in self.messages]
        found += [f"{where}: {v}" for v in page.evaluate("() => window.__cspViolations || []")]
        self.messages.clear()
        return found


def _header_problems(response, where):
    headers = response.headers
    expected = {"content-security-policy": CONTENT_SECURITY_POLICY, "x-frame-options": "DENY",
                "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin"}
    return [f"{where}: {name} is {headers.get(name)!r}" for name, value in expected.items() if headers.get(name) != value]


def test_the_watch_sees_a_violation(browser, live_server, app):
    """An inline script and style under the app's headers are reported (the checks below can fail)."""
    context = browser.new_context()
    watch = Watch(context)
    page = context.new_page()

    def inline(route):
        response = route.fetch()
        route.fulfill(response=response, body="<!doctype html><title>x</title><p style='color:red'>x</p>"
                      "<script>document.title = 'ran'</script>")

    page.route(live_server + "/login", inline)
    page.goto(live_server + "/login")
    page.wait_for_load_state()
    problems = watch.problems(page, "login")
    assert page.title() == "x", "the inline script ran"
    assert any("script-src" in p for p in problems) and any("style-src" in p for p in problems), problems
    context.close()


@pytest.mark.parametrize("who", [None, "student", "teacher", "admin"])
def test_every_page_runs_under_the_policy(browser, live_server, tour, who):  # noqa: F811
    """Each page of this visitor, in both languages: headers present, no violation, no uncaught error."""
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 800})
    context.set_default_timeout(15_000)
    watch = Watch(context)
    page = context.new_page()
    problems = []
    if who:
        _sign_in(page, live_server, who)
        problems += watch.problems(page, "sign-in")
    values = dict(tour)
    if who == "student":
        values["check"] = _check_path(page, live_server)
        problems += watch.problems(page, "study answer")
    for language in ("en", "pt"):
        page.goto(f"{live_server}/?lang={language}")
        for owner, name, path in PAGES:
            if owner != who:
                continue
            response = page.goto(live_server + path.format(**values))
            page.wait_for_load_state("networkidle")
            where = f"{name} {language}"
            assert response is not None and response.status == 200, f"{where}: {response and response.status}"
            problems += _header_problems(response, where)
            problems += watch.problems(page, where)
    context.close()
    assert not problems, "\n".join(problems)


def test_scripts_work_under_the_policy(browser, live_server, tour):  # noqa: F811
    """The study keys, the shortcut list and the question editor's preview run with no violation."""
    context = browser.new_context(locale="en-US")
    watch = Watch(context)
    page = context.new_page()
    _sign_in(page, live_server, "student")
    page.goto(live_server + "/study/rivers")
    page.locator("html[data-keys-ready]").wait_for(state="attached")
    page.keyboard.press("?")
    assert page.locator("[data-shortcuts]").get_attribute("open") is not None, "study.js did not run"
    problems = watch.problems(page, "study")
    context.close()

    context = browser.new_context(locale="en-US")
    watch = Watch(context)
    page = context.new_page()
    _sign_in(page, live_server, "teacher")
    page.goto(live_server + f"/teach/sets/rivers/questions/{tour['question']}")
    prompt = page.locator("textarea").first
    prompt.fill("A *new* prompt")
    page.wait_for_timeout(700)
    problems += watch.problems(page, "question editor")
    page.goto(live_server + "/history/teach/rivers")
    assert page.locator("svg.chart").count() + page.locator("svg.success-bar").count() > 0
    problems += watch.problems(page, "results")
    context.close()
    assert not problems, "\n".join(problems)
    assert re.search(r"default-src 'self'", CONTENT_SECURITY_POLICY)
