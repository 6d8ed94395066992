"""Treebank conversion: contractions become pieces of their own surface, one per word."""
from pathlib import Path

import pytest

from quizapp.nlp.conllu import contraction_table, cut_surface, hyphen_pieces, read_conllu, sentence_pieces

SAMPLE = """# newdoc id = D1
# sent_id = D1-1
# text = Vive no Porto, perto dele.
1	Vive	viver	VERB	_	Mood=Ind	0	root	_	_
2-3	no	_	_	_	_	_	_	_	_
2	em	em	ADP	_	_	4	case	_	_
3	o	o	DET	_	Definite=Def	4	det	_	_
4	Porto	Porto	PROPN	_	_	1	obl	_	SpaceAfter=No
5	,	,	PUNCT	_	_	6	punct	_	_
6	perto	perto	ADV	_	_	1	advmod	_	_
7-8	dele	_	_	_	_	_	_	_	SpaceAfter=No
7	de	de	ADP	_	_	8	case	_	_
8	ele	ele	PRON	_	_	6	obl	_	_
9	.	.	PUNCT	_	_	1	punct	_	_

# sent_id = D1-2
# text = Fala-se à noite.
1-2	Fala-se	_	_	_	_	_	_	_	_
1	Fala	falar	VERB	_	_	0	root	_	_
2	se	se	PRON	_	_	1	expl	_	_
3-4	à	_	_	_	_	_	_	_	_
3	a	a	ADP	_	_	5	case	_	_
4	a	o	DET	_	_	5	det	_	_
5	noite	noite	NOUN	_	_	1	obl	_	SpaceAfter=No
6	.	.	PUNCT	_	_	1	punct	_	_

"""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.conllu"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("surface, forms, pieces", [
    ("no", ["em", "o"], ["n", "o"]),
    ("dele", ["de", "ele"], ["d", "ele"]),
    ("Pelos", ["por", "os"], ["Pel", "os"]),
    ("àquele", ["a", "aquele"], ["à", "quele"]),
    ("à", ["a", "a"], None),
])
def test_cut_surface(surface, forms, pieces):
    """Each word gets the stretch of the surface it ends with; a one-letter surface cannot be cut."""
    assert cut_surface(surface, forms) == pieces


def test_hyphen_pieces():
    """A clitic written with a hyphen keeps the hyphen: "fazê-lo" → "fazê" + "-lo"."""
    assert hyphen_pieces("fazê-lo", 2) == ["fazê", "-lo"]
    assert hyphen_pieces("guarda-chuva", 1) is None


def test_sentences_keep_their_text(sample):
    """The pieces of a sentence, joined with their spaces, are the sentence's own text."""
    for sent in read_conllu(sample):
        pieces = sentence_pieces(sent)
        assert "".join(t + (" " if sp else "") for t, _, sp in pieces).strip() == sent.text
    first, second = list(read_conllu(sample))
    assert [t for t, _, _ in sentence_pieces(first)] == ["Vive", "n", "o", "Porto", ",", "perto", "d", "ele", "."]
    assert [ids for t, ids, _ in sentence_pieces(second)][:3] == [[1], [2], [3, 4]]
    assert first.doc_id == second.doc_id == "D1"


def test_contraction_table(sample):
    """Contractions written without a hyphen are listed with their pieces and words."""
    table = contraction_table([sample], min_count=1)
    assert table["no"] == [["n", "o"], ["em", "o"]]
    assert table["dele"] == [["d", "ele"], ["de", "ele"]]
    assert "fala-se" not in table and "à" not in table
