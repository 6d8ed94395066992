"""GIFT: what our reader makes of each construct, its refusals, and the writer's round trip."""
import pytest

from quizapp.formats import FormatError, gift
from tests.formats.formats_factories import gen_every_type_set, gen_question, gen_set


def read_one(text: str):
    result = gift.read(text, filename="rivers.gift")
    assert len(result.set.questions) == 1, result
    return result.set.questions[0]


def test_title_becomes_id_and_file_name_the_set_title():
    """The ::title:: names the question; the file name titles the set."""
    result = gift.read("::douro-end::The Douro ends at {=Porto} on the coast.\n", filename="iberian_rivers.gift")
    assert result.set.title == "iberian rivers" and result.set.slug == "iberian-rivers"
    assert result.set.questions[0].id == "douro-end"


def test_embedded_short_answer_is_cloze():
    """A short-answer block inside the sentence becomes a cloze with the other answers accepted."""
    question = read_one("The Douro ends at {=Porto =Oporto} on the Atlantic.")
    assert (question.type, question.prompt, question.accept) == (
        "cloze", "The Douro ends at {{Porto}} on the Atlantic.", ["Oporto"])


def test_missing_word_multiple_choice_shows_blank():
    """A multiple-choice block inside the sentence leaves a blank in the prompt."""
    question = read_one("The Tagus meets the sea at {~Porto =Lisbon ~Faro} after 1,000 km.")
    assert question.prompt == "The Tagus meets the sea at _____ after 1,000 km."
    assert question.choices == ["Porto", "Lisbon", "Faro"]


def test_feedback_weights_and_escapes():
    """Per-answer feedback and partial credit are kept, global feedback too, escapes restored in each."""
    question = read_one("Which is written a\\=b?{=a\\=b#right\\# ~%50%a\\~b#close ####Escaped \\{braces\\}}")
    assert question.answer == "a=b" and question.choices == ["a=b", "a~b"]
    assert question.explanation == "Escaped {braces}"
    assert question.feedback == {"a=b": "right#", "a~b": "close"} and question.credit == {"a~b": 50}


def test_numeric_forms():
    """Numeric answers with tolerance, as a range, and the first full-credit of several."""
    result = gift.read(
        "Length of the Ebro?{#910:20}\n\nA year between 1900 and 1910?{#1900..1910}\n\n"
        "Mouth of the Tagus, km from Madrid?{#=%50%600:10 =%100%625:5}\n", filename="n.gift")
    assert [(q.answer, q.tolerance) for q in result.set.questions] == [(910, 20), (1905, 5), (625, 5)]


def test_tags_ids_and_categories_from_comments():
    """Moodle's // [id:] and [tag:] comments and $CATEGORY set ids and tags."""
    result = gift.read("$CATEGORY: $course$/top/Geography/Rivers\n\n// [id:r7] [tag:iberia]\n"
                       "The Minho forms a border.{T}\n", filename="t.gift")
    question = result.set.questions[0]
    assert question.id == "r7" and question.tags == ["iberia", "Geography/Rivers"]


def test_unrepresentable_items_are_skipped_with_line():
    """Matching, essay, multiple-answer and description items are skipped with line and reason."""
    text = ("Rivers are long.\n\nMatch.{=Tagus -> Lisbon =Douro -> Porto}\n\nDescribe the Ebro.{}\n\n"
            "Pick two.{~%50%Tagus ~%50%Douro ~%-100%Seine}\n\nThe Ebro is in Spain.{T}\n")
    result = gift.read(text, filename="s.gift")
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "description, not a question"), (3, "matching question"),
        (5, "essay question, no answer to check"), (7, "multiple-answer question with partial credit")]
    assert len(result.set.questions) == 1


def test_unclosed_block_refused_with_line():
    """An answer block without '}' is refused at its line, with every other problem."""
    with pytest.raises(FormatError) as caught:
        gift.read("First.{T}\n\nSecond is\nopen {=yes\n", filename="bad.gift")
    assert str(caught.value) == "bad.gift, line 4: the answer block '{' is never closed with '}'"


def test_invalid_result_refused_with_line():
    """A question our rules refuse (repeated choices) names its line and field."""
    with pytest.raises(FormatError) as caught:
        gift.read("Fine.{T}\n\nTwice?{=Tagus ~Tagus}\n", filename="dup.gift")
    assert str(caught.value).startswith("dup.gift, line 3, field 'questions[1].choices':")


def test_round_trip_every_type():
    """write then read gives the same set; flashcards come back as short answers."""
    original = gen_every_type_set()
    text = gift.write(original)
    back = gift.read(text, filename="x.gift", title=original.title).set
    for question in original.questions:
        question.source = None  # GIFT has no place for provenance
        if question.type == "flashcard":
            question.type = "short_answer"
    assert back.questions == original.questions


def test_writer_escapes_special_characters():
    """Control characters and line breaks in text survive a round trip."""
    tricky = "Is {a} = b # c ~ d: e \\ f?\nSecond line"
    data = gen_set([gen_question(id="x", prompt=tricky, answer="a=b#c")])
    text = gift.write(data)
    assert "\\{a\\} \\= b \\# c \\~ d\\: e \\\\ f?\\nSecond line" in text
    back = gift.read(text, filename="x.gift").set.questions[0]
    assert (back.prompt, back.answer) == (tricky, "a=b#c")


def test_sniff():
    """GIFT is recognised by its answer blocks, not by YAML or CSV text."""
    assert gift.sniff("// comment\n::t::Stem {=a ~b}\n")
    assert not gift.sniff("title: Rivers\nquestions: []\n")
    assert not gift.sniff("type,prompt,answer\nflashcard,a,b\n")


def test_cloze_with_the_blank_at_the_end_round_trips():
    """A cloze whose blank ends the prompt comes back as a cloze, not as a short answer."""
    from quizapp.formats import gift
    from quizapp.formats.model import QuestionData, SetData

    original = SetData(title="t", slug="t", questions=[
        QuestionData(id="end", type="cloze", prompt="A capital de Portugal é {{Lisboa}}", answer="Lisboa"),
        QuestionData(id="mid", type="cloze", prompt="{{Lisboa}} é a capital.", answer="Lisboa"),
    ])
    text = gift.write(original)
    assert "// [type:cloze]" in text
    back = gift.read(text, title="t").set
    assert [(q.type, q.prompt, q.answer) for q in back.questions] == [
        (q.type, q.prompt, q.answer) for q in original.questions]
