"""Questions read off the parse: definitions both ways, identities, subject/object questions, key terms."""
import quizapp.generate as generator
from quizapp.generate import generate_set


def _questions(text: str, lang: str = "pt") -> list[dict]:
    return generate_set([("doc", text)], title="t", lang=lang).set["questions"]


def _candidates(text: str, lang: str, monkeypatch) -> list[dict]:
    """Every candidate the builders made, before ranking keeps a few per sentence."""
    seen: list[dict] = []
    select = generator.rank.select

    def keep_all(cands, lang):
        seen.extend(c.q for c in cands)
        return select(cands, lang)
    monkeypatch.setattr(generator.rank, "select", keep_all)
    generate_set([("doc", text)], title="t", lang=lang)
    return seen


def _prompts(qs: list[dict]) -> dict[str, object]:
    return {q["prompt"]: q["answer"] for q in qs}


def test_definition_both_ways():
    """ "X é um Y que …" asks what X is, and from the definition back to the term."""
    qs = _prompts(_questions("A memória é um dispositivo que armazena dados e instruções do computador. "
                             "A memória RAM perde o conteúdo quando o computador é desligado."))
    assert qs.get("O que é a memória?") == "um dispositivo que armazena dados e instruções do computador"
    assert qs.get("Como se chama um dispositivo que armazena dados e instruções do computador?") == "memória"


def test_copula_with_a_name_asks_who_in_the_sentence_tense():
    """ "O arquiteto responsável foi Francisco de Arruda" → "Quem foi o arquiteto responsável?", never
    "Quem é o arquiteto responsável foi?"."""
    qs = _questions("A torre foi construída entre 1514 e 1520 por ordem do rei D. Manuel I. "
                    "O arquiteto responsável foi Francisco de Arruda.")
    prompts = _prompts(qs)
    assert prompts.get("Quem foi o arquiteto responsável?") == "Francisco de Arruda"
    assert not any(" foi?" in p or p.endswith(" D.?") for p in prompts)
    assert not any(q["answer"] == "Manuel I" for q in qs)


def test_title_gender_follows_the_person():
    """A title of both genders takes the person's article: "o analista" for David Wright."""
    qs = _questions("David Wright, analista do Instituto de Ciência, disse que a Coreia do Norte executou "
                    "seis testes nucleares desde 2006.")
    prompts = [q["prompt"] for q in qs]
    assert not any("a analista" in p for p in prompts)
    assert not any("executou nucleares" in p for p in prompts)


def test_english_object_question_keeps_tense(monkeypatch):
    """An English object question takes do-support in the sentence's tense."""
    qs = _prompts(_candidates("The old company built the iron bridge. "
                              "The bridge connects the two halves of the old city.", "en", monkeypatch))
    assert qs.get("What did the old company build?") == "the iron bridge"


def test_english_definition():
    """ "X is a Y that …" in English asks "What is X?"."""
    qs = _prompts(_questions("A compiler is a program that translates source code into machine code. "
                             "Compilers were first written in the 1950s.", "en"))
    assert qs.get("What is a compiler?") == "a program that translates source code into machine code"


def test_definite_definition_and_another_name(monkeypatch):
    """ "X é o processo pelo qual …" is a definition too; "o pigmento verde chamado clorofila" names a thing."""
    qs = _prompts(_candidates("A fotossíntese é o processo pelo qual as plantas transformam energia luminosa "
                              "em energia química. O processo acontece nos cloroplastos, organelas que contêm "
                              "o pigmento verde chamado clorofila.", "pt", monkeypatch))
    assert qs.get("O que é a fotossíntese?", "").startswith("o processo pelo qual as plantas")
    assert qs.get("Como se chama o pigmento verde?") == "clorofila"


def test_passive_agent_asks_by_whom(monkeypatch):
    """A passive with its agent asks who did it, the verb as the sentence has it."""
    qs = _prompts(_candidates("O ciclo foi descrito pelo químico norte-americano Melvin Calvin.", "pt", monkeypatch))
    assert qs.get("Por quem foi descrito o ciclo?") == "Melvin Calvin"


def test_identity_answer_is_the_name_alone(monkeypatch):
    """The clause after the name's comma is not part of the answer."""
    qs = _prompts(_candidates("O arquiteto responsável foi Diogo de Boitaca, que começou a obra em 1501.",
                              "pt", monkeypatch))
    assert qs.get("Quem foi o arquiteto responsável?") == "Diogo de Boitaca"


def test_names_the_rules_did_not_type_are_cloze_blanks_whole(monkeypatch):
    """A name with its particles ("Vasco da Gama") is blanked whole, never cut to "Vasco"."""
    qs = _candidates("Descobrimentos\n\nA armada de Vasco da Gama partiu de Lisboa em 1497 rumo à Índia.", "pt",
                     monkeypatch)
    blanks = {q["answer"] for q in qs if q["type"] == "cloze"}
    assert "Vasco da Gama" in blanks and "Vasco" not in blanks


def test_apposition_is_asked_both_ways(monkeypatch):
    """ "X, um Y, …" asks what X is and, the other way, what the Y is called."""
    qs = _prompts(_candidates("Lisboa\n\nO Mosteiro dos Jerónimos, um mosteiro manuelino em Belém, foi construído "
                              "no século XVI.", "pt", monkeypatch))
    assert qs.get("Como se chama um mosteiro manuelino em Belém?") == "Mosteiro dos Jerónimos"


def test_english_names_are_blanked_with_the_words_before_their_head(monkeypatch):
    """ "Stephen Sauvestre", "the French Revolution": never a blank on the last word alone."""
    qs = _candidates("Paris\n\nIn 1884 the architect Stephen Sauvestre drew the arches for the centenary of the "
                     "French Revolution.", "en", monkeypatch)
    blanks = {q["answer"] for q in qs if q["type"] == "cloze"}
    assert "Sauvestre" not in blanks and "Revolution" not in blanks
    assert "Stephen Sauvestre" in blanks
