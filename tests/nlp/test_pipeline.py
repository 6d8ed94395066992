"""The packaged pipelines: loaded once, contractions split into their words, deterministic."""
import pytest

from quizapp import nlp


def test_loaded_once():
    """Every caller gets the same pipeline object: the model is read from disk once per process."""
    assert nlp.pipeline("pt") is nlp.pipeline("pt")


def test_unknown_language_is_refused():
    """Asking for a language without a model says which ones exist."""
    with pytest.raises(ValueError, match="pt, en"):
        nlp.pipeline("fr")


def test_portuguese_contractions_are_words():
    """ "no" is "em" + "o" and "dele" is "de" + "ele", each piece tagged as its word; text and offsets stay."""
    text = "A casa dele fica no Porto."
    (doc,) = nlp.parse([text], "pt")
    assert doc.text == text
    words = [(t.text, t.norm_) for t in doc]
    assert ("d", "de") in words and ("ele", "ele") in words
    assert ("n", "em") in words
    by_text = {t.text: t for t in doc}
    assert by_text["n"].pos_ == "ADP" and by_text["ele"].pos_ == "PRON"
    assert by_text["Porto"].pos_ == "PROPN"


def test_portuguese_copula_and_subject():
    """A definition parses as subject + copula + predicate, the shape the generator reads."""
    (doc,) = nlp.parse(["A memória é um dispositivo que armazena dados."], "pt")
    by_text = {t.text: t for t in doc}
    assert by_text["é"].dep_ == "cop"
    assert by_text["memória"].dep_ == "nsubj" and by_text["memória"].head.text == "dispositivo"


def test_portuguese_sentences():
    """The parse finds sentence ends, keeping an abbreviation inside its sentence."""
    (doc,) = nlp.parse(["O Dr. Silva chegou ontem. A reunião começou às dez horas."], "pt")
    assert [s.text for s in doc.sents] == ["O Dr. Silva chegou ontem.", "A reunião começou às dez horas."]


def test_deterministic():
    """The same text gets the same analysis every time."""
    text = "O mosteiro foi construído por ordem do rei D. Manuel I no início do século XVI."
    a = [(t.text, t.pos_, t.dep_, t.head.i) for t in nlp.parse([text], "pt")[0]]
    b = [(t.text, t.pos_, t.dep_, t.head.i) for t in nlp.parse([text, text], "pt")[1]]
    assert a == b


def test_english_tokens_are_cut_as_the_web_treebank_cuts_them():
    """Contractions are two words; a phone number and a run of one symbol are one token, a range is three."""
    (doc,) = nlp.parse(["I don't know. Call 713-853-3989 ====== for 750-800 tickets."], "en")
    tokens = [t.text for t in doc]
    assert tokens[1:3] == ["do", "n't"]
    assert "713-853-3989" in tokens and "======" in tokens
    assert ["750", "-", "800"] == tokens[tokens.index("750"):tokens.index("800") + 1]


def test_straight_quote_followed_by_a_space_closes_the_sentence_before_it():
    """'the phrase. " And' keeps the quote in the first sentence; '. "Then' opens the next one with it."""
    import spacy

    from quizapp.nlp.sentences import mark

    blank = spacy.blank("en")
    closing = mark(blank('He said "we will win the phrase. " And then he left.'), "en")
    second_quote = [t for t in closing if t.text == '"'][1]
    assert second_quote.nbor(-1).text == "." and not second_quote.is_sent_start
    opening = mark(blank('He left the room. "Then we will win," he said.'), "en")
    assert opening[5].text == '"' and opening[5].is_sent_start
