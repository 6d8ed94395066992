"""Our .apkg as Anki itself reads it: imported with Anki's library, every card rendered."""
import pytest

from quizapp import formats
from quizapp.formats import SourceRef
from tests.formats.anki_tools import collection, import_package, visible
from tests.formats.formats_factories import gen_every_type_set, gen_question, gen_set


def rendered_cards(tmp_path, set_data):
    path = tmp_path / "set.apkg"
    path.write_bytes(formats.write(set_data, "apkg"))
    with collection(tmp_path) as col:
        log = import_package(col, path)
        cards = [col.get_card(card_id) for card_id in col.find_cards("")]
        return log, [(visible(card.question()), visible(card.answer())) for card in cards]


def test_every_type_imports_into_anki(tmp_path):
    """Anki imports one note per question with no error and renders each card's front and back."""
    data = gen_every_type_set()
    log, cards = rendered_cards(tmp_path, data)
    assert len(log.new) == len(data.questions)
    assert ("The Douro reaches the sea at [...].", "The Douro reaches the sea at Porto. also: Oporto The Douro ends in Porto.") in cards
    assert any(front.startswith("How long is the Tagus") and back.endswith("1007 (± 10)") for front, back in cards)


def test_cloze_answer_with_double_colon_is_whole(tmp_path):
    """A cloze answer holding '::' (Anki's hint separator) shows whole on the back, with its alternatives."""
    data = gen_set([gen_question(id="slice", type="cloze", prompt="Every second item: {{a[::2]}}", answer="a[::2]",
                                 accept=["a[0::2]"])])
    _, cards = rendered_cards(tmp_path, data)
    assert cards == [("Every second item: [...]", "Every second item: a[::2] also: a[0::2]")]


@pytest.mark.parametrize("tolerance", [1000.0, 1000])
def test_integer_tolerance_is_written_as_an_integer(tmp_path, tolerance):
    """A whole tolerance reads '± 1000', never '± 1000.0', in Anki and in GIFT and CSV."""
    data = gen_set([gen_question(id="n", type="numeric", prompt="Soldiers sent?", answer=10000, tolerance=tolerance)])
    _, cards = rendered_cards(tmp_path, data)
    assert cards[0][1].endswith("10000 (± 1000)")
    assert "#10000:1000}" in formats.write(data, "gift")
    assert "10000,,,1000," in formats.write(data, "csv")


def test_explanation_equal_to_the_quote_is_shown_once(tmp_path):
    """When the explanation is the source sentence, the back shows that sentence once."""
    quote = "North Korea sent about 10,000 soldiers."
    data = gen_set([gen_question(id="q", prompt="Who sent soldiers?", answer="North Korea", explanation=quote,
                                 source=SourceRef(quote=quote))])
    _, cards = rendered_cards(tmp_path, data)
    assert cards[0][1].count(quote) == 1


def test_markdown_and_html_questions_render_in_anki(tmp_path):
    """A Markdown prompt reaches Anki as HTML, and an [html] prompt arrives sanitised."""
    data = gen_set([gen_question(id="md", prompt="What is **2 + 2**?", answer="4", text_format={"prompt": "markdown"}),
                    gen_question(id="h", prompt="<i>Tree</i><script>x()</script>?", answer="Oak",
                                 text_format={"prompt": "html"})])
    path = tmp_path / "set.apkg"
    path.write_bytes(formats.write(data, "apkg"))
    with collection(tmp_path) as col:
        import_package(col, path)
        fronts = sorted(col.get_card(card_id).question() for card_id in col.find_cards(""))
    assert any(front.endswith("What is <strong>2 + 2</strong>?") for front in fronts)
    assert any(front.endswith("<i>Tree</i>?") for front in fronts)
