"""Password reset: a link mailed through the configured SMTP server (or written to the log without
one), or issued by an admin; it works once and for a while, and signs every browser out."""
import logging
import re
import socketserver
import threading

import pytest

from quizapp.extensions import db
from quizapp.models import User
from tests.forms import PASSWORD, post_form

NEW_PASSWORD = "a brand new secret"
LINK = re.compile(r"https?://[^\s\"<]+/password/reset/[A-Za-z0-9_.\-]+")


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 for smtplib: EHLO, MAIL, RCPT, DATA, QUIT; messages kept on the server."""

    def handle(self):
        self.wfile.write(b"220 test ESMTP\r\n")
        envelope = {"to": []}
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb == "MAIL":
                envelope["from"] = command
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                envelope["to"].append(command)
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 go on\r\n")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                self.server.messages.append({**envelope, "data": b"".join(body).decode()})
                self.wfile.write(b"250 queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def ana(make_user):
    return make_user("ana@example.org")


def _signed_in(client) -> bool:
    return client.get("/settings/account").status_code == 200


def _ask_for_link(client, email="ana@example.org"):
    response = post_form(client, "/password/forgot", {"email": email})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _choose(client, link, password=NEW_PASSWORD):
    path = link.split("://", 1)[1].split("/", 1)[1]
    return post_form(client, "/" + path, {"password": password, "confirm": password})


def test_without_smtp_the_link_is_written_to_the_log(client, app, ana, caplog):
    """No QUIZAPP_SMTP_HOST: the mail with its link goes to the log; the link sets a new password."""
    phone = app.test_client()
    post_form(phone, "/login", {"email": "ana@example.org", "password": PASSWORD, "remember": "y"})
    assert _signed_in(phone)
    with caplog.at_level(logging.WARNING):
        page = _ask_for_link(client)
    assert "a link to reset its password is on its way" in page
    link = LINK.search(caplog.text).group(0)
    assert "ana@example.org" in caplog.text
    response = _choose(client, link)
    assert response.status_code == 302 and _signed_in(client)
    assert not _signed_in(phone), "the other browser stays signed in after a reset"
    db.session.expire_all()
    assert db.session.get(User, ana.id).check_password(NEW_PASSWORD)


def test_a_link_works_once(client, app, ana, caplog):
    """After the new password is set, the same link is refused."""
    with caplog.at_level(logging.WARNING):
        _ask_for_link(client)
    link = LINK.search(caplog.text).group(0)
    assert _choose(client, link).status_code == 302
    other = app.test_client()
    response = other.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 400 and "no longer works" in response.get_data(as_text=True)


def test_an_expired_link_is_refused(client, ana, caplog, monkeypatch):
    """A mailed link past its time does not reset anything."""
    monkeypatch.setattr("quizapp.auth.reset.MAILED_LINK_SECONDS", -1)
    with caplog.at_level(logging.WARNING):
        _ask_for_link(client)
    link = LINK.search(caplog.text).group(0)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 400 and "no longer works" in response.get_data(as_text=True)
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1],
                           data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, ana.id).check_password(PASSWORD)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, ana, caplog):
    """The page does not tell whether an account exists; no mail is written for a stranger."""
    with caplog.at_level(logging.WARNING):
        page = _ask_for_link(client, "nobody@example.org")
    assert "a link to reset its password is on its way" in page
    assert not LINK.search(caplog.text)


@pytest.fixture
def app_config(request):
    if "smtp_server" in request.fixturenames:
        server = request.getfixturevalue("smtp_server")
        return {"QUIZAPP_SMTP_HOST": "127.0.0.1", "QUIZAPP_SMTP_PORT": server.server_address[1],
                "QUIZAPP_SMTP_SECURITY": "none", "QUIZAPP_MAIL_FROM": "quiz@example.org"}
    return {}


def test_the_link_is_mailed_through_the_configured_server(client, ana, smtp_server):
    """With QUIZAPP_SMTP_HOST set, the link arrives by SMTP at the account's address, and works."""
    _ask_for_link(client)
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert "ana@example.org" in " ".join(message["to"]) and "From: quiz@example.org" in message["data"]
    link = LINK.search(message["data"].replace("=\r\n", "")).group(0)
    assert _choose(client, link).status_code == 302


def test_an_admin_issues_a_reset_link(client, auth, ana, make_user):
    """An admin gets a link for an account on the users page; the owner sets a password with it."""
    make_user("root@example.org", role="admin")
    auth.login("root@example.org")
    response = post_form(client, f"/admin/users/{ana.id}/reset-link", {}, page="/admin/users")
    assert response.status_code == 200
    link = LINK.search(response.get_data(as_text=True)).group(0)
    auth.logout()
    assert _choose(client, link).status_code == 302
    assert "ana@example.org" in client.get("/settings/account").get_data(as_text=True)


def test_only_admins_issue_reset_links(client, auth, ana, make_user):
    """A teacher asking for someone's reset link is refused."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    response = post_form(client, f"/admin/users/{ana.id}/reset-link", {}, page="/")
    assert response.status_code == 403
