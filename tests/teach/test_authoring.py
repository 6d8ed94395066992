"""Authoring in the browser: sets, questions of every type, preview, reorder, drop, publish, copy."""
import io

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet
from tests.forms import post_form
from tests.teach.conftest import gen_question

# One form per question type, as a teacher fills it in, and what is stored.
TYPE_FORMS = [
    ({"type": "flashcard", "prompt": "Capital of Portugal", "answer": "Lisbon", "accept": "Lisboa"},
     {"answer": "Lisbon", "accept": ["Lisboa"]}),
    ({"type": "multiple_choice", "prompt": "Longest river in Iberia?", "answer": "Tagus",
      "choices": "Douro\nTagus\nEbro\n"}, {"answer": "Tagus", "choices": ["Douro", "Tagus", "Ebro"]}),
    ({"type": "true_false", "prompt": "The Ebro flows into the Atlantic.", "truth": "false"}, {"answer": False}),
    ({"type": "cloze", "prompt": "The Douro reaches the sea at {{Porto}}."}, {"answer": "Porto"}),
    ({"type": "short_answer", "prompt": "Which river crosses Seville?", "answer": "Guadalquivir",
      "tags": "spain, rivers"}, {"answer": "Guadalquivir", "tags": ["spain", "rivers"]}),
    ({"type": "numeric", "prompt": "How long is the Tagus, in km?", "answer": "1007", "tolerance": "10"},
     {"answer": 1007, "tolerance": 10}),
]


@pytest.fixture
def teacher(sign_in):
    return sign_in("teacher")


@pytest.fixture
def draft(teacher, gen_set):
    return gen_set(teacher, questions=[gen_question()])


