"""What every channel adapter receives and how it says a send failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


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
    channel: str  # sms|email|nasional
    to: str
    text: str = ""
    subject: str = ""
    html: str | None = None
    document: dict[str, Any] = field(default_factory=dict)  # the national exchange's JSON


class ChannelAdapter(Protocol):
    """Hands a message to the outside world; raises a DeliveryError when it cannot."""

    def send(self, message: Outgoing) -> None:
        """Deliver ``message`` (the same ``key`` twice must not reach the person twice)."""
