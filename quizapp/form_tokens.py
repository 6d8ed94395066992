"""Signed tokens that a page puts in its form and gets back (the study card shown, the quiz question
asked): bound to the account they were made for, and valid for a day.

A token from another account is refused as altered (:class:`BadSignature`); an old one raises
:class:`Expired`, and the page starts over with a fresh one.
"""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

MAX_AGE_SECONDS = 24 * 60 * 60  # a card left open overnight still counts; one from last week does not

Expired = SignatureExpired

__all__ = ["BadSignature", "Expired", "MAX_AGE_SECONDS", "dumps", "loads"]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"quizapp.{purpose}")


def dumps(purpose: str, user_id: int, data: dict) -> str:
    """``data`` signed for ``user_id`` and this purpose, with the time it was made."""
    return _serializer(purpose).dumps({**data, "u": user_id})


def loads(purpose: str, user_id: int, token: str) -> dict:
    """The data of a token made for ``user_id`` within :data:`MAX_AGE_SECONDS`.

    Raises :class:`Expired` when it is older, :class:`BadSignature` when altered, made for another
    purpose or account, or not a token at all.
    """
    data = _serializer(purpose).loads(token or "", max_age=MAX_AGE_SECONDS)  # Expired is a BadSignature: first
    if not isinstance(data, dict) or data.get("u") != user_id:
        raise BadSignature("the token was made for another account")
    return data
