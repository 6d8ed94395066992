"""Stage 2b: sentences restated to stand alone, keeping their source index."""
from quizapp.generate.clean import clean
from quizapp.generate.restate import restate
from quizapp.generate.sentences import split

TEXT = """Título
A Rússia e a Coreia do Norte reforçaram os seus laços; Isto inclui a assinatura do acordo de defesa de 2024, que compromete ambos os países a fornecer apoio militar.
O facto de a Rússia e a Coreia do Norte terem iniciado a construção de uma ponte em abril é outro sinal de que as relações estão a fortalecer-se.
Pyongyang e Moscovo, que partilham uma fronteira de vinte quilómetros, estão a tentar melhorar os laços.
Pyongyang reconheceu o envolvimento na guerra em abril, dizendo que os seus soldados ajudaram a Rússia em Kursk.
Uma exposição em Moscovo celebrou esta aliança.
Medvedev participou num outro desfile, desta vez em Pyongyang.
"""


def texts():
    return [(s.index, s.text, s.inserted) for s in restate([split(clean("d", TEXT))], "pt")[0]]


def test_frames_pointing_back_become_their_fact():
    """ "Isto inclui X, que V" and "O facto de X é outro sinal" give the statement X itself."""
    got = [t for _, t, _ in texts()]
    assert ("O acordo de defesa de 2024 compromete a Rússia e a Coreia do Norte a fornecer apoio "
            "militar.") in got
    assert "A Rússia e a Coreia do Norte iniciaram a construção de uma ponte em abril." in got


def test_relative_and_reported_clauses_split_keeping_the_index():
    """ "X, que A, B" and "X disse Y, dizendo que Z" split into statements of one source sentence."""
    got = texts()
    by_text = {t: i for i, t, _ in got}
    assert by_text["Pyongyang e Moscovo partilham uma fronteira de vinte quilómetros."] == \
        by_text["Pyongyang e Moscovo estão a tentar melhorar os laços."]
    assert "Os soldados de Pyongyang ajudaram a Rússia em Kursk." in by_text


def test_references_resolved_and_marked_inserted():
    """ "esta aliança" names the texts' pair of countries; the names brought in are marked."""
    got = {t: ins for _, t, ins in texts()}
    t = "Uma exposição em Moscovo celebrou a aliança entre a Rússia e a Coreia do Norte."
    assert t in got and got[t]
    a, b = got[t][0]
    assert "Rússia" in t[a:b]
    assert "Medvedev participou num desfile em Pyongyang." in got


def test_english_keeps_its_frames():
    """Only Portuguese has the frame rules; English sentences without a pronoun pass unchanged."""
    sents = [split(clean("d", "T\nThis includes the 2024 accord, which binds both.\n"), "en")]
    assert restate(sents, "en") == sents


def test_opening_pronoun_takes_the_previous_subject():
    """ "She moved …" after "Marie Curie was born …" restates the name, marked as inserted."""
    sents = [split(clean("d", "T\nMarie Curie was born in Warsaw. She moved to Paris in 1891.\n"), "en")]
    second = restate(sents, "en")[0][1]
    assert second.text == "Marie Curie moved to Paris in 1891." and second.inserted == ((0, 11),)
