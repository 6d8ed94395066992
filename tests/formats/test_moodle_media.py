"""Moodle XML images embedded as base64 <file> elements (@@PLUGINFILE@@) come in as question media."""
import base64

from quizapp import formats
from tests.media.media_factories import gen_image, gen_mp3_frames


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


RED, BLUE = gen_image("PNG", color=(200, 0, 0)), gen_image("JPEG", color=(0, 0, 200))


def quiz() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>heart</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which organ? <img src="@@PLUGINFILE@@/red%20heart.png" alt="A red heart"></p>]]></text>
      <file name="red heart.png" path="/" encoding="base64">{_b64(RED)}</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[It pumps blood. <img src="@@PLUGINFILE@@/sub/blood.jpg">]]></text>
      <file name="blood.jpg" path="/sub/" encoding="base64">{_b64(BLUE)}</file>
    </generalfeedback>
    <answer fraction="100"><text>Heart</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>picture only</text></name>
    <questiontext format="html">
      <text><![CDATA[<img src="@@PLUGINFILE@@/red%20heart.png">]]></text>
      <file name="red heart.png" path="/" encoding="base64">{_b64(BLUE)}</file>
    </questiontext>
    <answer fraction="100"><text>Heart</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>broken</text></name>
    <questiontext format="html">
      <text><![CDATA[Which? <img src="@@PLUGINFILE@@/gone.png"> <img src="@@PLUGINFILE@@/note.png"> <img src="https://example.org/x.png">]]></text>
      <file name="note.png" path="/" encoding="base64">{_b64(b"just some text")}</file>
    </questiontext>
    <answer fraction="100"><text>Lung</text></answer>
  </question>
</quiz>
"""


def test_embedded_images_become_media_on_their_text():
    """The question text's image goes on the prompt with its alt text, the general feedback's on the
    explanation; a question holding only an image shows a sign of it; a name shared by other bytes is
    told apart by their hash."""
    result = formats.read(quiz(), filename="organs.xml")
    heart, picture, broken = result.set.questions
    assert [ref.to_dict() for ref in heart.media] == [{"file": "red heart.png", "alt": "A red heart"},
                                                      {"file": "blood.jpg", "field": "explanation"}]
    assert picture.prompt == "\U0001F5BC" and len(picture.media) == 1
    other = picture.media[0].file
    assert other.startswith("red heart-") and other.endswith(".png")
    assert result.set.media == {"red heart.png": RED, "blood.jpg": BLUE, other: BLUE}
    assert broken.media == []


def test_missing_refused_and_outside_files_are_named_with_their_line():
    """A file no <file> element holds, bytes that are no image, and an image on the web are named as not kept."""
    result = formats.read(quiz(), filename="organs.xml")
    assert [(d.line, d.reason) for d in result.dropped] == [
        (23, "the media file 'gone.png' (no <file> element holds it) is not kept"),
        (23, "the media file 'note.png' (not a PNG, JPEG, GIF or WebP image, nor an MP3, OGG or WAV sound) is not kept"),
        (23, "the media file 'https://example.org/x.png' is not kept"),
    ]


def test_played_and_linked_sounds_become_audio_media():
    """A sound played by <audio>/<source> or linked by <a href> comes in once; a link to a web page stays a link."""
    mp3 = gen_mp3_frames()
    text = f"""<quiz><question type="shortanswer"><name><text>listen</text></name>
    <questiontext format="html">
      <text><![CDATA[<audio controls><source src="@@PLUGINFILE@@/rio.mp3"></audio> <a href="@@PLUGINFILE@@/rio.mp3">rio</a>
      <a href="https://example.org/rivers">more</a>]]></text>
      <file name="rio.mp3" path="/" encoding="base64">{_b64(mp3)}</file>
    </questiontext>
    <answer fraction="100"><text>river</text></answer></question></quiz>"""
    result = formats.read(text, filename="listen.xml")
    assert [ref.to_dict() for ref in result.set.questions[0].media] == [{"file": "rio.mp3"}]
    assert result.set.media == {"rio.mp3": mp3} and result.dropped == []


def test_a_question_asked_by_its_sound_alone_shows_a_sign_of_it():
    """A question text holding only a played sound gets the sound sign as its text, so it still asks."""
    text = f"""<quiz><question type="shortanswer"><name><text>s</text></name>
    <questiontext format="html"><text><![CDATA[<audio src="@@PLUGINFILE@@/a.mp3"></audio>]]></text>
      <file name="a.mp3" path="/" encoding="base64">{_b64(gen_mp3_frames())}</file></questiontext>
    <answer fraction="100"><text>water</text></answer></question></quiz>"""
    assert formats.read(text, filename="s.xml").set.questions[0].prompt == "\U0001F50A"


def test_our_moodle_xml_carries_the_questions_files_and_reads_back():
    """Moodle XML out embeds each file as base64 beside its text; reading it back gives the same files on the
    prompt and, from the general feedback, on the explanation."""
    from quizapp.formats.media import MediaRef
    from tests.formats.formats_factories import gen_question, gen_set

    mp3 = gen_mp3_frames()
    data = gen_set([gen_question(id="heart", prompt="Which organ?", answer="Heart", explanation="It pumps.",
                                 media=[MediaRef("img/heart.png", "prompt", "A red heart"), MediaRef("beat.mp3", "answer")])],
                   media={"img/heart.png": RED, "beat.mp3": mp3})
    text = formats.write(data, "moodle")
    assert '&lt;img src="@@PLUGINFILE@@/heart.png" alt="A red heart"&gt;' in text
    assert f'<file name="heart.png" path="/" encoding="base64">{_b64(RED)}</file>' in text
    back = formats.read(text, filename="organs.xml")
    assert [(ref.on, ref.alt, back.set.media[ref.file]) for ref in back.set.questions[0].media] == [
        ("prompt", "A red heart", RED), ("explanation", "", mp3)]
    assert back.dropped == []
