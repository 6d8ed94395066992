"""Stage 1: page furniture is dropped and offsets lead back to the original text."""
import pytest

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


ONE_PARAGRAPH = (
    "Nova ponte sobre o Tejo em 2031\n"
    "Por Rita Sequeira / Lusa\n"
    "O Governo aprovou ontem a construção de uma nova ponte sobre o rio Tejo. + Leia também Câmara de "
    "Almada pede metro até à Costa da Caparica A ponte terá cerca de 7 quilómetros de extensão. Publicidade "
    "As obras devem começar em 2027. +++ Análise: O que muda para quem atravessa o rio A empresa pública "
    "Infraestruturas de Portugal será a dona da obra. Foto: Carlos Macedo/Agência RBS A ponte 25 de Abril "
    "foi inaugurada em 1966. Continua após a publicidade O tráfego cresceu. / AFP, REUTERS e EFE\n"
    "Partilhar no Facebook Partilhar no X Copiar link\n"
)


def test_inline_furniture_is_cut_out_and_the_paragraph_kept():
    """Teasers, ads, photo credits and agency credits inside one paragraph go; every sentence around them stays."""
    doc = clean("d", ONE_PARAGRAPH)
    assert doc.text == (
        "O Governo aprovou ontem a construção de uma nova ponte sobre o rio Tejo. A ponte terá cerca de "
        "7 quilómetros de extensão. As obras devem começar em 2027. A empresa pública Infraestruturas de "
        "Portugal será a dona da obra. A ponte 25 de Abril foi inaugurada em 1966. O tráfego cresceu.")
    assert "Por Rita Sequeira / Lusa" in doc.dropped
    assert "+ Leia também Câmara de Almada pede metro até à Costa da Caparica" in doc.dropped
    assert "+++ Análise: O que muda para quem atravessa o rio" in doc.dropped
    assert doc.title == "Nova ponte sobre o Tejo em 2031"


def test_quote_skips_the_furniture_between_its_words():
    """A sentence's original text never includes the furniture cut out after it."""
    doc = clean("d", ONE_PARAGRAPH)
    start = doc.text.index("A ponte terá")
    end = doc.text.index("As obras") + len("As obras devem começar em 2027.")
    assert doc.original_text(start, end) == \
        "A ponte terá cerca de 7 quilómetros de extensão. As obras devem começar em 2027."


def test_furniture_word_inside_a_sentence_stays():
    """"publicidade" or "por" as ordinary words are text, not furniture."""
    text = "Título.\nPor isso, a Publicidade Nacional lançou a campanha. A publicidade enganosa é proibida por lei."
    doc = clean("d", text)
    assert doc.text.endswith("Por isso, a Publicidade Nacional lançou a campanha. "
                             "A publicidade enganosa é proibida por lei.")


def test_dateline_and_byline_open_a_one_paragraph_text():
    """A byline line and a dateline before the first sentence are dropped, the sentence kept."""
    doc = clean("d", "Incêndio em Viseu\nPor Ana Lopes, de Viseu\n"
                     "Viseu, 3 mar 2026 (Lusa) - O fogo destruiu dez casas. Os bombeiros chegaram cedo.")
    assert doc.text == "O fogo destruiu dez casas. Os bombeiros chegaram cedo."


WRAPPED = """Arquitetura de Computadores - Aula 3
Prof. Luís Marques, 2.º semestre

O processador, ou unidade central de processamento, executa as
instruções dos programas. É formado pela unidade de controlo, pela
unidade aritmética e lógica e por um conjunto de registos. A lei de
Moore, formulada por Gordon Moore em 1965, previa que o número de tran-
sístores duplicasse a cada dois anos, e a unidade de controlo descodifica-
a instrução.

O ciclo de instrução tem três fases.
"""


def test_hard_wrapped_lines_join_into_their_paragraph():
    """Lines wrapped at a width (a PDF pasted) are one paragraph again; split words are mended, clitics kept."""
    doc = clean("d", WRAPPED)
    paragraphs = doc.text.split("\n")
    assert paragraphs == [
        "O processador, ou unidade central de processamento, executa as instruções dos programas. É formado "
        "pela unidade de controlo, pela unidade aritmética e lógica e por um conjunto de registos. A lei de "
        "Moore, formulada por Gordon Moore em 1965, previa que o número de transístores duplicasse a cada dois "
        "anos, e a unidade de controlo descodifica-a instrução.",
        "O ciclo de instrução tem três fases.",
    ]
    assert doc.title == "Arquitetura de Computadores - Aula 3"


def test_wrapped_quote_reads_as_one_line():
    """The original text of a sentence across a line break has a space where the break was."""
    doc = clean("d", WRAPPED)
    start = doc.text.index("O processador")
    end = doc.text.index("programas.") + len("programas.")
    assert doc.original_text(start, end) == \
        "O processador, ou unidade central de processamento, executa as instruções dos programas."


def test_lines_that_end_sentences_stay_apart():
    """One sentence per line (the seed articles' shape) is never joined."""
    text = "Título.\nO jogo acabou empatado e os adeptos saíram cedo do estádio municipal\nDepois choveu.\nA Ana chegou."
    assert clean("d", text).text.split("\n") == [
        "Título.", "O jogo acabou empatado e os adeptos saíram cedo do estádio municipal",
        "Depois choveu.", "A Ana chegou."]


