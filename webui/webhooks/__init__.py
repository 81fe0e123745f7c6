"""Doors for machines: the SMS gateway's, WhatsApp's and Telegram's webhooks and the national
LAPOR! inbound endpoints (forwarded complaints, replies, status changes). They authenticate with
a signature, a platform's token or an API key, not cookies, so the app exempts these views (and
only them) from CSRF."""

from __future__ import annotations

from flask import Blueprint

from . import chat, national, sms

bp = Blueprint("webhooks", __name__, url_prefix="/saluran")
for child in (sms.bp, chat.bp, national.bp):
    bp.register_blueprint(child)

EXEMPT_FROM_CSRF = (sms.inbound, chat.whatsapp, chat.telegram, national.inbound, national.reply,
                    national.status)
