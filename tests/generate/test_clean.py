"""Stage 1: page furniture is dropped and offsets lead back to the original text."""
from quizapp.generate.clean import clean

ARTICLE = """A cidade inaugurou uma ponte nova.
Publicado em 3 de março de 2024
Histórias recomendadas
Lista de 4 itensfim da lista
• Leia também: Ponte antiga fecha para obras
obras públicas
O  presidente da câmara, Rui   Costa, disse que a ponte custou «dois milhões».
"""


def test_drops_navigation_bylines_and_headings():
    """Teasers, bylines, lists and short unpunctuated headings are not part of the text."""
    doc = clean("d1", ARTICLE)
    assert "Publicado" not in doc.text
    assert "Histórias" not in doc.text and "Leia" not in doc.text
    assert "obras públicas" not in doc.text
    assert doc.text.splitlines()[0] == "A cidade inaugurou uma ponte nova."


def test_first_line_is_title():
    """The headline becomes the document title."""
    assert clean("d1", ARTICLE).title == "A cidade inaugurou uma ponte nova."


def test_normalises_spaces_and_quotes():
    """Runs of spaces collapse to one and guillemets become curly quotes."""
    doc = clean("d1", ARTICLE)
    assert "O presidente da câmara, Rui Costa, disse que a ponte custou “dois milhões”." in doc.text


def test_offsets_map_back_to_original():
    """A stretch of cleaned text maps to the same words in the original, spacing and all."""
    doc = clean("d1", ARTICLE)
    start = doc.text.index("Rui Costa")
    assert doc.original_text(start, start + len("Rui Costa, disse")) == "Rui   Costa, disse"


def test_keeps_long_line_without_period():
    """A long line that lacks a final stop is text, not a heading."""
    line = "O governo aprovou ontem um pacote de medidas para apoiar as famílias com filhos pequenos"
    assert line in clean("d1", "Título\n" + line).text
