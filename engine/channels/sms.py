"""Outbound SMS through the SMS gateway's HTTP API (contract in docs/channels.md)."""

from __future__ import annotations

from .base import Outgoing
from .http import post_json
from .sms_text import prepare


class SmsGatewayAdapter:
    """POSTs each SMS as JSON to the configured gateway with a bearer key."""

    def __init__(self, url: str, key: str, max_parts: int, timeout: float) -> None:
        self.url, self.key, self.max_parts, self.timeout = url, key, max_parts, timeout

    def send(self, message: Outgoing) -> None:
        """Hand one SMS to the gateway; its ``message_id`` lets the gateway drop repeats."""
        sms = prepare(message.text, self.max_parts)
        body = {"message_id": message.key, "to": message.to, "text": sms.text,
                "encoding": sms.encoding, "parts": len(sms.parts)}
        headers = {"Authorization": f"Bearer {self.key}", "Idempotency-Key": message.key}
        post_json(self.url, body, headers, self.timeout)
