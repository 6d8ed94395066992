"""Rules that make a generated question one a teacher keeps as written."""
from quizapp.generate import distractors as dz, generate_set, lexicon, questions as qs


PT = lexicon.get("pt")


def gen(text: str, lang: str = "pt") -> list[dict]:
    return generate_set([("t", text)], title="T", lang=lang).set["questions"]


def test_month_distractors_take_the_answers_capital():
    """Wrong months are written like the right one, so the capital gives nothing away."""
    assert all(w.split()[-1][0].isupper() for w in dz.dates("no final de Abril", PT))
    assert all(w.split()[-1][0].islower() for w in dz.dates("no final de abril", PT))


def test_portuguese_month_answers_are_lowercase():
    """A Portuguese date answer writes its month in lowercase, as its wrong choices do."""
    assert qs.month_case("no final de Abril", PT) == "no final de abril"
    assert qs.month_case("Abril de 2024", lexicon.get("en")) == "Abril de 2024"
    found = gen("Notícia\nA ministra da Saúde, Ana Ribeiro, inaugurou o hospital de Braga em Abril.\n")
    dates = [q for q in found if q["answer"] in ("abril", "Abril")]
    assert dates and all(q["answer"] == "abril" for q in dates)


def test_attribution_is_not_doubled():
    """A prompt that already says "de acordo com" credits its source with "segundo" instead."""
    found = gen("Notícia\nDe acordo com a agência Lusa, o ministro da Economia, Rui Costa, disse que "
                "as obras estavam a avançar “de acordo com o planeado”.\n")
    assert found
    assert not any(q["prompt"].lower().count("de acordo com") > 1 for q in found)


def test_no_true_false_on_quoted_opinion():
    """A sentence reporting someone's quoted words gives no true/false question."""
    found = gen("Notícia\nO treinador do clube, Rui Lima, disse que a equipa fez um jogo “muito "
                "corajoso” contra o Benfica em Lisboa.\n")
    assert not any(q["type"] == "true_false" for q in found)


def test_long_cloze_is_trimmed_at_an_elaboration():
    """A cloze over thirty words ends where a gerund clause starts after the blank."""
    prompt = ("Entre {{o final de 2024}} e a primavera de 2025, a Coreia do Norte participou ativamente "
              "no esforço de guerra da Rússia, fornecendo milhares de soldados para repelir as tropas "
              "ucranianas que tinham estabelecido uma posição numa parte da região de Kursk.")
    assert qs._trim_cloze(prompt) == ("Entre {{o final de 2024}} e a primavera de 2025, a Coreia do Norte "
                                      "participou ativamente no esforço de guerra da Rússia.")
    assert qs._trim_cloze("Curta {{frase}} de teste.") == "Curta {{frase}} de teste."
    assert qs._trim_cloze(" ".join(["palavra"] * 40) + " {{x}}.") == ""


def test_when_question_keeps_the_verbs_own_place():
    """ "aterrou em Pyongyang": a date question keeps the place the verb needs."""
    found = gen("Notícia\nEm julho, um voo comercial proveniente de Lisboa aterrou em Luanda pela "
                "primeira vez em décadas.\n")
    when = [q["prompt"] for q in found if q["prompt"].startswith("Quando")]
    assert when and all("em Luanda" in p for p in when)


def test_both_sides_of_a_person_card():
    """A titled person gives "Quem é <title>?" and the card from the name to the title."""
    found = gen("Notícia\nO presidente da câmara, Carlos Moedas, inaugurou a biblioteca em março.\n"
                "A ministra da Cultura, Dalila Rodrigues, visitou a exposição em abril.\n")
    cards = {q["prompt"]: q["answer"] for q in found if q["type"] == "flashcard"}
    assert cards.get("Quem é Carlos Moedas?") == "presidente da câmara"


def _restated(text: str) -> list[str]:
    from quizapp.generate.clean import clean
    from quizapp.generate.restate import restate
    from quizapp.generate.sentences import split
    return [s.text for s in restate([split(clean("d", "Título\n" + text))], "pt")[0]]


def test_counted_pronoun_takes_the_noun_counted_before():
    """ "600 deles" after "enviou 10 mil soldados" reads "600 soldados"; with two counted nouns, nothing."""
    got = _restated("A Coreia do Norte enviou quase 10 mil soldados para a guerra. "
                    "Pelo menos 600 deles morreram na guerra.")
    assert got[1] == "Pelo menos 600 soldados morreram na guerra."
    got = _restated("A câmara comprou 30 autocarros e 12 elétricos. Pelo menos 10 deles são novos.")
    assert got[1] == "Pelo menos 10 deles são novos."


