"""Clozes cut to the clause of their fact, so one sentence can give several questions."""
import re

from quizapp import nlp
from quizapp.generate import generate_set
from quizapp.generate.focus import focused_text


def _focus(sentence: str, answer: str, others: list[str], lang: str) -> str | None:
    """The focused cloze of `answer`, with `others` as the sentence's other answers."""
    doc = nlp.parse([sentence], lang)[0]
    lo = sentence.index(answer)
    ranges = [(sentence.index(o), sentence.index(o) + len(o)) for o in others]
    got = focused_text(doc, lo, lo + len(answer), ranges)
    if got is None:
        return None
    text, a, b = got
    return text[:a] + "{{" + text[a:b] + "}}" + text[b:]


def test_coordinated_predicate_keeps_shared_subject_pt():
    """A fact in the second of two coordinated predicates is asked with the subject they share."""
    s = "O lago tem cerca de vinte quilómetros de largura e encontra-se a uma profundidade de aproximadamente 1,5 quilómetros."
    assert _focus(s, "1,5", ["vinte"], "pt") == \
        "O lago encontra-se a uma profundidade de aproximadamente {{1,5}} quilómetros."


def test_coordinated_predicate_en():
    """English: "The tower is repainted … and needs …" asks the second fact without the first."""
    s = "The tower is repainted every seven years and needs about 60 tonnes of paint each time."
    assert _focus(s, "60", ["seven"], "en") == "The tower needs about {{60}} tonnes of paint each time."


def test_apposition_holding_another_answer_is_dropped_with_its_commas():
    """An apposition that names another answer goes, and so do the commas around it."""
    s = "Many artists, among them the writer Guy de Maupassant, signed a protest against it in 1887."
    assert _focus(s, "1887", ["Guy de Maupassant"], "en") == "Many artists signed a protest against it in {{1887}}."


def test_nothing_to_cut_when_no_other_answer_is_in_an_optional_phrase():
    """Without another answer in a phrase the clause can lose, the sentence stays whole (None)."""
    s = "O processo acontece nos cloroplastos das células das folhas."
    assert _focus(s, "cloroplastos", [], "pt") is None


def test_quotations_stay_whole():
    """Someone's words are never cut, even when they hold another answer."""
    s = "O treinador do Braga disse no final do jogo que a equipa “mereceu o título pela atitude e pela ambição”."
    out = _focus(s, "Braga", ["título"], "pt")
    assert out is None or "“mereceu o título pela atitude e pela ambição”" in out


def test_one_sentence_gives_two_questions_that_do_not_reveal_each_other():
    """Two facts of one sentence are both asked, and neither prompt shows the other's answer."""
    text = ("O lago subterrâneo foi descoberto por uma equipa internacional de cientistas.\n\n"
            "O lago tem cerca de vinte quilómetros de largura e encontra-se a uma profundidade de "
            "aproximadamente 1,5 quilómetros.")
    qs = generate_set([("doc", text)], title="t", lang="pt").set["questions"]
    from_sentence = [q for q in qs if "largura" in q["source"]["quote"] and q["type"] != "true_false"]
    answers = {str(q["answer"]) for q in from_sentence}
    assert any("vinte" in a for a in answers) and any("1,5" in a for a in answers)
    for q in from_sentence:
        shown = re.sub(r"\{\{[^}]*\}\}", "", q["prompt"])
        for other in answers - {str(q["answer"])}:
            assert other not in shown, (q["prompt"], other)


def test_one_end_of_a_range_is_never_cut_alone():
    """ "das 8h às 22h": asking the opening hour keeps the closing one beside it."""
    s = "A piscina funciona das 8h às 22h, e as crianças só podem usá-la acompanhadas."
    out = _focus(s, "8h", ["22h"], "pt")
    assert out is None or "às 22h" in out


def test_a_finite_verb_is_never_cut_from_its_clause():
    """A phrase the parse hung a clause's verb on stays, so the clause keeps its verb."""
    s = ("A lei de Moore, formulada por Gordon Moore em 1965, previa que o número de transístores "
         "num circuito integrado duplicasse a cada dois anos.")
    out = _focus(s, "Gordon Moore", ["dois anos"], "pt")
    assert out is None or "duplicasse" in out
