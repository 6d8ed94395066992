"""Sending mail through the SMTP server the environment names; without one, the mail goes to the log.

``QUIZAPP_SMTP_HOST`` (unset: log only), ``QUIZAPP_SMTP_PORT`` (587), ``QUIZAPP_SMTP_SECURITY``
(``starttls``, ``ssl`` or ``none``), ``QUIZAPP_SMTP_USER``/``QUIZAPP_SMTP_PASSWORD`` (optional) and
``QUIZAPP_MAIL_FROM``.
"""
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app

SMTP_TIMEOUT_SECONDS = 15


def send(to: str, subject: str, body: str) -> bool:
    """Send a plain-text mail; False (and the mail in the log) when no server is configured or it fails."""
    config = current_app.config
    host = config.get("QUIZAPP_SMTP_HOST")
    if not host:
        current_app.logger.warning("No SMTP server is configured (QUIZAPP_SMTP_HOST): this mail was not sent.\n"
                                   "To: %s\nSubject: %s\n\n%s", to, subject, body)
        return False
    message = EmailMessage()
    message["From"] = config.get("QUIZAPP_MAIL_FROM") or f"quizapp@{host}"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    security = (config.get("QUIZAPP_SMTP_SECURITY") or "starttls").lower()
    port = int(config.get("QUIZAPP_SMTP_PORT") or (465 if security == "ssl" else 587))
    try:
        if security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if config.get("QUIZAPP_SMTP_USER"):
                smtp.login(config["QUIZAPP_SMTP_USER"], config.get("QUIZAPP_SMTP_PASSWORD") or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("Mail to %s could not be sent through %s:%s", to, host, port)
        return False
    return True
