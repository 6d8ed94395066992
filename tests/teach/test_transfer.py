"""Import and export through the web: every format up and down, all or nothing, confirm skipped, limits."""
import io
import zipfile

import pytest
import sqlalchemy as sa

from quizapp import formats
from quizapp.extensions import db
from quizapp.models import Question, QuestionSet
from quizapp.sets import export_set
from tests.forms import csrf_token_from

YAML = """title: Rivers of Iberia
language: en
questions:
  - id: tagus
    type: short_answer
    prompt: Which river flows through Lisbon?
    answer: Tagus
  - id: ebro
    type: true_false
    prompt: The Ebro flows into the Atlantic.
    answer: false
"""
GIFT = """::tagus:: Which river flows through Lisbon? {=Tagus =Tejo}

::douro:: Where does the Douro reach the sea? {=Porto ~Lisbon ~Faro}
"""
AIKEN = """Which river flows through Lisbon?
A. Douro
B. Tagus
C. Ebro
ANSWER: B
"""
CSV = {
    ",": "type,prompt,answer,choices\nshort_answer,Which river flows through Lisbon?,Tagus,\n"
         "multiple_choice,Longest river?,Tagus,Douro|Tagus|Ebro\n",
    ";": "type;prompt;answer\nshort_answer;Which river flows through Lisbon?;Tagus\nnumeric;Length in km?;1007\n",
    "\t": "type\tprompt\tanswer\nshort_answer\tWhich river flows through Lisbon?\tTagus\n",
}
GIFT_WITH_MATCHING = GIFT + """
::pairs:: Match the rivers and cities. {
=Tagus -> Lisbon
=Douro -> Porto
=Guadalquivir -> Seville
}
"""


@pytest.fixture
def teacher(sign_in):
    return sign_in("teacher")


def upload(client, content, filename, url="/teach/import", **fields):
    """POST a file through the import form, as a browser does."""
    page = client.get("/teach/import").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "file": (io.BytesIO(content.encode() if isinstance(content, str)
                                                                      else content), filename), **fields}
    return client.post(url, data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("content, filename, count", [
    (YAML, "rivers.yaml", 2), (GIFT, "rivers.gift", 2), (AIKEN, "rivers.txt", 1),
    (CSV[","], "rivers.csv", 2), (CSV[";"], "rivers-semicolon.csv", 2), (CSV["\t"], "rivers.tsv", 1),
], ids=["yaml", "gift", "aiken", "csv-comma", "csv-semicolon", "csv-tab"])
def test_upload_each_format_makes_a_draft(client, teacher, content, filename, count):
    """An upload of any readable format becomes the teacher's draft with every question."""
    response = upload(client, content, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert question_set.owner_id == teacher.id and not question_set.is_published
    assert len(question_set.questions) == count


def test_format_can_be_named(client, teacher):
    """Choosing the format reads the file that way whatever its name."""
    response = upload(client, AIKEN, "rivers.dat", format="aiken", title="Aiken rivers")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(QuestionSet.title)) == "Aiken rivers"


def test_file_with_errors_is_refused_whole_with_lines(client, teacher):
    """A file with two bad questions lists both problems with line and field; nothing is written."""
    bad = YAML.replace("answer: Tagus", "answer: ''").replace("answer: false", "answer: maybe")
    response = upload(client, bad, "rivers.yaml")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in html and "2 problems" in html
    assert "<td>7</td>" in html and "questions[0].answer" in html and "questions[1].answer" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_yaml_alias_bomb_is_a_clear_refusal(client, teacher):
    """YAML aliases are refused by the guarded loader with a message, not expanded."""
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\ntitle: t\nquestions: [*c]\n'
    response = upload(client, bomb, "bomb.yaml")
    assert response.status_code == 422
    assert "Nothing was imported" in response.get_data(as_text=True)


@pytest.mark.parametrize("app_config", [{"QUIZAPP_MAX_UPLOAD_BYTES": 200}])
def test_upload_over_the_limit_is_refused(client, teacher, app_config):
    """A file larger than QUIZAPP_MAX_UPLOAD_BYTES is refused with the limit in the message."""
    response = upload(client, YAML + "#" * 300, "rivers.yaml")
    assert response.status_code == 422
    assert "limit of 200" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_unrepresentable_questions_need_confirmation(client, teacher):
    """A GIFT matching question is named with its reason; only after confirming are the others imported."""
    response = upload(client, GIFT_WITH_MATCHING, "rivers.gift")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Some questions cannot be imported" in html
    assert "pairs" in html or "Match the rivers" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0
    token = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/teach/import/confirm", data={"csrf_token": csrf_token_from(html), "token": token})
    assert response.status_code == 302
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert len(question_set.questions) == 2


def test_confirmation_token_cannot_be_altered(client, teacher):
    """A changed confirmation token is refused and nothing is imported."""
    html = upload(client, GIFT_WITH_MATCHING, "rivers.gift").get_data(as_text=True)
    token = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/teach/import/confirm", data={"csrf_token": csrf_token_from(html), "token": token[:-2] + "xx"},
                           follow_redirects=True)
    assert "expired or was altered" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_accept_skipped_checkbox_imports_at_once(client, teacher):
    """Ticking "import the rest" imports without the confirmation step."""
    response = upload(client, GIFT_WITH_MATCHING, "rivers.gift", accept_skipped="y")
    assert response.status_code == 302
    assert len(db.session.scalar(sa.select(QuestionSet)).questions) == 2


