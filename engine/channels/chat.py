"""Outbound WhatsApp (Cloud API) and Telegram (Bot API) messages, live mode.

WhatsApp accepts free text only within 24 hours of the person's last message; outside that
window the approved template ``whatsapp_template`` carries the text as its one parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from engine.clock import Clock
from engine.db import UnitOfWork
from engine.settings import Settings

from .base import Outgoing
from .chat_intake import last_inbound
from .http import post_json

WINDOW = timedelta(hours=24)
TEMPLATE_PARAMETER_LIMIT = 1000  # characters; the Cloud API refuses longer parameters


class WhatsAppAdapter:
    """POSTs each message to ``/<phone_number_id>/messages`` with the access token."""

    def __init__(self, settings: Settings, new_uow: Callable[[], UnitOfWork], clock: Clock
                 ) -> None:
        self.settings, self.new_uow, self.clock = settings, new_uow, clock

    def send(self, message: Outgoing) -> None:
        """Free text inside the 24-hour window, the approved template outside it."""
        s = self.settings
        url = f"{s.whatsapp_api_url.rstrip('/')}/{s.whatsapp_phone_number_id}/messages"
        headers = {"Authorization": f"Bearer {s.whatsapp_token}",
                   "Idempotency-Key": message.key}
        post_json(url, self.body(message), headers, s.channel_timeout_seconds)

    def body(self, message: Outgoing) -> dict[str, object]:
        """The Cloud API request for ``message``."""
        with self.new_uow() as uow:
            last = last_inbound(uow.session, "whatsapp", message.to)
        base = {"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": message.to}
        if last is not None and self.clock() - last < WINDOW:
            return {**base, "type": "text", "text": {"preview_url": False, "body": message.text}}
        # Template parameters may not hold line breaks or long runs of spaces.
        flat = " · ".join(line.strip() for line in message.text.splitlines() if line.strip())
        return {**base, "type": "template", "template": {
            "name": self.settings.whatsapp_template, "language": {"code": "id"},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": flat[:TEMPLATE_PARAMETER_LIMIT]}]}]}}


class TelegramAdapter:
    """POSTs each message to the Bot API's ``sendMessage``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, message: Outgoing) -> None:
        """Hand one message to Telegram (a bot may always write to a chat that wrote to it)."""
        s = self.settings
        url = f"{s.telegram_api_url.rstrip('/')}/bot{s.telegram_bot_token}/sendMessage"
        post_json(url, {"chat_id": message.to, "text": message.text}, {},
                  s.channel_timeout_seconds)
