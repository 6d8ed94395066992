"""Stage 3b: names typed across documents and the appositive relations behind who-is questions."""
from quizapp.generate import spans as sp
from quizapp.generate.clean import clean
from quizapp.generate.facts import extract
from quizapp.generate.sentences import split

TEXT = """Título
A treinadora da seleção, Joana Matos, escolheu 23 jogadoras em Lisboa.
Matos disse que a equipa está pronta.
A Federação Portuguesa de Futebol, a entidade que gere a modalidade, apoiou a escolha.
O avançado Rui Lopes marcou no Brasil.
"""


def facts():
    return extract([split(clean("d", TEXT))])[0]


def spans_of(f):
    return {(s.kind, s.text, s.key) for s in f.spans}


def test_types_people_places_countries_orgs():
    """A titled name is a person, a gazetteer city a place, a country a country, an org word an org."""
    f = facts()
    assert ("person", "Joana Matos", "Joana Matos") in spans_of(f[0])
    assert ("place", "Lisboa", "Lisboa") in spans_of(f[0])
    assert ("country", "Brasil", "Brasil") in spans_of(f[3])
    assert any(k == "org" and t.startswith("Federação") for k, t, _ in spans_of(f[2]))


def test_surname_resolves_to_full_name():
    """A later "Matos" is the person named in full before."""
    assert ("person", "Matos", "Joana Matos") in spans_of(facts()[1])


def test_appositive_before_name():
    """ "A treinadora da seleção, Joana Matos," relates the name to its title with its article."""
    [r] = facts()[0].relations
    assert (r.kind, r.subject.text, r.article, r.description) == (
        "appositive", "Joana Matos", "a", "treinadora da seleção")


def test_title_without_commas():
    """ "O avançado Rui Lopes" is a person with the title right before the name."""
    f = facts()[3]
    assert ("person", "Rui Lopes", "Rui Lopes") in spans_of(f)


def test_numbers_and_units_in_facts():
    """Counts inside sentences come out typed with their unit."""
    nums = [s for s in facts()[0].spans if s.kind == sp.NUMBER]
    assert [(n.text, n.unit) for n in nums] == [("23", "jogadoras")]
