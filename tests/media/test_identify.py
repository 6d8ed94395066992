"""Media files are told from their bytes: the four image types, three sound types, nothing else."""
import struct
import zlib

import pytest

from quizapp.formats.media import MediaRefused, identify, safe_name
from tests.media.media_factories import gen_image, gen_mp3_frames, gen_ogg, gen_wav


@pytest.mark.parametrize("fmt, content_type", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"),
                                               ("WEBP", "image/webp")])
def test_images_are_told_from_their_bytes_with_their_size(fmt, content_type):
    """Pillow reads each image type and its size in pixels."""
    kind = identify(gen_image(fmt, size=(40, 30)))
    assert (kind.kind, kind.content_type, kind.width, kind.height) == ("image", content_type, 40, 30)


@pytest.mark.parametrize("content, content_type", [(gen_wav(), "audio/wav"), (gen_mp3_frames(), "audio/mpeg"),
                                                   (b"ID3\x04\x00\x00\x00\x00\x00\x00" + gen_mp3_frames(), "audio/mpeg"),
                                                   (gen_ogg(), "audio/ogg")])
def test_sounds_are_told_from_their_container(content, content_type):
    """WAV, MP3 (with or without an ID3 tag) and OGG are recognised by their signature."""
    assert identify(content).content_type == content_type


def test_svg_is_refused_with_the_reason():
    """An SVG can carry scripts: it is refused, saying to save it as PNG."""
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(MediaRefused, match="SVG"):
        identify(svg)


@pytest.mark.parametrize("content", [b"<html><script>alert(1)</script></html>", b"just text", b"",
                                     b"\xff\xff\xff\xff" * 10, b"%PDF-1.7\n"])
def test_other_bytes_are_refused_whatever_their_name(content):
    """HTML, text, PDF or random bytes are no image or sound."""
    with pytest.raises(MediaRefused, match="not a PNG"):
        identify(content)


def test_a_cut_image_is_refused():
    """A PNG cut short is damaged, not accepted."""
    with pytest.raises(MediaRefused):
        identify(gen_image("PNG", size=(300, 300), color=(1, 2, 3))[:60])


def test_a_huge_canvas_is_refused_before_decoding():
    """A tiny PNG that claims 50,000 x 50,000 pixels is refused from its header."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")
    with pytest.raises(MediaRefused, match="million pixels"):
        identify(png)


@pytest.mark.parametrize("name, expected", [("heart.png", "heart.png"), ("img/heart.png", "img/heart.png"),
                                            ("./a/../b.png", "b.png"), ("../secret.png", None), ("/etc/passwd", None),
                                            ("a\\..\\b.png", None), ("C:x.png", None), ("", None)])
def test_names_may_not_leave_the_sets_folder(name, expected):
    """A media name is a relative path that stays inside the set's folder."""
    assert safe_name(name) == expected