def test_relative_clause_on_a_name_is_its_own_statement():
    """ "…os votos de Kim, que já havia elogiado X" also states "Kim já havia elogiado X"."""
    got = _restated("Choe transmitiu os votos de Kim, que já havia elogiado a proximidade entre os dois estados.")
    assert got[-1] == "Kim já havia elogiado a proximidade entre os dois estados."


def test_plural_pronoun_after_a_named_pair():
    """ "Depois de Putin e Kim se terem reunido, Trump alegou que eles …": "eles" are the pair."""
    got = _restated("Depois de Putin e Kim se terem reunido em setembro, o presidente dos EUA, Donald Trump, "
                    "alegou que eles estavam a conspirar contra os EUA; no entanto, o Kremlin negou.")
    assert got == ["O presidente dos EUA, Donald Trump, alegou que Putin e Kim estavam a conspirar contra os EUA."]


def test_definition_asked_both_ways():
    """ "X, o parlamento português," gives "O que é X?" and "Como se chama …?", X with its own article."""
    found = gen("Notícia\nA Assembleia da República, o parlamento português, aprovou a lei em março.\n")
    asked = {q["prompt"]: q["answer"] for q in found}
    assert asked.get("Como se chama o parlamento português?") == "Assembleia da República"
    assert asked.get("O que é a Assembleia da República?") == "parlamento português"
    assert asked.get("Quando a Assembleia da República aprovou a lei?") == "março"


def test_contracted_preposition_is_no_verb():
    """ "pela" (by the) is never taken for a verb, whatever its lemma."""
    from quizapp.generate.clause import is_finite_verb
    assert not is_finite_verb("pela", "pt") and is_finite_verb("visitou", "pt")


def test_section_kicker_and_dateline_are_page_not_text():
    """A one-word kicker above the headline and a "Viseu, 3 mar 2026 (Lusa) - " dateline are dropped."""
    from quizapp.generate.clean import clean
    doc = clean("d", "Justiça\nAntigo autarca condenado a cinco anos de prisão\nLusa\n"
                     "Viseu, 3 mar 2026 (Lusa) - O Tribunal de Viseu condenou hoje o antigo autarca.\n")
    assert doc.title == "Antigo autarca condenado a cinco anos de prisão"
    assert doc.text == "O Tribunal de Viseu condenou hoje o antigo autarca."
    start = doc.text.index("Tribunal")
    assert doc.original_text(start, start + 8) == "Tribunal"


def test_number_after_an_acronym_is_part_of_a_name():
    """ "a linha SNS 24" names a phone line; 24 is no count to ask about."""
    from quizapp.generate import spans as sp
    got = sp.numbers("Ligue para a linha SNS 24 ou para 112 vezes.", "pt", [])
    assert [s.text for s in got] == ["112"]


def test_how_many_needs_the_number_as_object():
    """ "chegou a 120 casos", "durante quatro horas": no "Quantos …" question that garbles the verb."""
    found = gen("Notícia\nSegundo o boletim, a taxa de incidência chegou a 120 casos por 100 mil habitantes.\n"
                "A linha de comboio esteve interrompida durante quatro horas entre Coimbra e Aveiro.\n")
    assert not any(q["prompt"].startswith(("Quantos", "Quantas")) for q in found)


def test_relative_clause_after_an_adverbial_is_not_a_subject():
    """ "Durante o julgamento, que durou sete meses, …" is not split as if "Durante o julgamento" acted."""
    got = _restated("Durante o julgamento, que durou sete meses, foram ouvidas mais de 40 testemunhas.")
    assert got == ["Durante o julgamento, que durou sete meses, foram ouvidas mais de 40 testemunhas."]


def test_a_count_repeated_in_two_texts_is_asked_once():
    """ "600 soldados" told by two articles gives one question on it, not one per article."""
    a = "Notícia\nDe acordo com a inteligência sul-coreana, 600 soldados norte-coreanos foram mortos.\n"
    b = "Outra\nSegundo Seul, pelo menos 600 soldados morreram na guerra em Kursk.\n"
    found = generate_set([("a", a), ("b", b)], title="T").set["questions"]
    on_600 = [q for q in found if "600" in str(q["answer"]) or (
        isinstance(q["answer"], bool) and "600" in q["prompt"])]
    assert len(on_600) == 1


