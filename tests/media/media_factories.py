"""Real image and sound files, made in memory: Pillow's encoders for images, the wave module for WAV."""
import io
import struct
import wave


def gen_image(fmt="PNG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def gen_wav(seconds=0.2, rate=8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"".join(struct.pack("<h", (i * 300) % 20000) for i in range(int(seconds * rate))))
    return out.getvalue()


def gen_mp3_frames(frames=20) -> bytes:
    """MPEG-1 Layer III frames of silence at 128 kbit/s, 44.1 kHz (417 bytes each, header FF FB 90 00)."""
    return (b"\xff\xfb\x90\x00" + b"\x00" * 413) * frames


def gen_ogg() -> bytes:
    """The first page of an Ogg stream (capture pattern, version 0, beginning-of-stream flag)."""
    return b"OggS\x00\x02" + b"\x00" * 8 + b"\x01\x00\x00\x00" + b"\x00" * 8 + b"\x01\x1e\x01vorbis" + b"\x00" * 30
