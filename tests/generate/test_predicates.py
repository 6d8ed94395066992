"""What a copula says a thing is, beyond definitions: the one thing that fills a role, a property."""
import quizapp.generate as generator
from quizapp.generate import generate_set


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


def test_definite_predicate_asks_which_thing_fills_the_role(monkeypatch):
    """ "A unidade mínima de informação é o bit" asks "Qual é a unidade mínima de informação?"."""
    qs = _candidates("Memória\n\nA unidade mínima de informação é o bit, e oito bits formam um byte.", "pt", monkeypatch)
    got = {q["prompt"]: q for q in qs if q["type"] == "short_answer"}
    q = got["Qual é a unidade mínima de informação?"]
    assert q["answer"] == "bit" and "o bit" in q["accept"]


def test_indefinite_predicate_is_left_to_definitions(monkeypatch):
    """ "X é um Y que …" is a definition ("O que é X?"), never "Qual é X?"."""
    qs = _candidates("Memória\n\nA memória é um dispositivo que guarda dados e instruções.", "pt", monkeypatch)
    assert not any(q["prompt"].startswith("Qual é") for q in qs)


def test_rare_adjective_predicate_is_a_cloze_blank(monkeypatch):
    """A property said once in the text ("é volátil") is blanked."""
    qs = _candidates("Memória\n\nA memória RAM é volátil. O disco guarda os dados quando o computador se desliga.",
                     "pt", monkeypatch)
    assert any(q["type"] == "cloze" and q["answer"] == "volátil" for q in qs)
