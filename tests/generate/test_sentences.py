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


@pytest.mark.parametrize("text", [
    "O mosteiro foi mandado construir por D. Manuel I no início do séc. XVI.",
    "A Sr.ª Almeida e o Dr. Costa falaram com o Prof. Dr. Paulo Pereira.",
    "O aluno que não devolver o livro no prazo previsto no n.º 2 do art. 3.º fica impedido de requisitar.",
    "As obras de referência, p. ex. dicionários, ficam na sala.",
    "A Galp Energia S.A. e a EDP, S.A. assinaram o acordo com os EUA em 2024.",
    "Ele disse “a Ana gritou ‘fogo!’ e fugiu” antes de sair.",
    "“O rei disse «vamos à Índia». E fomos”, contou o cronista.",
])
def test_abbreviations_and_nested_quotes_stay_in_one_sentence(text):
    """Titles, D., Sr.ª, n.º, art., p. ex., S.A. and quotes inside quotes do not end a sentence."""
    assert texts(text) == [text.replace("«", "“").replace("»", "”").replace("‘", "'").replace("’", "'")]


def test_sentence_ending_in_an_acronym_or_etc_ends():
    """"EUA." and "etc." before a capital close their sentence."""
    assert texts("A reunião foi nos EUA. O acordo saiu. Trouxe livros, cadernos, etc. Depois saiu.") == [
        "A reunião foi nos EUA.", "O acordo saiu.", "Trouxe livros, cadernos, etc.", "Depois saiu."]


def test_lowercase_text_splits_without_capitals():
    """In a text written all in lowercase, a stop before a lowercase word still ends a sentence."""
    doc = clean("d", "o vulcão\n\no vulcão entrou no mar. a ilha cresceu. o senador john f. kennedy ajudou.")
    assert [s.text for s in split(doc)] == [
        "o vulcão entrou no mar.", "a ilha cresceu.", "o senador john f. kennedy ajudou."]


def test_english_abbreviations():
    """Dr., e.g., U.S.-style initials and vol. do not end an English sentence."""
    assert texts("Dr. Smith wrote vol. 2 of the series, e.g. the part on J. S. Bach.", "en") == [
        "Dr. Smith wrote vol. 2 of the series, e.g. the part on J. S. Bach."]