def test_update_a_set_from_a_file_keeps_question_rows(client, teacher, gen_set):
    """Uploading into an existing set updates questions by id in place (progress survives)."""
    from tests.teach.conftest import gen_question

    question_set = gen_set(teacher, questions=[gen_question()])
    row_id = question_set.questions[0].id
    response = upload(client, YAML, "rivers.yaml", url=f"/teach/sets/{question_set.slug}/import")
    assert response.status_code == 302
    db.session.expire_all()
    rows = db.session.get(QuestionSet, question_set.id).questions
    assert [q.key for q in rows] == ["tagus", "ebro"] and rows[0].id == row_id


def test_our_apkg_upload_comes_back_as_a_draft(client, teacher, seed_sets):
    """An Anki package downloaded from a set uploads again as a draft with the same number of questions."""
    apkg = client.get(f"/teach/sets/{seed_sets[0].slug}/export/apkg").data
    response = upload(client, apkg, "deck.apkg")
    assert response.status_code == 302, response.get_data(as_text=True)
    copy = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.owner_id == teacher.id))
    assert len(copy.questions) == len(seed_sets[0].questions)


@pytest.fixture(scope="module")
def anki_deck(tmp_path_factory):
    """A deck built with Anki's own library, answered three times, exported by Anki (current layout)."""
    from tests.formats.anki_tools import build_deck, export_deck

    folder = tmp_path_factory.mktemp("anki")
    col, _ = build_deck(folder)
    try:
        return export_deck(col, "Geography::Rivers", folder / "rivers.apkg", legacy=False).read_bytes()
    finally:
        col.close()


def test_anki_deck_with_review_history(client, teacher, anki_deck):
    """With "bring my review history", Anki's answers become the teacher's reviews and the FSRS card is recomputed."""
    from quizapp.models import Card, ReviewLog

    response = upload(client, anki_deck, "rivers.apkg", with_history="y", accept_skipped="y")
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 past reviews added to your history." in page
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert question_set.title == "Geography" and len(question_set.questions) == 8
    logs = db.session.scalars(sa.select(ReviewLog).order_by(ReviewLog.reviewed_at)).all()
    assert [(log.user_id, log.rating, log.origin) for log in logs] == [(teacher.id, 1, "import"), (teacher.id, 3, "import"),
                                                                      (teacher.id, 3, "import")]
    card = db.session.scalar(sa.select(Card))
    assert card.question.prompt == "Capital of Portugal" and card.reps == 3 and card.last_review == logs[-1].reviewed_at


@pytest.mark.parametrize("name", ["yaml", "gift", "aiken", "csv", "apkg", "moodle", "quizlet"])
def test_download_each_format(client, teacher, seed_sets, name):
    """Every export downloads as an attachment named after the set, in that format."""
    seed = seed_sets[0]
    response = client.get(f"/teach/sets/{seed.slug}/export/{name}")
    assert response.status_code == 200
    extension = (formats.FORMATS[name].extensions or (".txt",))[0]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{seed.slug}{extension}"'
    if name == "apkg":
        assert zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    else:
        assert formats.detect_format(response.data) in (name, "csv") or name == "aiken"
    if name == "aiken":
        assert int(response.headers["X-Quizapp-Skipped"]) > 0


@pytest.mark.parametrize("name", ["yaml", "gift", "csv", "moodle"])
def test_download_then_upload_gives_the_same_set(client, teacher, seed_sets, name):
    """Export then import through the web returns the same questions (GIFT has no flashcards: short answers)."""
    seed = seed_sets[0]
    downloaded = client.get(f"/teach/sets/{seed.slug}/export/{name}").data
    skipped = formats.skipped_on_write(export_set(seed), name)
    response = upload(client, downloaded, f"copy{formats.FORMATS[name].extensions[0]}", format=name,
                      title=seed.title, accept_skipped="y")
    assert response.status_code == 302, response.get_data(as_text=True)
    copy = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.owner_id == teacher.id))
    kept = [q for q in seed.questions if q.key not in {s.title_or_prompt for s in skipped}]

    def shape(q):
        kind = "short_answer" if name in ("gift", "moodle") and q.type == "flashcard" else q.type
        return (kind, q.prompt, q.answer, list(q.choices or []))

    assert [shape(q) for q in copy.questions] == [shape(q) for q in kept][:len(copy.questions)]
    assert len(copy.questions) == len(seed.questions) - len(skipped)