def test_list_after_a_colon_joins_its_lead_in():
    """Bullets introduced by "precisa de:" become one sentence with the lead-in; markers go."""
    text = ("Fotossíntese\n\nPara realizar a fotossíntese, a planta precisa de:\n"
            "- gás carbônico, absorvido do ar;\n- água, retirada do solo\n• luz\n\n"
            "Regras:\n\n1 - A biblioteca abre às 9h.\n2) O prazo é de 15 dias.\n")
    doc = clean("d", text)
    assert doc.text.split("\n") == [
        "Para realizar a fotossíntese, a planta precisa de: gás carbônico, absorvido do ar; "
        "água, retirada do solo; luz",
        "A biblioteca abre às 9h.", "O prazo é de 15 dias."]


def test_markdown_and_short_headings_are_dropped():
    """"# Título", "## Secção" and short unpunctuated lines are headings, not text."""
    doc = clean("d", "# Estatística descritiva\n\n## Média\n\nA média soma os valores e divide pelo número deles.\n"
                     "Mediana\nA mediana é o valor do meio.")
    assert doc.title == "Estatística descritiva"
    assert doc.text.split("\n") == ["A média soma os valores e divide pelo número deles.",
                                    "A mediana é o valor do meio."]


def test_all_lowercase_text_is_detected():
    """A text written without capitals is flagged, so sentence ends need none."""
    assert clean("d", "o vulcão\n\no vulcão entrou em erupção em 1957. a ilha cresceu.").lowercase
    assert not clean("d", ARTICLE).lowercase


def test_share_buttons_line_is_dropped():
    """A line of share buttons is furniture, whole."""
    doc = clean("d", "Título.\nO museu abriu.\nCompartilhe: WhatsApp Facebook Twitter\nPartilhar no Facebook Copiar link")
    assert doc.text == "Título.\nO museu abriu."


def test_english_furniture():
    """English teasers, ads and bylines are cut out as spans too."""
    doc = clean("d", "Bridge opens\nBy John Smith\nThe bridge opened on Monday. Read more: Council plans "
                     "a new tunnel The mayor cut the ribbon. Advertisement It cost 10 million pounds. (Reuters)",
                "en")
    assert doc.text == "The bridge opened on Monday. The mayor cut the ribbon. It cost 10 million pounds."


def test_an_unbalanced_straight_quote_stays_in_its_paragraph():
    """A stray '"' in one paragraph does not flip the quotes of the next one."""
    doc = clean("d", 'Título.\nEle disse "sim e saiu.\nEla respondeu "não" e ficou.')
    assert doc.text.split("\n")[2] == "Ela respondeu “não” e ficou."


FRAGMENTS = [
    "O Governo aprovou ontem a nova ponte sobre o rio Tejo.", "A obra custa 2,8 mil milhões de euros.",
    "+ Leia também Câmara pede metro até à Costa", "Publicidade", "+++ Análise: O que muda para quem atravessa",
    "Foto: Carlos Macedo/Agência RBS", "o presidente, Rui Costa, disse que a ponte é “a obra «maior» do século”.",
    "Segundo o Prof. Dr. Paulo Pereira, o n.º 2 do art. 3.º aplica-se.", "- água, retirada do solo;",
    "A planta precisa de:", "# Secção", "/ AFP, REUTERS e EFE", "Partilhar no Facebook", "Regras:",
    "que continua na linha seguinte sem ponto final e com muitas palavras pelo meio", "compu-", "tador novo.",
    '"Vamos ganhar", disse o treinador.', "1 - O prazo é de 15 dias.", "Cerca de 150 mil veículos passam.",
]


@pytest.mark.parametrize("seed", range(200))
def test_any_mix_of_shapes_keeps_offsets_honest(seed):
    """Random mixes of furniture, lists, wraps and quotes: each sentence's original text is its own words.

    (Whether the furniture went is for the tests above: glued to a fragment without a stop, as here,
    "Publicidade" can be a word of the text.)
    """
    import random
    import re

    from quizapp.generate.sentences import split

    rng = random.Random(seed)
    seps = [" ", "\n", "\n\n", "  ", "\n  "]
    text = "".join(rng.choice(FRAGMENTS) + rng.choice(seps) for _ in range(rng.randint(1, 25)))
    doc = clean("d", text)
    for s in split(doc):
        assert doc.text[s.start:s.end] == s.text
        original = doc.original_text(s.start, s.end)
        assert original.strip()
        words = lambda t: re.findall(r"\w+", t.replace("-", ""))  # a mended "compu-tador" is one word
        assert words(original) == words(s.text), (original, s.text)


def test_calls_to_follow_and_closing_credits_are_furniture():
    """"Siga-nos no Instagram", "Com Lusa", "Reporting by …; Editing by …" are cut; the sentences stay."""
    doc = clean("d", "Título.\nO museu abriu em 2020. Siga-nos no Instagram e no Facebook O acervo tem mil peças. Com Lusa")
    assert doc.text == "Título.\nO museu abriu em 2020. O acervo tem mil peças."
    doc = clean("d", "Title.\nThe bridge opened in 2020. Follow us on X for more The mayor spoke. "
                     "Reporting by Anna Price; Editing by Tom Hale", "en")
    assert doc.text == "Title.\nThe bridge opened in 2020. The mayor spoke."


def test_publication_times_are_furniture():
    """"Atualizado há 2 horas", "14/05/2025 08h12" and "Updated 3 hours ago" lines are page, not text."""
    doc = clean("d", "Título.\nAtualizado há 2 horas\n14/05/2025 08h12\nO museu abriu.")
    assert doc.text == "Título.\nO museu abriu."
    assert clean("d", "Title.\nUpdated 3 hours ago\nThe museum opened.", "en").text == "Title.\nThe museum opened."
