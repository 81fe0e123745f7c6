"""Email notifications over SMTP (standard library), plain text with an HTML alternative."""

from __future__ import annotations

import hashlib
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from engine.messages import Message

from .base import (
    SMTP_LOGIN_REFUSED,
    SMTP_UNREACHABLE,
    Outgoing,
    PermanentDeliveryError,
    TransientDeliveryError,
)


class SmtpEmailAdapter:
    """Sends through one SMTP server; the Message-ID comes from the idempotency key."""

    def __init__(self, host: str, port: int, security: str, user: str, password: str,
                 sender: str, timeout: float) -> None:
        self.host, self.port, self.security = host, port, security
        self.user, self.password, self.sender, self.timeout = user, password, sender, timeout

    def send(self, message: Outgoing) -> None:
        """Send one email; 5xx answers are permanent, everything else is retried."""
        mail = build_email(message, self.sender)
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            _raise(min(codes) if codes else 450, str(exc))
        except smtplib.SMTPAuthenticationError as exc:
            raise TransientDeliveryError(Message(SMTP_LOGIN_REFUSED, code=exc.smtp_code)) from None
        except smtplib.SMTPResponseException as exc:
            _raise(exc.smtp_code, f"{exc.smtp_code} {exc.smtp_error!r}")
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientDeliveryError(Message(SMTP_UNREACHABLE, error=str(exc))) from None

    def _connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                smtp.starttls()
            except BaseException:
                smtp.close()
                raise
        return smtp


def _raise(code: int, detail: str) -> None:
    if code >= 500:
        raise PermanentDeliveryError(detail)
    raise TransientDeliveryError(detail)


def message_id(key: str, sender: str) -> str:
    """A Message-ID that is the same for every attempt of one message (receivers dedupe)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "alur.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def build_email(message: Outgoing, sender: str) -> EmailMessage:
    """The MIME message: plain text, and the HTML version as an alternative."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id(message.key, sender)
    mail["X-Alur-Idempotency-Key"] = message.key
    mail.set_content(message.text)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    return mail
