"""Stage 2: sentence ends, without breaking abbreviations, numbers, initials or quotations."""
import pytest

from quizapp.generate.clean import clean
from quizapp.generate.sentences import split


def texts(text, lang="pt"):
    return [s.text for s in split(clean("d", "T.\n" + text, lang), lang)][1:]


@pytest.mark.parametrize("text", [
    "O estádio recebeu 10.000 adeptos no domingo.",
    "A escola celebrou o seu 80.º aniversário com uma festa.",
    "O Sr. Almeida e a Dra. Sousa chegaram cedo.",
    "O prémio foi para J. K. Rowling na cerimónia.",
    "“Vamos ganhar. Temos equipa para isso”, disse o treinador.",
])
def test_does_not_break_inside(text):
    """Numbers, ordinals, abbreviations, initials and quotations stay in one sentence."""
    assert texts(text) == [text]


def test_splits_on_sentence_ends():
    """Full stops, question marks and a capital after a semicolon end sentences."""
    got = texts("A equipa venceu. Quem marcou? O avançado marcou dois golos; Isto deu o título.")
    assert got == ["A equipa venceu.", "Quem marcou?", "O avançado marcou dois golos",
                   "Isto deu o título."]


def test_paragraph_break_ends_sentence():
    """A line break always ends a sentence, even without a stop."""
    assert texts("O jogo acabou empatado e os adeptos saíram cedo do estádio municipal\nDepois choveu.") \
        == ["O jogo acabou empatado e os adeptos saíram cedo do estádio municipal", "Depois choveu."]


def test_offsets_match_text():
    """Each sentence's offsets cut exactly its text out of the cleaned document."""
    doc = clean("d", "Título.\nA Ana chegou. O Rui saiu.")
    for s in split(doc):
        assert doc.text[s.start:s.end] == s.text
