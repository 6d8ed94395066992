"""Configuration from the environment, with defaults that run on one machine out of the box."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def normalize_database_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (the driver we install), not psycopg2."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(instance_path: str) -> dict:
    """Settings read from environment variables; ``create_app``'s test config overrides them."""
    database_url = os.environ.get("DATABASE_URL") or "sqlite:///" + os.path.join(instance_path, "quizapp.sqlite3")
    redis_url = os.environ.get("REDIS_URL")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": normalize_database_url(database_url),
        "QUIZAPP_QUESTIONS_DIR": os.environ.get("QUIZAPP_QUESTIONS_DIR", str(PROJECT_ROOT / "questions")),
        # Secure cookies by default; `quizapp run` turns this off because it serves plain HTTP on loopback.
        "SESSION_COOKIE_SECURE": _flag("QUIZAPP_SECURE_COOKIES", True),
        "REMEMBER_COOKIE_SECURE": _flag("QUIZAPP_SECURE_COOKIES", True),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # Background jobs (long generations) go to RQ on this Redis, run by `quizapp worker`;
        # without it they run in a thread of the web process.
        "QUIZAPP_REDIS_URL": redis_url,
        # Inputs larger than this (bytes of text or of uploaded file) generate as a background job.
        "QUIZAPP_BACKGROUND_BYTES": int(os.environ.get("QUIZAPP_BACKGROUND_BYTES", "100000")),
        # Lets several deployments (or test runs) share one Redis without mixing their counts.
        "RATELIMIT_KEY_PREFIX": os.environ.get("QUIZAPP_RATELIMIT_PREFIX", "quizapp"),
        "QUIZAPP_LOGIN_LIMIT": os.environ.get("QUIZAPP_LOGIN_LIMIT", "10 per 5 minutes"),
        # What a device may keep for offline study: cards per downloaded set, and sets in all.
        "QUIZAPP_OFFLINE_CARDS_PER_SET": int(os.environ.get("QUIZAPP_OFFLINE_CARDS_PER_SET", "100")),
        "QUIZAPP_OFFLINE_SETS": int(os.environ.get("QUIZAPP_OFFLINE_SETS", "10")),
        # ...and the bytes of images and sounds per downloaded set (the device caches them all).
        "QUIZAPP_OFFLINE_MEDIA_BYTES_PER_SET": int(os.environ.get("QUIZAPP_OFFLINE_MEDIA_BYTES_PER_SET",
                                                                  str(20 * 2**20))),
        # Images and sounds, named by their hash: one folder that every worker reads and writes.
        "QUIZAPP_MEDIA_DIR": os.environ.get("QUIZAPP_MEDIA_DIR", os.path.join(instance_path, "media")),
        "QUIZAPP_MEDIA_MAX_FILE_BYTES": int(os.environ.get("QUIZAPP_MEDIA_MAX_FILE_BYTES", str(5 * 2**20))),
        "QUIZAPP_MEDIA_MAX_SET_BYTES": int(os.environ.get("QUIZAPP_MEDIA_MAX_SET_BYTES", str(100 * 2**20))),
        # Mail (password reset links); without a host, mails are written to the log instead.
        "QUIZAPP_SMTP_HOST": os.environ.get("QUIZAPP_SMTP_HOST"),
        "QUIZAPP_SMTP_PORT": os.environ.get("QUIZAPP_SMTP_PORT"),
        "QUIZAPP_SMTP_SECURITY": os.environ.get("QUIZAPP_SMTP_SECURITY", "starttls"),
        "QUIZAPP_SMTP_USER": os.environ.get("QUIZAPP_SMTP_USER"),
        "QUIZAPP_SMTP_PASSWORD": os.environ.get("QUIZAPP_SMTP_PASSWORD"),
        "QUIZAPP_MAIL_FROM": os.environ.get("QUIZAPP_MAIL_FROM"),
        # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host (0: none trusted).
        "QUIZAPP_TRUSTED_PROXIES": int(os.environ.get("QUIZAPP_TRUSTED_PROXIES", "0")),
    }


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: a slow student loses no answer
    "BABEL_DEFAULT_LOCALE": "en",
    "LANGUAGES": {"en": "English", "pt": "Português"},
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "QUIZAPP_MAX_UPLOAD_BYTES": 2 * 1024 * 1024,  # largest file a teacher may import or generate from
    "RATELIMIT_HEADERS_ENABLED": True,
}
