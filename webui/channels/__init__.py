"""Blueprint `channels`: SMS gateway webhook, national LAPOR! exchange, outbox pages (issue 8).

These endpoints authenticate with signatures or API keys, not cookies, so CSRF does not apply.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("channels", __name__)
