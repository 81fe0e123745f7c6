"""Channel adapters, one per channel, live or development as the settings say."""

from __future__ import annotations

from collections.abc import Callable

from engine.clock import Clock
from engine.db import UnitOfWork
from engine.settings import Settings

from .base import ChannelAdapter
from .chat import TelegramAdapter, WhatsAppAdapter
from .dev import DevBoxAdapter
from .email import SmtpEmailAdapter
from .national import HttpNationalConnector, NationalAdapter
from .sms import SmsGatewayAdapter

Adapters = dict[str, ChannelAdapter]


def build_adapters(settings: Settings, new_uow: Callable[[], UnitOfWork], clock: Clock
                   ) -> Adapters:
    """One adapter per channel, live or development as the settings say."""
    dev = DevBoxAdapter(new_uow, clock, settings.sms_max_parts)
    timeout = settings.channel_timeout_seconds
    sms = SmsGatewayAdapter(settings.sms_gateway_url, settings.sms_gateway_key,
                            settings.sms_max_parts, timeout)
    email = SmtpEmailAdapter(settings.smtp_host, settings.smtp_port, settings.smtp_security,
                             settings.smtp_user, settings.smtp_password, settings.smtp_sender,
                             timeout)
    national = NationalAdapter(HttpNationalConnector(settings.national_url,
                                                     settings.national_api_key, timeout))
    return {
        "sms": sms if settings.sms_mode == "live" else dev,
        "email": email if settings.email_mode == "live" else dev,
        "nasional": national if settings.national_mode == "live" else dev,
        "whatsapp": WhatsAppAdapter(settings, new_uow, clock)
        if settings.whatsapp_mode == "live" else dev,
        "telegram": TelegramAdapter(settings) if settings.telegram_mode == "live" else dev,
    }