def test_aiken_round_trip_keeps_multiple_choice(client, teacher, gen_set):
    """Aiken carries multiple choice only: those come back the same."""
    from tests.teach.conftest import gen_question

    question_set = gen_set(teacher, questions=[
        gen_question(id="mc", type="multiple_choice", prompt="Longest river?", answer="Tagus",
                     choices=["Douro", "Tagus", "Ebro"])])
    downloaded = client.get(f"/teach/sets/{question_set.slug}/export/aiken").data
    upload(client, downloaded, "copy.txt", format="aiken")
    copy = db.session.scalars(sa.select(QuestionSet).order_by(QuestionSet.id.desc())).first()
    assert [(q.prompt, q.answer, q.choices) for q in copy.questions] == [("Longest river?", "Tagus", ["Douro", "Tagus", "Ebro"])]


def test_unknown_export_format_is_404(client, teacher, seed_sets):
    """A format the app does not write answers 404."""
    assert client.get(f"/teach/sets/{seed_sets[0].slug}/export/docx").status_code == 404


def test_generate_a_draft_from_pasted_text(client, teacher):
    """Pasting a text gives a draft whose questions keep their source sentence, shown in the editor."""
    from tests.forms import post_form

    text = ("Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891 to study physics. "
            "In 1903 Marie Curie won the Nobel Prize in Physics. She discovered polonium and radium in 1898.")
    response = post_form(client, "/teach/generate", {"title": "Marie Curie", "language": "en", "text": text})
    assert response.status_code == 302
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert not question_set.is_published and question_set.owner_id == teacher.id
    assert question_set.questions and all(q.source_quote for q in question_set.questions)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Keep, edit or drop each" in html and "Marie Curie was born in Warsaw in 1867." in html


def test_generate_from_an_uploaded_text_file(client, teacher):
    """A .txt upload works like a pasted text."""
    page = client.get("/teach/generate").get_data(as_text=True)
    text = "Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891 to study physics."
    response = client.post("/teach/generate", data={
        "csrf_token": csrf_token_from(page), "title": "Curie", "language": "en",
        "file": (io.BytesIO(text.encode()), "curie.txt")}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) > 0


def test_generate_without_text_asks_for_one(client, teacher):
    """Submitting neither a text nor a file shows a message and creates nothing."""
    from tests.forms import post_form

    response = post_form(client, "/teach/generate", {"title": "Empty", "language": "en", "text": "  "})
    assert response.status_code == 422
    assert "Paste a text or choose a file." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


def test_lost_gift_details_are_named_before_importing(client, teacher):
    """What the model cannot hold (a penalty for a wrong choice) is named on the confirmation page; confirming
    imports."""
    response = upload(client, "Nearest planet?{=Mercury ~%-50%Venus#Too hot}\n", "planets.gift")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "What the imported questions will not keep" in html
    assert "credit (-50%) for the choice &#39;Venus&#39; is not kept" in html
    assert "Too hot" not in html.split("What the imported questions will not keep")[1]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0
    token = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/teach/import/confirm", data={"csrf_token": csrf_token_from(html), "token": token})
    assert response.status_code == 302
    assert [(q.answer, q.feedback) for q in db.session.scalar(sa.select(QuestionSet)).questions] == [
        ("Mercury", {"Venus": "Too hot"})]


def test_gift_feedback_and_credit_import_without_asking(client, teacher):
    """Per-answer feedback and partial credit are kept, so a file with them imports at once."""
    response = upload(client, "Nearest planet?{=Mercury#Yes ~%50%Venus#Too hot ~Earth}\n", "planets.gift")
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalar(sa.select(QuestionSet)).questions[0]
    assert (question.feedback, question.credit) == ({"Mercury": "Yes", "Venus": "Too hot"}, {"Venus": 50})


MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz><question type="truefalse"><name><text>ebro</text></name>
<questiontext format="html"><text>The Ebro flows into the Atlantic.</text></questiontext>
<answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question></quiz>
"""


@pytest.mark.parametrize("content, filename, fields, expected", [
    ("gato\tcat\ncão\tdog\n", "animals.txt", {}, [("gato", "cat"), ("cão", "dog")]),
    ("gato = cat\ncão = dog\n", "animals.txt", {"format": "quizlet", "separator": " = "},
     [("gato", "cat"), ("cão", "dog")]),
    ("#separator:tab\n#html:true\n<b>gato</b>\tcat\n", "deck.txt", {}, [("gato", "cat")]),
    (MOODLE_XML, "rivers.xml", {}, [("The Ebro flows into the Atlantic.", False)]),
], ids=["quizlet-tab", "quizlet-custom", "anki-text", "moodle-xml"])
def test_upload_other_tools_exports(client, teacher, content, filename, fields, expected):
    """Quizlet, Anki-notes and Moodle XML uploads become a draft with the questions they hold."""
    response = upload(client, content, filename, **fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert [(q.prompt, q.answer) for q in question_set.questions] == expected


def test_prose_with_braces_is_refused_with_the_formats(client, teacher):
    """A text file no format recognises is refused with 'could not tell the format', not read as GIFT."""
    response = upload(client, "Sets like {1, 2} are written with braces.\n", "notes.txt")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "could not tell the format" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0