def test_new_set_starts_as_a_private_draft(client, teacher):
    """Creating a set in the browser makes a draft owned by the teacher, with a slug from the title."""
    response = post_form(client, "/teach/sets/new", {"title": "Rivers of Iberia", "language": "en"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/teach/sets/rivers-of-iberia")
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert (question_set.owner_id, question_set.is_published) == (teacher.id, False)


def test_slug_gets_a_suffix_on_collision(client, teacher, gen_set):
    """A second set with the same title gets the slug title-2."""
    gen_set(teacher, title="Rivers of Iberia")
    post_form(client, "/teach/sets/new", {"title": "Rivers of Iberia", "language": "en"})
    slugs = set(db.session.scalars(sa.select(QuestionSet.slug)))
    assert slugs == {"rivers-of-iberia", "rivers-of-iberia-2"}


@pytest.mark.parametrize("form, stored", TYPE_FORMS, ids=[f["type"] for f, _ in TYPE_FORMS])
def test_add_a_question_of_each_type(client, draft, form, stored):
    """The question form saves every type with the values the file rules produce."""
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {**form, "submit": "1"})
    assert response.status_code == 302
    question = db.session.scalars(sa.select(Question).where(Question.set_id == draft.id)
                                  .order_by(Question.position.desc())).first()
    assert question.type == form["type"] and question.position == 1
    for name, value in stored.items():
        assert getattr(question, name) == value


@pytest.mark.parametrize("form, field, message", [
    ({"type": "multiple_choice", "prompt": "Longest river?", "answer": "Tagus", "choices": "Douro\nEbro"},
     "answer", "is not among the choices"),
    ({"type": "cloze", "prompt": "The Douro reaches the sea at Porto."}, "prompt", "exactly one {{...}} blank"),
    ({"type": "numeric", "prompt": "Length of the Tagus?", "answer": "long"}, "answer", ""),
    ({"type": "true_false", "prompt": "The Ebro is long."}, "truth", "true or false"),
    ({"type": "short_answer", "prompt": "Which river?", "answer": "Tagus", "choices": "A\nB"}, "choices",
     "multiple_choice questions only"),
    ({"type": "short_answer", "prompt": "", "answer": "Tagus"}, "prompt", "must not be empty"),
])
def test_form_problems_come_from_the_file_rules(client, draft, form, field, message):
    """A refused question shows the file rules' message under the field it concerns; nothing is saved."""
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {**form, "submit": "1"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'class="field has-error"' in html or 'class="field radios has-error"' in html
    assert message in html.replace("&#39;", "'").replace("&#34;", '"')
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 1


def test_preview_shows_the_student_view_without_saving(client, draft):
    """Preview renders the question as a student sees it (cloze blanked, choices listed) and saves nothing."""
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {"type": "cloze", "prompt": "The Douro ends at {{Porto}}.", "preview": "1"})
    html = response.get_data(as_text=True)
    assert "What a student sees" in html and "The Douro ends at _____." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 1


def test_editing_keeps_the_question_row_and_progress(client, draft, teacher):
    """Editing a published set's question keeps its id and key, so a student's card stays attached."""
    question = draft.questions[0]
    draft.is_published = True
    db.session.add(Card(user_id=teacher.id, question_id=question.id))
    db.session.commit()
    url = f"/teach/sets/{draft.slug}/questions/{question.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Which river flows through Lisbon?" in html
    post_form(client, url, {"type": "short_answer", "prompt": "Which river flows through Lisbon, Portugal?",
                            "answer": "Tagus", "submit": "1"})
    db.session.expire_all()
    edited = db.session.get(Question, question.id)
    assert edited.prompt == "Which river flows through Lisbon, Portugal?" and edited.key == "tagus"
    assert db.session.scalar(sa.select(Card.question_id)) == question.id


def test_reorder_and_drop(client, teacher, gen_set):
    """Up/down swap neighbours; drop hides the question but keeps the row for history."""
    question_set = gen_set(teacher, questions=[gen_question(id=f"q{i}", prompt=f"Question {i}?") for i in range(3)])
    first, second, third = question_set.questions
    page = f"/teach/sets/{question_set.slug}"
    post_form(client, f"{page}/questions/{third.id}/move", {"direction": "up"}, page=page)
    db.session.expire_all()
    assert [q.key for q in db.session.get(QuestionSet, question_set.id).questions] == ["q0", "q2", "q1"]
    post_form(client, f"{page}/questions/{first.id}/delete", {}, page=page)
    db.session.expire_all()
    assert [q.key for q in db.session.get(QuestionSet, question_set.id).questions] == ["q2", "q1"]
    assert db.session.get(Question, first.id).removed_at is not None


def test_publish_and_back_to_draft(client, draft, auth, make_user):
    """Publishing makes the set visible to students; back to draft hides it again."""
    page = f"/teach/sets/{draft.slug}"
    post_form(client, f"{page}/publish", {"published": "1"}, page=page)
    db.session.expire_all()
    assert db.session.get(QuestionSet, draft.id).is_published
    post_form(client, f"{page}/publish", {"published": "0"}, page=page)
    db.session.expire_all()
    assert not db.session.get(QuestionSet, draft.id).is_published


def test_empty_set_cannot_be_published(client, teacher, gen_set):
    """A set without questions stays a draft, with a message saying why."""
    empty = gen_set(teacher, questions=[])
    page = f"/teach/sets/{empty.slug}"
    response = post_form(client, f"{page}/publish", {"published": "1"}, page=page, follow_redirects=True)
    assert "Add at least one question before publishing." in response.get_data(as_text=True)
    assert not db.session.get(QuestionSet, empty.id).is_published


def test_settings_change_title_but_not_slug(client, draft):
    """Settings change the title, language and description; the slug (and its links) stay."""
    page = f"/teach/sets/{draft.slug}"
    post_form(client, f"{page}/settings", {"title": "Rios", "language": "pt", "description": "Rios."}, page=page)
    db.session.expire_all()
    changed = db.session.get(QuestionSet, draft.id)
    assert (changed.title, changed.language, changed.description, changed.slug) == ("Rios", "pt", "Rios.", draft.slug)


def test_another_teacher_copies_a_public_set(client, auth, make_user, gen_set, sign_in):
    """Copying a published set gives the copier a draft under a new slug; the original is untouched."""
    owner = make_user("owner@example.org", role="teacher")
    original = gen_set(owner, published=True, questions=[gen_question(), gen_question(id="b", prompt="B?")])
    copier = sign_in("teacher", email="copier@example.org")
    response = post_form(client, f"/teach/sets/{original.slug}/copy", {}, page="/teach/")
    copy = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.owner_id == copier.id))
    assert response.headers["Location"].endswith(f"/teach/sets/{copy.slug}")
    assert copy.slug != original.slug and not copy.is_published
    assert [q.key for q in copy.questions] == ["tagus", "b"]
    assert client.get(f"/teach/sets/{original.slug}").status_code == 403


