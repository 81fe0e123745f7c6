"""Tables of the channels: inbound SMS and chat logs, chat conversations and contacts, webhook
nonces, the development box, officer contacts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class SmsInbound(Base):
    """Every SMS the gateway delivered, once per gateway message id (duplicates are dropped)."""

    __tablename__ = "sms_inbound"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(100), unique=True)
    sender: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # complaint|reply|rejected|invalid
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)


class WebhookNonce(Base):
    """A signature already accepted: the same signed request twice is a replay."""

    __tablename__ = "webhook_nonce"

    nonce: Mapped[str] = mapped_column(String(128), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)


class DevMessage(Base):
    """A message the development adapters kept instead of sending (admins read them)."""

    __tablename__ = "dev_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    channel: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    parts: Mapped[int] = mapped_column(Integer, default=1)
    encoding: Mapped[str] = mapped_column(String(10), default="")
    created_at: Mapped[datetime] = mapped_column(index=True)


class OfficerContact(Base):
    """Where an officer is told things: an email address and/or a mobile number."""

    __tablename__ = "officer_contact"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(150))
    phone: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime]


class NationalInbound(Base):
    """Every reply or status change national LAPOR! sent about a complaint, once per event id."""

    __tablename__ = "national_inbound"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # reply|status
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    author: Mapped[str] = mapped_column(String(20))  # pelapor|admin (reply); "" (status)
    status: Mapped[str] = mapped_column(String(40), default="")  # national's status word
    text: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20))  # delivered|recorded|closed


class ChatConversation(Base):
    """A WhatsApp or Telegram chat: where its guided report stands (expires), and when the
    person last wrote (WhatsApp allows free text only within 24 hours of that)."""

    __tablename__ = "chat_conversation"
    __table_args__ = (UniqueConstraint("provider", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))  # whatsapp|telegram
    chat_id: Mapped[str] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(20), default="")  # "" when no report is going on
    data: Mapped[str] = mapped_column(Text, default="{}")  # the answers so far (JSON)
    expires_at: Mapped[datetime | None]
    last_inbound_at: Mapped[datetime]


class ChatInbound(Base):
    """Every chat message the providers delivered, once per provider message id."""

    __tablename__ = "chat_inbound"
    __table_args__ = (UniqueConstraint("provider", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str] = mapped_column(String(64), index=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # step|complaint|reply|status|cancelled
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)


class ChatContact(Base):
    """The chat a complaint came from: its follow-ups and answers go back there."""

    __tablename__ = "chat_contact"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64), index=True)