def test_year_in_a_name_is_no_date():
    """ "o programa Alentejo 2030" names a programme; "Em 2023," is a date."""
    from quizapp.generate import spans as sp
    assert [s.text for s in sp.dates("Foi pago pelo programa Alentejo 2030. Em 2023, abriu.", "pt")] == ["Em 2023"]


def test_deadline_is_not_when():
    """ "anunciou um investimento … até 2027" gives no "Quando … anunciou …?"."""
    found = gen("Notícia\nA ministra das Infraestruturas, Maria Antunes, anunciou um investimento de 650 "
                "milhões de euros na expansão do terminal até 2027.\n")
    assert not any(q["prompt"].startswith("Quando") for q in found)


def test_wrong_amounts_read_as_numbers_are_written():
    """Distractors say "1 milhão" and "1,2 milhões", never "1 milhões" or "1200 mil"."""
    from quizapp.generate import spans as sp
    two = sp.numbers("recebeu 2 milhões de euros", "pt", [])[0]
    assert "1 milhão" in dz.numbers(two, PT) and "1 milhões" not in dz.numbers(two, PT)
    six = sp.numbers("guarda 600 mil volumes", "pt", [])[0]
    assert "1,2 milhões" in dz.numbers(six, PT)


def test_no_cloze_on_a_long_quotation():
    """A quoted phrase of more than four words is not a blank to type back."""
    found = gen("Notícia\nO treinador do Braga, Carlos Carvalhal, disse que a equipa “mereceu o título "
                "pela atitude e pela ambição”.\n")
    assert not any(q["type"] == "cloze" and "mereceu" in str(q["answer"]) for q in found)


def test_kind_told_before_a_name_is_a_card():
    """ "a agência de notícias russa Sputnik" gives "O que é a Sputnik?"; the other side, which
    a kind with many members leaves open, only with choices."""
    found = gen("Notícia\nDe acordo com a agência de notícias russa Sputnik, o Kremlin cancelou a visita.\n"
                "A NATO, a UNESCO e a OMS comentaram a decisão do Kremlin em Genebra.\n")
    asked = {q["prompt"]: q for q in found}
    assert asked["O que é a Sputnik?"]["answer"] == "agência de notícias russa"
    other = asked.get("Como se chama a agência de notícias russa?")
    assert other and other["type"] == "multiple_choice" and other["answer"] == "Sputnik"


def test_how_many_for_a_measure_on_a_noun():
    """ "partilham uma fronteira de cerca de vinte quilómetros" asks how long the border is."""
    found = gen("Notícia\nPyongyang e Moscovo também partilham uma pequena fronteira terrestre de cerca de "
                "vinte quilómetros no Extremo Oriente.\n")
    assert "Quantos quilómetros tem a pequena fronteira terrestre que Pyongyang e Moscovo partilham no " \
           "Extremo Oriente?" in {q["prompt"] for q in found}


def test_bare_year_asked_as_a_number():
    """ "Em 2020, a investigação começou …" gives "Em que ano …?" with a numeric answer available."""
    found = gen("Notícia\nEm 2020, a investigação começou depois de uma denúncia anónima à Polícia Judiciária.\n")
    years = [x for x in found if x["answer"] in (2020, "2020")]
    assert years and all(x["prompt"].startswith("Em que ano") for x in years if x["type"] != "cloze")


def test_pluperfect_asked_in_the_simple_past():
    """ "Kim tinha visitado Moscovo" is asked "Quem visitou Moscovo …?"."""
    from quizapp.generate.clause import _simple_past
    assert _simple_past("havia", " elogiado a proximidade") == ("elogiou", " a proximidade")
    assert _simple_past("tinham", " partido cedo") == ("partiram", " cedo")
    assert _simple_past("visitou", " Lisboa") == ("visitou", " Lisboa")


def test_one_quotation_one_answer():
    """Two "Quem …“X”…?" questions on one quoted phrase with different answers are not both kept."""
    found = gen("Notícia\nO ministro da Defesa, Rui Lopes, elogiou a “proximidade espiritual” entre Portugal "
                "e Angola em Luanda.\nA ministra da Cultura, Ana Dias, também elogiou a “proximidade "
                "espiritual” entre Portugal e Angola durante uma visita a Maputo em março.\n")
    who = [q for q in found if q["prompt"].startswith("Quem elogiou") and "“proximidade espiritual”" in q["prompt"]]
    assert len({q["answer"] for q in who}) <= 1
