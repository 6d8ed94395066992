"""Checks every request passes before a view sees it, so a client's mistake is a 4xx, never a 500.

- A NUL character anywhere in the path, the query, a form or a JSON body is a 400: PostgreSQL
  refuses NUL in text, and no field of the app has a use for it.
- ``<int:...>`` in a route only matches ids an INTEGER column can hold (PostgreSQL's 32 bits):
  ``/attempts/99999999999999999999`` names nothing, so it is a 404 like any unknown id.
- Page numbers and other whole numbers in the query are read by :func:`query_int`: text that is
  no number, or one past its bound, is a 400 naming the parameter.
"""
from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

ID_MAX = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column
PAGE_MAX = 100_000


class IdConverter(IntegerConverter):
    """The ``int`` converter bounded to :data:`ID_MAX` (larger numbers do not match the route: 404)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = ID_MAX,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def query_int(name: str, default: int, *, low: int = 1, high: int = PAGE_MAX) -> int:
    """The whole number ``name`` of the query string, ``default`` when absent or empty; 400 otherwise
    when it is no number from ``low`` to ``high``."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    # Digits only, and few of them: int() of a 5,000-digit string is slow and then refused anyway.
    if raw.isascii() and raw.lstrip("-").isdigit() and len(raw) <= 12 and low <= int(raw) <= high:
        return int(raw)
    abort(400, _("“%(name)s” must be a whole number from %(low)d to %(high)d.", name=name, low=low, high=high))


def _holds_nul(value) -> bool:
    """True when a JSON value has a NUL in any string, key or value (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def refuse_nul() -> None:
    """400 when the request carries a NUL character where the app would read text."""
    found = "\x00" in request.path or any("\x00" in key or "\x00" in value
                                          for key, value in request.args.items(multi=True))
    if not found and request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if request.is_json:
            try:
                found = _holds_nul(request.get_json(silent=True))
            except RecursionError:  # json refuses nesting past Python's stack with this, not a ValueError
                abort(400, _("The JSON body is nested too deeply."))
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            found = any("\x00" in key or "\x00" in value for key, value in request.form.items(multi=True))
    if found:
        abort(400, _("The request holds a NUL character, which no field accepts."))


def init_app(app: Flask) -> None:
    """Bound ``<int:...>`` (call before any blueprint is registered) and check every request for NUL."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul)
