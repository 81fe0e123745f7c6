"""Blueprint `channels`: SMS gateway webhook, national LAPOR! exchange, outbox pages (issue 8).

The two machine endpoints sit on this blueprint itself, which the app exempts from CSRF: they
authenticate with a signature or an API key, not cookies. The officers' pages live on nested
blueprints, which CSRF protects as usual.
"""

from __future__ import annotations

from flask import Blueprint

from . import outbox, people, webhooks

bp = Blueprint("channels", __name__, url_prefix="/saluran")
bp.add_url_rule("/sms/masuk", "sms_inbound", webhooks.sms_inbound, methods=["POST"])
bp.add_url_rule("/nasional/pengaduan", "national_inbound", webhooks.national_inbound,
                methods=["POST"])
bp.register_blueprint(outbox.bp)
bp.register_blueprint(people.bp)
