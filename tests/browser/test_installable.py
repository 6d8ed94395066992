"""The installable app in Chromium: the manifest passes the installability rules, the worker controls the
start URL and answers offline, caches only what it may, and an update or a sign-out leaves nothing behind."""
import struct
import time

import pytest

from quizapp.offline import views as offline_views
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
INSTALLABLE_DISPLAYS = {"fullscreen", "standalone", "minimal-ui", "window-controls-overlay"}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; fails on anything that is not a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def cache_contents(page) -> dict:
    return page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            out[name] = (await cache.keys()).map(r => new URL(r.url).pathname);
        }
        return out;
    }""")


def signed_in_and_controlled(page, live_server, email, path="/"):
    sign_in(page, live_server, email)
    page.goto(live_server + path)
    page.locator("html[data-worker-ready=user]").wait_for(state="attached")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_manifest_meets_the_installability_rules(page, live_server, make_user):
    """Lighthouse's rules written out: names, PNG icons of 192 and 512, start_url, display, a worker with a
    fetch handler controlling the start URL; and Chromium itself reports no installability error."""
    make_user("install@example.org")
    signed_in_and_controlled(page, live_server, "install@example.org")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    response = page.request.get(live_server + href)
    assert response.ok and response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] and manifest["short_name"]
    assert manifest["display"] in INSTALLABLE_DISPLAYS and not manifest.get("prefer_related_applications")
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = set()
    for icon in manifest["icons"]:
        data = page.request.get(live_server + icon["src"]).body()
        width, height = png_size(data)
        assert icon["type"] == "image/png" and icon["sizes"] == f"{width}x{height}" and width == height
        sizes.add(width)
    assert max(sizes) >= 512 and any(size >= 192 for size in sizes)
    start = live_server + manifest["start_url"]
    page.goto(start)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").startswith(live_server + "/sw.js?v=")
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # A test browser profile is incognito-like; every other rule must hold.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    # The fetch handler answers the start URL with the network gone.
    page.context.set_offline(True)
    offline = page.goto(start)
    assert offline.status == 200 and page.locator("html[data-offline-shell]").count() == 1
    page.context.set_offline(False)


def test_worker_caches_the_shell_and_this_users_study_page_only(page, live_server, make_user, seed_sets):
    """After studying, the caches hold static files and the user's study shell: no other page, no API answer."""
    user = make_user("caches@example.org")
    signed_in_and_controlled(page, live_server, user.email, f"/study/{seed_sets[0].slug}")
    page.locator(f"html[data-offline-ready='{seed_sets[0].slug}']").wait_for(state="attached")
    contents = cache_contents(page)
    shell = [name for name in contents if name.startswith("quizapp-shell-")]
    mine = [name for name in contents if name.startswith("quizapp-user-")]
    assert len(shell) == 1 and mine == [f"{shell[0].replace('shell', 'user')}-{user.id}"]
    assert all(path.startswith("/static/") for path in contents[shell[0]])
    assert contents[mine[0]] == ["/offline/shell"]


def test_signing_out_wipes_the_users_cache_and_downloads(page, live_server, make_user, seed_sets):
    """Sign-out deletes the user's cached page and everything of theirs in IndexedDB."""
    user = make_user("leaving@example.org")
    slug = seed_sets[0].slug
    signed_in_and_controlled(page, live_server, user.email, f"/study/{slug}")
    page.locator(f"html[data-offline-ready='{slug}']").wait_for(state="attached")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    assert not [name for name in cache_contents(page) if name.startswith("quizapp-user-")]
    assert page.evaluate("([id, slug]) => quizapp.store.getPack(id, slug)", [user.id, slug]) is None
    assert page.evaluate("id => quizapp.store.packs(id)", user.id) == []


def test_another_user_signing_in_never_gets_the_first_users_data(page, live_server, make_user, seed_sets):
    """A second account on the same browser finds no cached page and no download of the first."""
    first, second = make_user("first@example.org"), make_user("second@example.org")
    slug = seed_sets[0].slug
    signed_in_and_controlled(page, live_server, first.email, f"/study/{slug}")
    page.locator(f"html[data-offline-ready='{slug}']").wait_for(state="attached")
    page.context.clear_cookies()  # the session ends without the sign-out button (expiry, another tab)
    signed_in_and_controlled(page, live_server, second.email)
    page.wait_for_function("id => quizapp.store.packs(id).then(p => p.length === 0)", arg=first.id)
    names = [name for name in cache_contents(page) if name.startswith("quizapp-user-")]
    assert names and all(name.endswith(f"-{second.id}") for name in names)


def test_a_new_version_replaces_the_old_worker_and_its_caches(page, live_server, make_user, monkeypatch):
    """When the app shell changes, the next visit installs the new worker and the old caches are gone."""
    make_user("update@example.org")
    signed_in_and_controlled(page, live_server, "update@example.org")
    old = {name for name in cache_contents(page)}
    monkeypatch.setattr(offline_views, "shell_version", lambda: "0123456789abcdef")
    page.reload()
    # A function, not an expression: Playwright polls an expression with eval, which the policy refuses.
    page.wait_for_function("() => navigator.serviceWorker.controller && "
                           "navigator.serviceWorker.controller.scriptURL.endsWith('v=0123456789abcdef')")
    page.locator("html[data-worker-ready=user]").wait_for(state="attached")
    # The new worker deletes the old caches while it activates.
    deadline = time.monotonic() + 10
    while set(cache_contents(page)) & old and time.monotonic() < deadline:
        time.sleep(0.2)
    new = set(cache_contents(page))
    assert not (old & new) and any(name.startswith("quizapp-user-0123456789abcdef-") for name in new)
