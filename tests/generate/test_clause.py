"""Wh-questions built by moving one part of a subject–verb sentence."""
from quizapp.generate import clause as cl, lexicon, spans as sp

PT = lexicon.get("pt")


def span_of(text, part, kind, **kw):
    i = text.index(part)
    return sp.Span(kind, part, i, i + len(part), **kw)


def test_who_did_it():
    """The subject person becomes "Quem", with the enclitic moved before the verb."""
    t = "A ministra, Ana Dias, reuniu-se com os autarcas em Faro."
    c = cl.analyse(t, "pt")
    s = span_of(t, "Ana Dias", sp.PERSON)
    assert cl.wh_subject(t, c, s, PT, "Quem") == "Quem se reuniu com os autarcas em Faro?"


def test_when_removes_the_date_and_appositive():
    """ "Quando" drops the date from the clause and the appositive from the subject."""
    t = "Rui Lima, presidente do clube, visitou o estádio no final de agosto."
    spans = [span_of(t, "Rui Lima", sp.PERSON), span_of(t, "no final de agosto", sp.DATE)]
    c = cl.analyse(t, "pt")
    assert cl.wh_adjunct(t, c, spans[1], spans, PT, "Quando", {"Rui Lima"}) == \
        "Quando Rui Lima visitou o estádio?"


def test_how_many_agrees_in_gender():
    """ "Quantas" for a feminine unit, "Quantos" for a masculine one."""
    t = "A câmara plantou cerca de 300 árvores no parque."
    n = sp.numbers(t, "pt", [])[0]
    c = cl.analyse(t, "pt")
    assert cl.how_many(t, c, n, [n], PT, set()) == "Quantas árvores a câmara plantou no parque?"
    t2 = "A escola recebeu 40 computadores novos."
    n2 = sp.numbers(t2, "pt", [])[0]
    assert cl.how_many(t2, cl.analyse(t2, "pt"), n2, [n2], PT, set()).startswith("Quantos computadores")


def test_no_clause_when_the_first_verb_is_in_a_relative():
    """A verb inside "que …" is not the main verb, and rules cannot find the real one."""
    assert cl.analyse("Lisboa e Porto, que partilham uma linha, vão investir mais.", "pt") is None


def test_subordinate_opening_is_a_lead():
    """ "Depois de … ," opens the sentence; the subject and verb come after it."""
    t = "Depois de Ana se ter reunido com Rui, o governo decidiu."
    c = cl.analyse(t, "pt")
    assert c.lead == "Depois de Ana se ter reunido com Rui"
    assert t[c.subj_start:c.verb_start].strip() == "o governo"


def test_connective_opening_is_dropped():
    """ "Na altura," ties a sentence to the previous one; statements drop it."""
    text, cut = cl.without_connective("Na altura, o clube venceu o campeonato.", PT)
    assert text == "O clube venceu o campeonato." and cut == len("Na altura, ")


def test_participle_after_a_comma_is_not_the_subjects_verb():
    """ "X, printed around 1455, was …": the word after the comma describes X; no "Who printed …?"."""
    t = "The Gutenberg Bible, printed around 1455, was the first major book produced in Europe."
    c = cl.analyse(t, "en")
    s = span_of(t, "Gutenberg Bible", sp.PERSON)
    assert c is None or cl.wh_subject(t, c, s, lexicon.get("en"), "Who") is None
