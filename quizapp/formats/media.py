"""Media files a question shows: what a file is, told from its bytes, and how a question names it.

A question refers to its images and sounds by file name (``media: [{file: heart.png, alt: ...}]``);
the bytes travel beside the set (files next to the YAML, members of a ``.zip``, an Anki package's
media). The name is never trusted: :func:`identify` reads the bytes (Pillow for images, the
container's signature for sounds) and refuses anything else. SVG is refused rather than
sanitised: it is a document that can carry scripts and external references, and a bitmap does
everything a question image needs.
"""
from __future__ import annotations

import io
import posixpath
import warnings
from dataclasses import dataclass

from quizapp.formats.data import N_, Message

# The question fields a file may be shown with.
MEDIA_FIELDS = ("prompt", "answer", "explanation")

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
AUDIO_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}
EXTENSIONS = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
    "audio/mpeg": ".mp3", "audio/ogg": ".ogg", "audio/wav": ".wav",
}
# What a question shows as its text when it asks by an image or a sound alone (an Anki field, a
# Moodle question text holding nothing else): a sign, in no language, so the card still asks.
MEDIA_ONLY_TEXT = {"image": "\U0001F5BC", "sound": "\U0001F50A"}
# An image larger than this many pixels is refused before it is decoded (a few KB of PNG can
# claim a 100,000 x 100,000 canvas).
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class MediaRef:
    """One file shown with a question: ``file`` as named beside the set, on which field, with what text."""

    file: str
    on: str = "prompt"
    alt: str = ""

    def to_dict(self) -> dict:
        out = {"file": self.file}
        if self.on != "prompt":
            out["field"] = self.on
        if self.alt:
            out["alt"] = self.alt
        return out


@dataclass(frozen=True)
class MediaKind:
    """What the bytes are: ``image`` or ``audio``, their content type, and an image's size in pixels."""

    kind: str
    content_type: str
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


class MediaRefused(ValueError):
    """The bytes are no image or sound quizapp shows; ``message`` says what they are taken for."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def identify(content: bytes) -> MediaKind:
    """The kind of ``content``, from its bytes alone; :class:`MediaRefused` when it is none we show."""
    head = content[:512]
    audio = _audio_format(head)
    if audio is not None:
        return MediaKind("audio", AUDIO_TYPES[audio])
    if _looks_like_svg(head):
        raise MediaRefused(N_("SVG images are not accepted (they can carry scripts); save it as PNG instead"))
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on huge canvases; a warning is refusal enough here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=list(IMAGE_TYPES)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise MediaRefused(N_("the image is %(width)d x %(height)d pixels; at most %(most)d million "
                                          "pixels are accepted", width=width, height=height, most=MAX_PIXELS // 1_000_000))
                image_format = image.format
                image.verify()
    except MediaRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaRefused(N_("the image has more than %(most)d million pixels", most=MAX_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise MediaRefused(N_("not a PNG, JPEG, GIF or WebP image, nor an MP3, OGG or WAV sound")) from None
    except Exception:  # Pillow's verify() raises whatever the broken decoder raised
        raise MediaRefused(N_("the image is damaged or cut short")) from None
    return MediaKind("image", IMAGE_TYPES[image_format], width, height)


def _audio_format(head: bytes) -> str | None:
    if head.startswith(b"OggS"):
        return "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"ID3") and len(head) >= 10:
        return "mp3"
    if len(head) >= 4 and _mp3_frame_header(head):
        return "mp3"
    return None


def _mp3_frame_header(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a defined version and layer, a usable bitrate and rate."""
    if head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0b11
    return version != 0b01 and layer != 0 and bitrate not in (0, 0b1111) and rate != 0b11


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text) or b"<!doctype svg" in text


def safe_name(name: str) -> str | None:
    """``name`` as a relative path inside the set's folder or archive, or None when it would leave it."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    normal = posixpath.normpath(name)
    if normal.startswith("../") or normal == ".." or normal == ".":
        return None
    return normal
