"""Mechanical checks and the ranking that keeps one good question per fact."""
from quizapp.generate import generate_set
from quizapp.generate.checks import problems, set_problems

SRC = {"doc": "d", "sentence": 0, "quote": "A Ana Dias venceu a corrida em Faro."}


def q(**kw):
    return {"type": "short_answer", "prompt": "Quem venceu a corrida em Faro?",
            "answer": "Ana Dias", "source": SRC, **kw}


def test_good_question_passes():
    """A question whose answer is in its quote and not in its prompt has no problems."""
    assert problems(q()) == []


def test_answer_given_away():
    """The answer in the prompt (outside cloze) is a problem."""
    assert "answer given away in prompt" in problems(q(prompt="Ana Dias venceu onde?"))


def test_answer_not_in_quote():
    """An answer the source sentence does not contain is a problem."""
    assert "answer not in source quote" in problems(q(answer="Rui Lima"))


def test_cloze_needs_one_blank():
    """A cloze with two blanks is refused."""
    bad = q(type="cloze", prompt="A {{Ana Dias}} venceu em {{Faro}}.")
    assert "cloze needs exactly one blank" in problems(bad)


def test_choices_must_hold_answer_and_be_distinct():
    """Multiple choice needs distinct options including the answer."""
    bad = q(type="multiple_choice", choices=["Rui", "Rui", "Eva", "Luís"])
    assert {"choices missing or repeated", "answer not among choices"} <= set(problems(bad))


def test_duplicate_prompts_flagged():
    """The same prompt twice in one set is flagged on the second."""
    assert list(set_problems([q(), q()])) == [1]


def test_near_duplicate_facts_across_texts_kept_once():
    """Two texts reporting the same fact give one question about it, not two."""
    a = "Título\nA Câmara de Faro, presidida por Ana Dias, plantou cerca de 300 árvores no parque.\n"
    b = "Outro título\nSegundo a autarquia, a Câmara de Faro plantou cerca de 300 árvores no parque.\n"
    qs = generate_set([("a", a), ("b", b)], title="T").set["questions"]
    numeric = [x for x in qs if x["type"] == "numeric" or x["answer"] in ("300", 300)]
    assert len(numeric) <= 1


def test_types_are_mixed():
    """A text with varied facts yields at least three question types."""
    text = ("Título\nO ministro da Saúde, Rui Lima, visitou o hospital de Braga em março.\n"
            "A obra custou cerca de 20 milhões de euros.\nEm 2019, o governo aprovou o projeto.\n"
            "A enfermeira Eva Reis recebeu o ministro em Braga.\n"
            "O hospital tem 300 camas e serve a região do Minho.\n")
    types = {x["type"] for x in generate_set([("h", text)], title="T").set["questions"]}
    # Every sentence here has a sharper question than true/false, so that type sits out.
    assert len(types) >= 3, types


def test_true_false_only_where_nothing_sharper_asks():
    """True/false never restates a sentence another kept question already asks about."""
    text = ("Título\nA Câmara de Faro plantou cerca de 300 árvores no parque em março.\n"
            "Havia grandes árvores e bancos novos, segundo a autarquia.\n")
    qs = generate_set([("a", text)], title="T").set["questions"]
    per_sentence = {}
    for x in qs:
        per_sentence.setdefault(x["source"]["sentence"], []).append(x["type"])
    assert all("true_false" not in types or len(types) == 1 for types in per_sentence.values())


def test_a_prompt_stating_another_fact_gives_it_away():
    """A prompt reveals another question only when it shows the answer and states that fact."""
    from quizapp.generate.questions import Candidate
    from quizapp.generate.rank import _reveals

    def cand(prompt, answer, qtype="short_answer"):
        return Candidate({"type": qtype, "prompt": prompt, "answer": answer}, "f", "person", None)
    who = cand("Quem é o presidente russo?", "Vladimir Putin")
    assert not _reveals(cand("O Kremlin anunciou que Choe visitará {{Moscou}} e será recebido por "
                             "Vladimir Putin.", "Moscou", "cloze"), who)
    assert _reveals(cand("O presidente russo, Vladimir Putin, visitou {{Pequim}}.", "Pequim", "cloze"), who)


def test_cloze_whose_answer_also_stands_outside_the_blank_is_refused():
    """A cloze that prints its answer again beside the blank gives it away."""
    q = {"type": "cloze", "prompt": "O presidente dos {{EUA}} alegou que Kim conspirava contra os EUA.",
         "answer": "EUA", "source": {"quote": "O presidente dos EUA alegou que Kim conspirava contra os EUA."}}
    assert "answer given away in prompt" in problems(q, "pt")
    q["prompt"] = "O presidente dos {{EUA}} alegou que Kim conspirava contra o país."
    q["source"]["quote"] = "O presidente dos EUA alegou que Kim conspirava contra o país."
    assert problems(q, "pt") == []
