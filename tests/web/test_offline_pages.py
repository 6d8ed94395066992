"""The installable app's server side: worker, manifest, app-shell listing and the per-user study shell."""
import json
import re

import pytest

from quizapp.offline.views import SHELL_ASSETS


def test_worker_is_served_from_the_root_and_always_revalidated(client):
    """/sw.js is JavaScript, revalidated on every update check, and has a fetch handler."""
    response = client.get("/sw.js?v=x")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert 'addEventListener("fetch"' in response.get_data(as_text=True)


def test_pages_link_the_manifest_and_a_versioned_worker(client):
    """Every page links the manifest and names the worker with the app shell's version."""
    html = client.get("/login").get_data(as_text=True)
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert 'name="quizapp-worker" content="/sw.js?v=' in html and 'name="quizapp-user"' not in html


def test_manifest_names_the_app_its_icons_and_start(client):
    """The manifest has names, PNG icons of 192 and 512, the start URL and standalone display."""
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["name"] == "quizapp" and manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert client.get("/manifest.webmanifest", headers={"Accept-Language": "pt"}).get_json()["lang"] == "pt"


def test_app_shell_lists_static_files_only(client):
    """What the worker caches for everyone is static files, each of which exists."""
    listing = client.get("/offline/assets.json").get_json()
    assert listing["assets"] == [f"/static/{name}" for name in SHELL_ASSETS]
    for url in listing["assets"]:
        assert client.get(url).status_code == 200


def test_study_shell_is_the_signed_in_users_and_never_stored_by_http_caches(client, auth, make_user):
    """The shell names its user in a header, is private and no-store, and carries the offline words."""
    user = make_user("shell@example.org")
    auth.login("shell@example.org")
    response = client.get("/offline/shell")
    assert response.status_code == 200 and response.headers["X-Quizapp-User"] == str(user.id)
    assert response.headers["Cache-Control"] == "private, no-store"
    html = response.get_data(as_text=True)
    assert "data-offline-shell" in html and 'id="quizapp-study-strings"' in html


@pytest.mark.parametrize("path", ["/offline/shell", "/api/v1/sets/x/offline"])
def test_offline_data_needs_sign_in(client, path):
    """A visitor gets no study shell and no download."""
    assert client.get(path).status_code in (302, 401)


def test_banner_words_are_translated(client, auth, make_user):
    """The sync banner's words come in the page's language."""
    make_user("pt@example.org")
    auth.login("pt@example.org")
    html = client.get("/?lang=pt").get_data(as_text=True)
    words = json.loads(re.search(r'id="quizapp-strings">(.*?)</script>', html).group(1))
    assert words["waiting"][2] == "%(num)d respostas à espera de sincronizar" and "Sincronizar agora" in html
