"""Who may open the study and quiz pages."""
import pytest

PAGES = ["/study/capitals", "/quiz/capitals", "/settings", "/quiz/attempts/1", "/quiz/attempts/1/result"]


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_sent_to_sign_in(client, study_set, url):
    """Study, quiz and settings pages send a visitor to the sign-in page."""
    response = client.get(url)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("role", ["student", "teacher", "admin"])
def test_every_role_can_study_and_quiz(client, auth, make_user, study_set, role):
    """Students, teachers and admins all study, quiz and open their settings."""
    make_user(f"{role}@example.org", role=role)
    auth.login(f"{role}@example.org")
    for url in PAGES[:3]:
        assert client.get(url).status_code == 200, url


def test_set_page_links_to_study_and_quiz(client, student):
    """A set's page offers Study (with its counts) and Take a quiz; the home page shows new, learning, review."""
    _, study_set = student
    html = client.get(f"/sets/{study_set.slug}").get_data(as_text=True)
    assert f'href="/study/{study_set.slug}"' in html and f'href="/quiz/{study_set.slug}"' in html
    home = client.get("/").get_data(as_text=True)
    assert f"{len(study_set.questions)} new" in home and "0 learning" in home and "0 to review" in home
    assert f"{len(study_set.questions)} new" in html and "0 to review" in html