def test_dashboard_lists_own_sets_classes_and_others(client, teacher, gen_set, make_user):
    """The teaching page shows the teacher's drafts, classes and others' published sets to copy."""
    gen_set(teacher, title="My draft")
    other = make_user("other@example.org", role="teacher")
    gen_set(other, title="Their public set", published=True)
    gen_set(other, title="Their secret draft")
    html = client.get("/teach/").get_data(as_text=True)
    assert "My draft" in html and "Their public set" in html and "Their secret draft" not in html
    assert "Generate from a text" in html and "New class" in html


def test_set_editor_shows_source_sentences_and_export_notes(client, teacher, gen_set):
    """Each question shows the sentence it came from; Aiken's download names what it leaves out."""
    from quizapp.formats import SourceRef

    question_set = gen_set(teacher, questions=[gen_question(source=SourceRef(doc="d", sentence=2,
                                                                               quote="The Tagus flows through Lisbon."))])
    html = client.get(f"/teach/sets/{question_set.slug}").get_data(as_text=True)
    assert "The Tagus flows through Lisbon." in html
    assert "1 question left out" in html


def test_form_problems_are_translated(client, draft):
    """In Portuguese the file rules' message is shown in Portuguese, its parameters kept."""
    client.get("/?lang=pt")
    url = f"/teach/sets/{draft.slug}/questions/new"
    response = post_form(client, url, {"type": "multiple_choice", "prompt": "Rio?", "answer": "Portugal",
                                       "choices": "Douro\nEbro", "submit": "1"})
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert "a resposta 'Portugal' não está entre as opções" in html
    assert "is not among the choices" not in html


def test_import_problems_are_translated(client, teacher):
    """A refused import lists its problems in Portuguese."""
    client.get("/?lang=pt")
    content = b"title: T\nquestions:\n  - type: multiple_choice\n    prompt: P\n    answer: X\n    choices: [A, B]\n"
    response = post_form(client, "/teach/import", {"file": (io.BytesIO(content), "t.yaml")},
                         content_type="multipart/form-data")
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 422 and "não está entre as opções" in html


def test_set_page_shows_a_page_of_questions_with_one_form(client, sign_in, gen_set):
    """250 questions: pages of 100 (numbered on), one form per page, and a move across pages lands on the next page."""
    import re

    from tests.forms import csrf_token_from
    from tests.teach.conftest import gen_question

    teacher = sign_in("teacher")
    question_set = gen_set(teacher, questions=[gen_question(id=f"q{i}", prompt=f"Question number {i}?")
                                               for i in range(250)])
    first = client.get(f"/teach/sets/{question_set.slug}").get_data(as_text=True)
    assert first.count('class="card editor-question"') == 100 and "250 questions" in first
    assert "Page 1 of 3" in first and "Question number 99?" in first and "Question number 100?" not in first
    assert len(re.findall(r'name="csrf_token"', first.split('id="questions"')[1].split("Update from a file")[0])) == 1
    last = client.get(f"/teach/sets/{question_set.slug}?page=3").get_data(as_text=True)
    assert last.count('class="card editor-question"') == 50 and '<ol class="editor-questions" start="201">' in last
    hundredth = next(q for q in question_set.questions if q.key == "q99")
    moved = client.post(f"/teach/sets/{question_set.slug}/questions/{hundredth.id}/move",
                        data={"direction": "down", "csrf_token": csrf_token_from(first)})
    assert moved.status_code == 302 and moved.headers["Location"].endswith(f"page=2#q-{hundredth.id}")
    second = client.get(f"/teach/sets/{question_set.slug}?page=2").get_data(as_text=True)
    assert second.index("Question number 99?") < second.index("Question number 101?")
