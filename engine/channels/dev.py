"""The development box: messages are logged and kept for admins instead of leaving the house."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from engine.clock import Clock
from engine.db import UnitOfWork

from .base import Outgoing
from .sms_text import prepare
from .tables import DevMessage

log = logging.getLogger("alur.devbox")


class DevBoxAdapter:
    """Keeps each message once per idempotency key, like a receiver that dedupes."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], clock: Clock, sms_max_parts: int
                 ) -> None:
        self.new_uow, self.clock, self.sms_max_parts = new_uow, clock, sms_max_parts

    def send(self, message: Outgoing) -> None:
        """Store the message in the development box (a repeat of a key is ignored)."""
        row = self._row(message)
        # Kept for the admin page; the log names no recipient and no text (personal data).
        log.info("devbox %s message %s kept", message.channel, message.key)
        with self.new_uow() as uow:
            uow.session.add(row)
            try:
                uow.commit()
            except IntegrityError:
                uow.rollback()  # already kept: the same key was delivered before

    def _row(self, message: Outgoing) -> DevMessage:
        row = DevMessage(idempotency_key=message.key, channel=message.channel,
                         address=message.to, subject=message.subject, body=message.text,
                         html=message.html, parts=1, encoding="", created_at=self.clock())
        if message.channel == "sms":
            sms = prepare(message.text, self.sms_max_parts)
            row.body, row.parts, row.encoding = sms.text, len(sms.parts), sms.encoding
        elif message.channel == "nasional":
            row.body = json.dumps(message.document, ensure_ascii=False, indent=2)
        return row
