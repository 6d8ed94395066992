"""Published sets are open to everyone: their pages and the signed-out home page."""
from quizapp.extensions import db
from quizapp.models import QuestionSet


def _set(slug, published, title=None, description=""):
    question_set = QuestionSet(slug=slug, title=title or slug.title(), language="en", description=description,
                               is_published=published)
    db.session.add(question_set)
    db.session.commit()
    return question_set


def test_signed_out_home_lists_published_sets(client, app):
    """A visitor's home page lists the published sets, not the drafts."""
    _set("rivers", True, "Rivers of Iberia", description="Long " * 200)
    _set("secret", False, "Secret draft")
    html = client.get("/").get_data(as_text=True)
    assert "Rivers of Iberia" in html and "Secret draft" not in html
    assert 'class="set-description"' in html


def test_visitor_sees_a_published_set_page(client, app):
    """A published set's page opens without signing in, offering to sign up to study it."""
    _set("rivers", True, "Rivers of Iberia")
    response = client.get("/sets/rivers")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Rivers of Iberia" in html and "Create a free account" in html


def test_visitor_gets_404_for_a_draft(client, app):
    """A draft stays hidden from visitors, as if it did not exist."""
    _set("secret", False)
    assert client.get("/sets/secret").status_code == 404
