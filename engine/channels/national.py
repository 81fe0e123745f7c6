"""The national LAPOR! connector: an interface, and its HTTP implementation (docs/channels.md)."""

from __future__ import annotations

from typing import Any, Protocol

from .base import Outgoing
from .http import post_json

PATHS = {"return": "/v1/pengaduan/pengalihan", "status": "/v1/pengaduan/status"}


class NationalConnector(Protocol):
    """Something that delivers a document to the national coordinator."""

    def deliver(self, kind: str, document: dict[str, Any], key: str) -> None:
        """Deliver ``document`` of ``kind`` (return|status); ``key`` makes repeats harmless."""


class HttpNationalConnector:
    """The documented JSON-over-HTTPS exchange with a bearer API key."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.base_url, self.api_key, self.timeout = base_url.rstrip("/"), api_key, timeout

    def deliver(self, kind: str, document: dict[str, Any], key: str) -> None:
        """POST the document to the endpoint of its kind."""
        url = self.base_url + PATHS[kind] if self.base_url else ""
        headers = {"Authorization": f"Bearer {self.api_key}", "Idempotency-Key": key}
        post_json(url, document, headers, self.timeout)


class NationalAdapter:
    """The outbox's channel ``nasional``: hands documents to a connector."""

    def __init__(self, connector: NationalConnector) -> None:
        self.connector = connector

    def send(self, message: Outgoing) -> None:
        """Deliver the message's document; ``to`` names its kind."""
        self.connector.deliver(message.to, message.document, message.key)
