"""The home page's list of sets and a set's page."""


def test_visitor_home_invites_to_sign_up(client):
    """A visitor's home page explains the app and links to sign-up and sign-in."""
    html = client.get("/").get_data(as_text=True)
    assert 'href="/signup"' in html and 'href="/login"' in html


def test_home_lists_sets_with_their_size(client, auth, make_user, seed_sets):
    """A signed-in user sees every published set with its number of questions."""
    make_user("ana@example.org")
    auth.login("ana@example.org")
    html = client.get("/").get_data(as_text=True)
    seed = seed_sets[0]
    assert seed.title in html
    assert f"{len(seed.questions)} questions" in html
    assert f'href="/sets/{seed.slug}"' in html


def test_set_page_shows_prompts_not_answers(client, auth, make_user, seed_sets):
    """A set's page lists each prompt (cloze with a blank) and never the answers."""
    make_user("ana@example.org")
    auth.login("ana@example.org")
    seed = seed_sets[0]
    html = client.get(f"/sets/{seed.slug}").get_data(as_text=True)
    for question in seed.questions:
        if question.type == "cloze":
            assert "{{" not in html and "_____" in html
        elif question.type != "flashcard":
            assert question.prompt in html
        if question.type in ("multiple_choice", "short_answer"):
            assert f"<li>{question.answer}</li>" not in html
    cloze = next(q for q in seed.questions if q.type == "cloze")
    assert cloze.answer not in html.split(cloze.prompt.split("{{")[0])[1][:40]


def test_unknown_set_is_404(client, auth, make_user):
    """A set that does not exist answers 404 with a page, not a crash."""
    make_user("ana@example.org")
    auth.login("ana@example.org")
    response = client.get("/sets/nope")
    assert response.status_code == 404
    assert "There is nothing here." in response.get_data(as_text=True)


def test_pages_speak_portuguese_from_the_browser_language(client):
    """The browser's preferred language picks Portuguese pages."""
    html = client.get("/login", headers={"Accept-Language": "pt-PT,pt;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="pt">' in html
    assert "Entrar" in html


def test_language_switch_is_remembered(client):
    """Choosing a language with ?lang= sticks for the session, over the browser's language."""
    client.get("/?lang=pt")
    html = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="pt">' in html
    html = client.get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html


def test_no_asset_is_fetched_from_elsewhere(client):
    """Pages reference only this site's own stylesheet and icon (nothing from a CDN)."""
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace('xmlns="http://www.w3.org', "") and "https://" not in html
    css = client.get("/static/style.css")
    assert css.status_code == 200 and b"--accent" in css.data
