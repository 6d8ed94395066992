"""A teacher in a real browser uploads a PDF and a Word document and reviews the drafts; a long one shows its progress."""
import textwrap

import pytest

from tests.browser.conftest import sign_in
from tests.documents import docx_bytes, pdf_bytes

pytestmark = pytest.mark.browser

BODY = ("Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891 to study physics at the Sorbonne. "
        "In 1903 Marie Curie won the Nobel Prize in Physics together with Pierre Curie and Henri Becquerel. "
        "She discovered polonium and radium in 1898. In 1911 she received a second Nobel Prize, in Chemistry.")


def generate_from(page, base, path, title):
    page.goto(base + "/teach/generate")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Language of the text").select_option("en")
    page.get_by_label("Or upload a file").set_input_files(str(path))
    page.get_by_role("button", name="Generate draft").click()


@pytest.fixture
def app_config():
    # A small threshold, so the second upload goes through the background job and its progress page.
    return {"QUIZAPP_BACKGROUND_BYTES": 30_000}


def test_teacher_uploads_a_pdf_and_a_docx_and_gets_drafts(page, live_server, make_user, tmp_path):
    """A .pdf (wrapped lines) and a .docx give drafts whose questions quote the documents' sentences."""
    make_user("teacher@example.org", role="teacher")
    pdf = tmp_path / "curie.pdf"
    pdf.write_bytes(pdf_bytes([textwrap.wrap(BODY, 70)]))
    sign_in(page, live_server, "teacher@example.org")
    generate_from(page, live_server, pdf, "Curie from a PDF")
    page.get_by_text("Keep, edit or drop each question, then publish the set.").wait_for()
    assert page.locator("li.editor-question").count() >= 2
    quotes = page.locator(".eq-source .teach-quote").all_inner_texts()
    assert any(quote.startswith("Marie Curie was born in Warsaw") for quote in quotes)

    # A long Word document: the same page, through a background job with a progress bar.
    docx = tmp_path / "curie.docx"
    docx.write_bytes(docx_bytes("Marie Curie", [BODY] * 1 + [f"Paragraph {n}. {BODY}" for n in range(120)]))
    assert docx.stat().st_size > 30_000
    generate_from(page, live_server, docx, "Curie from Word")
    page.get_by_role("heading", name="Generating a draft").wait_for()
    assert page.locator("progress#job-progress").count() == 1
    page.get_by_text("Keep, edit or drop each question, then publish the set.").wait_for(timeout=120_000)
    assert page.locator("li.editor-question").count() >= 2
    assert any("Marie Curie" in quote for quote in page.locator(".eq-source .teach-quote").all_inner_texts())


def test_an_unreadable_upload_is_refused_on_the_form(page, live_server, make_user, tmp_path):
    """A broken PDF shows why beside the file field, and the form keeps the title."""
    make_user("teacher@example.org", role="teacher")
    broken = tmp_path / "notes.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    sign_in(page, live_server, "teacher@example.org")
    generate_from(page, live_server, broken, "Notes")
    page.get_by_text("notes.pdf: this is not a readable PDF").wait_for()
    assert page.get_by_label("Title", exact=True).input_value() == "Notes"
