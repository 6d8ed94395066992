"""Several worker processes behind one deployment share what they must: sign-in limits via Redis."""
import http.cookiejar
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.forms import csrf_token_from
from tests.test_serve import _free_port, start_server

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def _failed_sign_in(port: int) -> int:
    """One browser-like wrong-password attempt against one worker; the HTTP status."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    html = opener.open(f"http://127.0.0.1:{port}/login", timeout=10).read().decode()
    form = urllib.parse.urlencode({"email": "shared@example.org", "password": "wrong one",
                                   "csrf_token": csrf_token_from(html)}).encode()
    try:
        return opener.open(f"http://127.0.0.1:{port}/login", data=form, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(not _redis_available(), reason="no Redis server on 127.0.0.1:6379")
def test_failed_sign_ins_are_counted_across_worker_processes(empty_database, tmp_path):
    """Two processes with REDIS_URL set count failed sign-ins together: the third try is refused on either."""
    env = {**os.environ, "DATABASE_URL": empty_database, "REDIS_URL": REDIS_URL, "SECRET_KEY": "shared secret",
           "QUIZAPP_LOGIN_LIMIT": "2 per minute", "QUIZAPP_RATELIMIT_PREFIX": f"test-{uuid.uuid4().hex}"}
    ports = [_free_port(), _free_port()]
    workers = []
    try:
        for port in ports:
            workers.append(start_server(port, env, tmp_path)[0])
        statuses = [_failed_sign_in(port) for port in ports + ports]
    finally:
        for worker in workers:
            worker.terminate()
            worker.communicate(timeout=10)
    assert statuses == [400, 400, 429, 429]
