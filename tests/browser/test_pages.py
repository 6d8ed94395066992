"""Every page in a real Chromium, at a phone's 390 px and a laptop's 1280 px, in English and
Portuguese: no horizontal overflow, no serious or critical axe-core violation, and a screenshot
of each in test-artifacts/pages/ for review.

axe-core comes from npm (package.json at the project root); :func:`axe_source` installs it on
first use when node_modules/ lacks it.
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from quizapp import jobs
from quizapp.extensions import db
from quizapp.models import QuestionSet
from tests.browser.conftest import ARTIFACTS, chromium_path
from tests.forms import PASSWORD
from tests.history.conftest import fixed_clock, world  # noqa: F401  (fixtures)
from tests.history.test_teacher import classes  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
LANGUAGES = ("en", "pt")
SHOTS = ARTIFACTS / "pages"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from the project's package.json if it is not there yet."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: install Node.js (apt-get install nodejs npm) for the accessibility tests")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT, check=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


# (who, name, path): the pages of each kind of visitor; {placeholders} come from the world.
PAGES = [
    (None, "welcome", "/"),
    (None, "login", "/login"),
    (None, "signup", "/signup"),
    (None, "forgot-password", "/password/forgot"),
    (None, "set-public", "/sets/rivers"),
    ("student", "home", "/"),
    ("student", "set", "/sets/rivers"),
    ("student", "study-card", "/study/rivers"),
    ("student", "study-check", "{check}"),
    ("student", "quiz-start", "/quiz/rivers"),
    ("student", "quiz-result", "/quiz/attempts/{attempt}/result"),
    ("student", "history", "/history/"),
    ("student", "history-set", "/history/sets/rivers"),
    ("student", "history-attempt", "/history/attempts/{attempt}"),
    ("student", "settings", "/settings"),
    ("student", "account", "/settings/account"),
    ("student", "set-limits", "/study/rivers/limits"),
    ("student", "custom-study", "/study/rivers/custom"),
    ("student", "cards", "/cards/?q=question"),
    ("student", "join-class", "/classes/join"),
    ("teacher", "teach", "/teach/"),
    ("teacher", "teach-set", "/teach/sets/rivers"),
    ("teacher", "teach-question", "/teach/sets/rivers/questions/{question}"),
    ("teacher", "teach-new-question", "/teach/sets/rivers/questions/new"),
    ("teacher", "teach-drop", "/teach/sets/rivers/questions/{question}/delete"),
    ("teacher", "teach-delete-set", "/teach/sets/rivers/delete"),
    ("teacher", "teach-import", "/teach/import"),
    ("teacher", "teach-generate", "/teach/generate"),
    ("teacher", "teach-generation-job", "/teach/generate/jobs/{job}"),
    ("teacher", "teach-new-set", "/teach/sets/new"),
    ("teacher", "teach-class", "/teach/classes/{class_id}"),
    ("teacher", "teach-new-class", "/teach/classes/new"),
    ("teacher", "results", "/history/teach/"),
    ("teacher", "results-set", "/history/teach/rivers"),
    ("admin", "admin-users", "/admin/users"),
]


@pytest.fixture
def tour(world, classes, make_user):
    """The world of the history tests, plus an admin and the ids the page paths need."""
    make_user("admin@example.org", role="admin")
    rivers = db.session.get(QuestionSet, world.rivers.id)
    rivers.description = ("A long description of the rivers of Iberia, their sources, their mouths and the "
                          "towns along their banks. " * 8)
    db.session.commit()
    # A background generation caught a third of the way through (the page polls it and stays).
    runner = jobs.runner()
    job = jobs.JobState("tour-job", "running", world.teacher.id, done=333, total=1000)
    runner.jobs[job.id] = job
    return {"attempt": world.first.id, "question": world.q[0].id, "class_id": classes[0].id, "job": job.id}


def _sign_in(page, base, who):
    page.goto(base + "/login")
    page.locator("input[name=email]").fill(f"{who}@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def _check_path(page, base):
    """The check page of the card the study page shows: answer it through the real form."""
    page.goto(base + "/study/rivers")
    form = page.locator("form[data-submit-keys]")
    text = form.locator("input[type=text]")
    if text.count():
        text.fill("a guess")
    else:
        form.locator("input[type=radio]").first.check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/check\?"))
    return page.url.removeprefix(base)


def _axe_problems(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("who", [None, "student", "teacher", "admin"])
def test_every_page_fits_and_passes_axe(browser, live_server, tour, axe_source, who):
    """Each page of this visitor, at 390 and 1280 px in both languages: no overflow, axe clean."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for language in LANGUAGES:
        context = browser.new_context(locale="en-US", bypass_csp=True, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        if who:
            _sign_in(page, live_server, who)
        page.goto(f"{live_server}/?lang={language}")
        values = dict(tour)
        if who == "student":
            values["check"] = _check_path(page, live_server)
        for owner, name, path in PAGES:
            if owner != who:
                continue
            url = live_server + path.format(**values)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(url)
                where = f"{name} {language} {width}px"
                if response is None or response.status != 200:
                    problems.append(f"{where}: answered {response.status if response else 'nothing'}")
                    continue
                scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    problems.append(f"{where}: {scroll} px wide in a {inner} px window")
                problems.extend(f"{where}: {p}" for p in _axe_problems(page, axe_source))
                page.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True)
        context.close()
    (SHOTS / f"problems-{who or 'visitor'}.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert not problems, "\n".join(problems)


def test_dark_theme_follows_the_system(browser, live_server, tour, axe_source):
    """With the system set to dark, pages turn dark and still pass axe (contrast included)."""
    context = browser.new_context(color_scheme="dark", bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, live_server, "student")
    problems = []
    for path in ("/", "/history/sets/rivers", "/study/rivers", "/settings"):
        page.goto(live_server + path)
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        assert sum(channels) < 3 * 80, f"{path} is not dark: {background}"
        problems.extend(f"{path}: {p}" for p in _axe_problems(page, axe_source))
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SHOTS / f"dark-{name}.png"), full_page=True)
    context.close()
    assert not problems, "\n".join(problems)
