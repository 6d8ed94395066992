"""The offline download lists the media of its cards, once each with their sizes, within its cap."""
import sqlalchemy as sa

from quizapp import clock
from quizapp.extensions import db
from quizapp.models import Media, User


def _sizes():
    return {m.content_type: (f"/media/{m.sha256}", m.size) for m in db.session.scalars(sa.select(Media))}


def test_pack_lists_each_cards_media_and_the_files_to_cache(client, auth, make_user, media_set):
    """The heart card carries its image (prompt) and sound (answer) with alt text and size; the pack's
    files are the three files once each, and their bytes add up."""
    make_user("media@example.org")
    auth.login("media@example.org")
    pack = client.get("/api/v1/sets/anatomy/offline").get_json()
    sizes = _sizes()
    heart = next(card for card in pack["cards"] if card["prompt"] == "Which organ is this?" and card["kind"] != "reveal")
    assert [(m["field"], m["kind"], m["url"], m["alt"], m["size"]) for m in heart["media"]] == [
        ("prompt", "image", *sizes["image/png"][:1], "A red human heart", sizes["image/png"][1]),
        ("answer", "audio", *sizes["audio/wav"][:1], "A heartbeat", sizes["audio/wav"][1]),
    ]
    assert heart["media"][0]["width"] == 40 and heart["media"][0]["height"] == 30
    assert sorted(f["url"] for f in pack["media"]["files"]) == sorted(url for url, _ in sizes.values())
    assert pack["media"]["bytes"] == sum(size for _, size in sizes.values())
    assert pack["limits"]["media_bytes_per_set"] == client.application.config["QUIZAPP_OFFLINE_MEDIA_BYTES_PER_SET"]


def test_media_past_the_cap_are_left_out_and_counted_out(app, make_user, media_set):
    """With a cap that holds only the heart's image, the pack holds that file alone: the sound and the
    lung's photo are neither listed nor on their cards (which show their text alternative)."""
    from quizapp.offline.pack import build_pack  # after the app: the API package imports it first

    user = make_user("cap@example.org")
    url, size = _sizes()["image/png"]
    with app.test_request_context():
        pack = build_pack(db.session.get(User, user.id), media_set, clock.now(), max_cards=10, max_sets=2,
                          max_media_bytes=size)
    assert pack["media"] == {"files": [{"url": url, "size": size}], "bytes": size}
    assert [[m["url"] for m in card["media"]] for card in pack["cards"]] == [[url], []]
