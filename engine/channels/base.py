"""What every channel adapter receives and how it says a send failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.messages import N_

# Why a send failed, as kept in the outbox (plain text: the screens read it back with
# engine.messages.parse); what follows a colon is the library's or the server's own text.
NO_ADDRESS = N_("alamat tujuan belum diatur")
UNREACHABLE = N_("tidak dapat terhubung: %(error)s")
SMTP_LOGIN_REFUSED = N_("login SMTP ditolak: %(code)s")
SMTP_UNREACHABLE = N_("SMTP tidak dapat dihubungi: %(error)s")
TEMPLATE_BROKEN = N_("templat %(file)s: %(error)s")
NO_TEMPLATE = N_("saluran %(channel)s tidak memakai templat")
NO_SUBJECT = N_("templat email harus dimulai dengan 'Subjek:'")
NO_ADAPTER = N_("tidak ada adaptor untuk saluran %(channel)s")
NO_RECIPIENT = N_("Tidak ada penerima dengan alamat")
DELIVERY_ERRORS = (NO_ADDRESS, UNREACHABLE, SMTP_LOGIN_REFUSED, SMTP_UNREACHABLE,
                   TEMPLATE_BROKEN, NO_TEMPLATE, NO_SUBJECT, NO_ADAPTER, NO_RECIPIENT)


class DeliveryError(Exception):
    """A message could not be handed over to its channel."""


class TransientDeliveryError(DeliveryError):
    """Try again later: the gateway, server or network is down or busy."""


class PermanentDeliveryError(DeliveryError):
    """Trying again will not help: the address or the message is refused."""


@dataclass(frozen=True)
class Outgoing:
    """One rendered message for one address; ``key`` lets the receiver drop a repeat."""

    key: str
    channel: str  # sms|email|nasional|whatsapp|telegram
    to: str
    text: str = ""
    subject: str = ""
    html: str | None = None
    document: dict[str, Any] = field(default_factory=dict)  # the national exchange's JSON


class ChannelAdapter(Protocol):
    """Hands a message to the outside world; raises a DeliveryError when it cannot."""

    def send(self, message: Outgoing) -> None:
        """Deliver ``message`` (the same ``key`` twice must not reach the person twice)."""
