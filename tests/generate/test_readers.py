"""Files a teacher brings are read into the text the generator cleans; unreadable ones are refused by name."""
import pytest

from quizapp.generate.clean import clean
from quizapp.generate.readers import UnreadableFile, read
from tests.documents import docx_bytes, pdf_bytes


def test_txt_in_utf8_or_windows_1252():
    """A plain text file is read as UTF-8, or as Windows-1252 when it is not UTF-8."""
    assert read("a.txt", "A memória é rápida.\r\n".encode()).text == "A memória é rápida.\n"
    assert read("a.txt", "A memória é rápida.".encode("cp1252")).text == "A memória é rápida."


def test_markdown_keeps_words_and_drops_markup():
    """Markdown's headings and list items keep their shape; emphasis, links and code lose their marks."""
    text = read("notes.md", b"# Estat\xc3\xadstica\n\nA **m\xc3\xa9dia** soma [os valores](http://x) e `divide`.\n\n"
                            b"- um\n- dois\n").text
    assert text == "# Estatística\n\nA média soma os valores e divide.\n\n- um\n- dois\n"


def test_html_main_text_without_menus_or_footer():
    """A web page gives its article: headings and paragraphs, not the navigation or the footer."""
    page = ("<html><body><nav><a href='/'>Início</a> <a href='/d'>Desporto</a></nav><article>"
            "<h1>Nova ponte sobre o Tejo</h1><p>O Governo aprovou ontem a construção de uma nova ponte sobre o "
            "rio Tejo, entre Alcochete e o Barreiro, com um custo de 2,8 mil milhões de euros.</p>"
            "<p>As obras devem começar em 2027 e a abertura ao tráfego está prevista para 2031.</p></article>"
            "<footer>© Jornal 2025. Todos os direitos reservados.</footer></body></html>")
    text = read("ponte.html", page.encode()).text
    assert "# Nova ponte sobre o Tejo" in text
    assert "As obras devem começar em 2027" in text
    assert "Desporto" not in text and "direitos reservados" not in text


def test_small_html_fragment_is_still_read():
    """A fragment too small for the extractor gives its paragraphs all the same."""
    assert "A Ana chegou a Lisboa em 2020." in read("f.htm", b"<p>A Ana chegou a Lisboa em 2020.</p>").text


def test_docx_paragraphs_headings_and_lists():
    """A Word document's heading, paragraphs and bullets come out in the shapes clean.py knows."""
    data = docx_bytes("A memória", ["A memória é um dispositivo que guarda dados. A planta precisa de:"],
                      ["água;", "luz."])
    text = read("m.docx", data).text
    assert text == "# A memória\n\nA memória é um dispositivo que guarda dados. A planta precisa de:\n- água;\n- luz.\n"
    assert clean("m", text).text == "A memória é um dispositivo que guarda dados. A planta precisa de: água; luz."


def test_pdf_text_layer_page_by_page():
    """A PDF's text is read page by page, its wrapped lines joined by the cleaner, accents intact."""
    data = pdf_bytes([["A memória é um dispositivo eletrónico que guarda os dados e as",
                       "instruções de que o processador precisa enquanto um programa",
                       "está a correr no computador pessoal."], ["O disco rígido foi inventado em 1956."]])
    text = read("m.pdf", data).text
    assert "A memória é um dispositivo" in text and "O disco rígido foi inventado em 1956." in text
    assert clean("m", "Memória\n\n" + text).text.split("\n") == [
        "A memória é um dispositivo eletrónico que guarda os dados e as instruções de que o processador "
        "precisa enquanto um programa está a correr no computador pessoal.",
        "O disco rígido foi inventado em 1956."]


@pytest.mark.parametrize("name, data, reason", [
    ("scan.pdf", pdf_bytes([[]]), "no text layer"),
    ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ("broken.docx", b"PK not a zip", "not a readable Word (.docx) document"),
    ("photo.png", b"\x89PNG", ".png files are not read"),
    ("binary.txt", b"\x00\x01\x02", "binary file"),
    ("empty.md", b"  \n", "the file is empty"),
])
def test_unreadable_files_are_refused_with_a_reason(name, data, reason):
    """A file that cannot be read is refused naming the file and why, never a traceback."""
    with pytest.raises(UnreadableFile) as refused:
        read(name, data)
    assert refused.value.filename == name and reason in refused.value.reason
    assert str(refused.value).startswith(f"{name}: ")


def test_pdf_page_numbers_and_running_headers_go_and_a_sentence_spans_the_break():
    """Page numbers and a header repeated on every page are dropped; a sentence cut by a page break is one."""
    header = "Apontamentos de Biologia - 10.º ano"
    pages = [
        [header, "A célula é a unidade básica de todos os seres vivos e foi observada pela",
         "primeira vez por Robert Hooke, em 1665, numa fatia de cortiça vista ao", "1"],
        [header, "microscópio. O núcleo guarda o material genético da célula eucariótica.", "2"],
        [header, "As mitocôndrias produzem a energia de que a célula precisa para viver.", "Página 3 de 3"],
    ]
    text = read("bio.pdf", pdf_bytes(pages)).text
    assert header not in text and "Página" not in text
    assert clean("bio", "Biologia\n\n" + text).text.split("\n") == [
        "A célula é a unidade básica de todos os seres vivos e foi observada pela primeira vez por Robert Hooke, "
        "em 1665, numa fatia de cortiça vista ao microscópio. O núcleo guarda o material genético da célula "
        "eucariótica.",
        "As mitocôndrias produzem a energia de que a célula precisa para viver."]
