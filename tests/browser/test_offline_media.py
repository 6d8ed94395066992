"""Media in offline study, in a real Chromium: an image card studied offline, after a reload, shows its
image from the cache the service worker keeps for the user; signing out wipes it."""
import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_offline import study_online
from tests.media.media_factories import gen_image

pytestmark = pytest.mark.browser

IMAGE_SET = """title: Flags
slug: flags
questions:
  - id: red
    type: short_answer
    prompt: Which colour is this?
    answer: Red
    media: [{file: red.png, alt: A red square}]
"""


def _user_cache_entries(page):
    return page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) {
            if (!name.startsWith('quizapp-user-')) continue;
            out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname);
        }
        return out;
    }""")


def test_an_image_card_studied_offline_shows_its_image(page, live_server, make_user, runner, tmp_path):
    """Online the download's image is cached for this user; offline, after a reload, the card's img has
    loaded (naturalWidth 40); after sign-out no cache of the user is left."""
    (tmp_path / "flags.yaml").write_text(IMAGE_SET, encoding="utf-8")
    (tmp_path / "red.png").write_bytes(gen_image("PNG", size=(40, 30), color=(220, 0, 0)))
    result = runner.invoke(args=["sets", "import", str(tmp_path / "flags.yaml")])
    assert result.exit_code == 0, result.output
    user = make_user("media-offline@example.org")
    sign_in(page, live_server, user.email)
    study_online(page, live_server, "flags")
    page.locator("html[data-media-ready]").wait_for(state="attached")
    media_url = page.evaluate("id => quizapp.store.getPack(id, 'flags').then(r => r.pack.media.files[0].url)", user.id)
    caches = _user_cache_entries(page)
    assert list(caches) and all(name.endswith(f"-{user.id}") for name in caches)
    assert media_url in next(iter(caches.values()))
    # The browser's own HTTP cache holds the image from the online page: emptied, only the worker's cache is left.
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.context.set_offline(True)
    page.reload()
    page.locator("html[data-offline-shell]").wait_for(state="attached")
    image = page.locator("[data-study-offline=ask] img")
    image.wait_for()
    assert image.get_attribute("alt") == "A red square"
    page.wait_for_function("() => { const i = document.querySelector('[data-study-offline=ask] img');"
                           " return i && i.complete; }")
    assert image.evaluate("img => img.naturalWidth") == 40
    page.context.set_offline(False)
    page.goto(live_server + "/")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()
    assert _user_cache_entries(page) == {}
