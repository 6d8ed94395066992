"""Our .apkg as Anki itself reads it: imported with Anki's library, every card rendered."""
from pathlib import Path

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


def _media_set():
    from quizapp.formats.media import MediaRef
    from tests.media.media_factories import gen_image, gen_wav

    heart, other_heart, beat = gen_image("PNG", color=(200, 0, 0)), gen_image("PNG", color=(0, 0, 200)), gen_wav()
    questions = [
        gen_question(id="heart", type="flashcard", prompt="Which organ is this?", answer="Heart",
                     explanation="It pumps blood.",
                     media=[MediaRef("img/heart.png", "prompt", "A red human heart"), MediaRef("beat.wav", "answer"),
                            MediaRef("other/heart.png", "explanation", "A blue heart")]),
        gen_question(id="c", type="cloze", prompt="The {{heart}} beats.", answer="heart",
                     media=[MediaRef("beat.wav", "prompt")]),
    ]
    return gen_set(questions, media={"img/heart.png": heart, "other/heart.png": other_heart, "beat.wav": beat})


def test_question_media_reach_ankis_media_folder(tmp_path):
    """Anki imports our package's images and sounds: each card references its files on the side they belong
    to, and Anki's media folder holds them with the same bytes (two files sharing a name are both kept)."""
    data = _media_set()
    path = tmp_path / "set.apkg"
    path.write_bytes(formats.write(data, "apkg"))
    with collection(tmp_path) as col:
        import_package(col, path)
        cards = {col.get_card(card_id).note()["Front" if "Front" in col.get_card(card_id).note() else "Text"][:8]:
                 col.get_card(card_id) for card_id in col.find_cards("")}
        heart, cloze = cards["Which or"], cards["The {{c1"]
        assert '<img src="heart.png" alt="A red human heart">' in heart.question()
        assert [tag.filename for tag in heart.question_av_tags()] == []
        assert [tag.filename for tag in heart.answer_av_tags()] == ["beat.wav"]
        back = heart.answer()
        assert '<img src="heart-' in back and 'alt="A blue heart"' in back
        assert [tag.filename for tag in cloze.question_av_tags()] == ["beat.wav"]
        folder = Path(col.media.dir())
        stored = {name.name: name.read_bytes() for name in folder.iterdir()}
    blue = next(name for name in stored if name.startswith("heart-"))
    assert stored == {"heart.png": data.media["img/heart.png"], blue: data.media["other/heart.png"],
                      "beat.wav": data.media["beat.wav"]}


def test_our_package_media_come_back_into_quizapp(tmp_path):
    """Our .apkg read by our own reader gives each question its files again: the front's on the prompt, the
    back's on the answer (an Anki card has one back, so the explanation's file comes back there)."""
    data = _media_set()
    back = formats.read(formats.write(data, "apkg"), filename="organs.apkg").set
    assert sorted((ref.on, ref.alt, back.media[ref.file]) for ref in back.questions[0].media) == sorted([
        ("prompt", "A red human heart", data.media["img/heart.png"]), ("answer", "", data.media["beat.wav"]),
        ("answer", "A blue heart", data.media["other/heart.png"])])
    assert [(ref.on, back.media[ref.file]) for ref in back.questions[1].media] == [("prompt", data.media["beat.wav"])]
