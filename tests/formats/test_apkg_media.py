"""Anki packages bring their images and sounds: each on the side of the card its field is shown on."""
import pytest

from quizapp import formats
from tests.formats.anki_tools import MP3, PNG, build_art_deck


@pytest.fixture(scope="module")
def art_packages(tmp_path_factory):
    """The art deck (see :func:`build_art_deck`) exported by Anki in its current and legacy layouts."""
    return {legacy: build_art_deck(tmp_path_factory.mktemp("art"), legacy=legacy) for legacy in (False, True)}


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_media_go_with_the_side_that_shows_them(art_packages, legacy):
    """Front files on the prompt, back files on the answer (swapped on the reverse card), Back Extra on the
    explanation; a front holding only an image shows a sign of it; a percent-encoded name finds its file."""
    result = formats.read(art_packages[legacy], filename="art.apkg")
    assert [(q.type, q.prompt, [ref.to_dict() for ref in q.media]) for q in result.set.questions] == [
        ("flashcard", "\U0001F5BC", [{"file": "my river.png"}]),
        ("flashcard", "gato", [{"file": "gato.mp3"}]),
        ("flashcard", "cat", [{"file": "gato.mp3", "field": "answer"}]),
        ("cloze", "{{Paris}}", [{"file": "my river.png", "field": "explanation"}]),
    ]
    assert result.set.media == {"my river.png": PNG, "gato.mp3": MP3}


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_missing_and_refused_files_are_named_by_note_and_field(art_packages, legacy):
    """A file the package lacks, or whose bytes are no image or sound, is named once with its note and field."""
    result = formats.read(art_packages[legacy], filename="art.apkg")
    assert [(d.line, d.title_or_prompt, d.reason) for d in result.dropped] == [
        (2, "gato", "note 2, field 'Back': the media file 'fake.png' is not kept: not a PNG, JPEG, GIF or WebP "
                    "image, nor an MP3, OGG or WAV sound"),
        (2, "gato", "note 2, field 'Back': the media file 'gone.png' is not in the package"),
        (3, "Paris", "note 3, field 'Text': the media file 'gone.mp3' is not in the package"),
    ]


def test_notes_as_text_name_their_media_as_not_kept():
    """An Anki notes export carries no files: the images it names are listed as not kept."""
    text = '#separator:tab\n#html:true\nWhich river? <img src="tagus.png">\tTagus\n'
    result = formats.read(text, filename="notes.txt")
    assert result.set.questions[0].media == []
    assert [(d.line, d.reason) for d in result.dropped] == [(3, "the media file 'tagus.png' is not kept")]


def test_thousands_of_unclosed_image_tags_are_read_in_linear_time():
    """A field of 16,000 unclosed '<img ' (80 KB) reads in well under a second; the expression that found
    images before took 20 s on it."""
    import time

    text = "#separator:tab\n#html:true\nWhich river? " + "<img " * 16_000 + "\tTagus\n"
    start = time.perf_counter()
    result = formats.read(text, filename="notes.txt")
    assert time.perf_counter() - start < 2
    assert result.set.questions[0].answer == "Tagus"
