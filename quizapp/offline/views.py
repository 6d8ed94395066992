"""The installable app: the service worker, the web app manifest, and the study shell served offline.

The worker (``static/sw.js``) is served from the site's root so that its scope covers every page,
with a version in its URL: a hash of the app shell's files, so changing any of them installs a new
worker whose caches replace the old ones. Nothing here depends on JavaScript: pages work without it.
"""
import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template, send_from_directory, url_for
from flask_babel import get_locale, get_translations, gettext as _
from flask_login import current_user, login_required

bp = Blueprint("offline", __name__, template_folder="templates")

# The app shell: what the worker caches for everyone (static files only, never a page or an API answer).
SHELL_ASSETS = (
    "style.css", "favicon.svg", "icons/icon-192.png", "icons/icon-512.png",
    "app.js", "offline-store.js", "grading.js", "offline-study.js", "study.js",
)
WORKER = "sw.js"
THEME_COLOUR = "#2f5d50"  # the header's colour (style.css --accent)
BACKGROUND_COLOUR = "#f7f4ee"  # the page's (--paper)


@cache
def _version(static_folder: str) -> str:
    digest = hashlib.sha256()
    for name in (WORKER, *SHELL_ASSETS):
        digest.update(name.encode() + b"\0" + (Path(static_folder) / name).read_bytes())
    return digest.hexdigest()[:16]


def shell_version() -> str:
    """A hash of the worker and the app shell's files, read once per process."""
    return _version(current_app.static_folder)


def _counted(translate) -> list[str]:
    """A plural message's forms for 0, 1 and 2, its ``%(num)d`` left for the script to fill."""
    return [translate(n) for n in (0, 1, 2)]


def sync_strings() -> dict:
    """What the sync banner and sign-out say, on every page of a signed-in user."""
    t = get_translations()
    return {
        "waiting": _counted(lambda n: t.ungettext("%(num)d answer waiting to sync", "%(num)d answers waiting to sync", n)),
        "refused": _counted(lambda n: t.ungettext("%(num)d answer was refused by the server:",
                                                  "%(num)d answers were refused by the server:", n)),
        "signout_pending": _counted(lambda n: t.ungettext(
            "%(num)d answer has not reached the server yet and is lost if you sign out now. Sign out anyway?",
            "%(num)d answers have not reached the server yet and are lost if you sign out now. Sign out anyway?", n)),
        "all_synced": _("All answers synced."),
    }


def study_strings() -> dict:
    """What offline study says; only in the study shell, the page that studies offline."""
    t = get_translations()
    return {
        "due": _counted(lambda n: t.ungettext("%(num)d due", "%(num)d due", n)),
        "fresh": _counted(lambda n: t.ungettext("%(num)d new", "%(num)d new", n)),
        "cards": _counted(lambda n: t.ungettext("%(num)d card", "%(num)d cards", n)),
        "offline_notice": _("You are offline: your answers are kept on this device and sent when you are back online."),
        "not_downloaded": _("This set was not downloaded for offline study. Open its study page while online to download it."),
        "downloaded_title": _("Downloaded for offline study"),
        "no_downloads": _("Nothing is downloaded yet: open a set’s study page while online."),
        "done_title": _("All done for now"),
        "done_text": _("Nothing else in this download is due now. Your answers are kept on this device "
                       "and sent when you are back online."),
        "study": _("Study"), "show_answer": _("Show answer"), "check": _("Check"), "answer": _("Answer"),
        "right": _("Right"), "not_quite": _("Not quite"),
        # "%(credit)s" is filled in on the device.
        "partly_right": _("Partly right: %(credit)s%% of the marks", credit="%(credit)s"), "one_typo": _("one typo accepted"),
        "your_answer": _("Your answer"), "correct_answer": _("Correct answer"), "no_answer": _("(no answer)"),
        "true": _("True"), "false": _("False"),
        "how_well": _("How well did you remember it?"),
        "proposed_help": _("The proposed rating is highlighted; change it if you like."),
        "ratings": {"1": _("Again"), "2": _("Hard"), "3": _("Good"), "4": _("Easy")},
        "image_alt": _("Image of the question"), "sound_alt": _("Sound of the question"),
        "undo": _("Undo last answer"), "undone": _("Your last answer was undone."),
        "undo_online": _("That answer has reached the server already: undo it when you are back online."),
    }


@bp.app_context_processor
def offline_globals():
    return {"offline_worker_url": url_for("offline.worker", v=shell_version()), "sync_strings": sync_strings,
            "study_strings": study_strings}


@bp.route("/sw.js")
def worker():
    """The service worker, from the root so that it may control every page; always revalidated."""
    response = send_from_directory(current_app.static_folder, WORKER, mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/offline/assets.json")
def assets():
    """What the worker caches when it installs: the app shell's files."""
    return jsonify(version=shell_version(), assets=[url_for("static", filename=name) for name in SHELL_ASSETS])


@bp.route("/manifest.webmanifest")
def manifest():
    """The web app manifest: name, icons, colours, start URL, standalone display."""
    icons = [{"src": url_for("static", filename=f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any"} for size in (192, 512)]
    body = {
        "id": "/", "name": "quizapp", "short_name": "quizapp", "lang": str(get_locale()),
        "description": _("open-source quizzes and flashcards"),
        "start_url": url_for("catalog.index"), "scope": "/", "display": "standalone",
        "theme_color": THEME_COLOUR, "background_color": BACKGROUND_COLOUR, "icons": icons,
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/offline/shell")
@login_required
def shell():
    """The study shell the worker keeps for the signed-in user and serves when a page cannot load.

    It carries no cards: offline-study.js fills it from the user's download in IndexedDB.
    """
    response = current_app.make_response(render_template("offline/shell.html", offline_shell=True))
    response.headers["Cache-Control"] = "private, no-store"
    # The worker keeps the page only when it was rendered for the user the page said was signed in.
    response.headers["X-Quizapp-User"] = str(current_user.id)
    return response
