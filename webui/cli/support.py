"""Parts for one CLI command, released when the command ends."""

from __future__ import annotations

import click

from engine.settings import Settings
from webui.wiring import Services, build


def command_services(now: str | None = None) -> Services:
    """Alur's parts from ALUR_* settings; the database pool is closed when the command ends."""
    overrides = {"now": now} if now else {}
    services = build(Settings.from_env(**overrides))
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(services.db.dispose)
    return services
