"""Alur's web application: the app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engine.settings import Settings


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app from ALUR_* settings, or from ``test_config`` in tests."""
    from . import wiring
    from .views import public

    app = Flask(__name__)
    config = dict(test_config or {})
    services = config.pop("ALUR_SERVICES", None)
    settings = config.pop("ALUR_SETTINGS", None) or Settings.from_env()
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024 * 3,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.update(config)
    app.extensions["alur"] = services or wiring.build(settings)
    app.register_blueprint(public.bp)
    return app
