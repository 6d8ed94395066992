"""The README's first command: ``quizapp run`` migrates, loads questions/ and serves on 127.0.0.1."""
import os
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env: dict, cwd) -> tuple:
    """Start ``quizapp run`` on ``port`` and wait until its sign-in page answers; the process and that answer."""
    server = subprocess.Popen([sys.executable, "-m", "quizapp", "run", "--port", str(port)], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
                return server, response
        except OSError:
            if server.poll() is not None or time.monotonic() >= deadline:
                server.kill()
                output = server.communicate(timeout=10)[0]
                raise AssertionError(f"the server stopped or did not answer within 60 s:\n{output}") from None
            time.sleep(0.2)


def test_run_bootstraps_an_empty_database_and_serves(empty_database, tmp_path):
    """On first start the app creates its schema, loads the seed set and answers on loopback."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": empty_database, "PYTHONUNBUFFERED": "1"}
    server, response = start_server(port, env, tmp_path)
    try:
        assert response.status == 200
        cookie = response.headers["Set-Cookie"]
        # Plain HTTP on loopback: a Secure cookie would never come back, so it is not set.
        assert "HttpOnly" in cookie and "Secure" not in cookie
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "Loaded set 'russia-coreia-do-norte'" in output
    assert f"http://127.0.0.1:{port}/" in output
