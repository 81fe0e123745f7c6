"""Parts for one CLI command, released when the command ends."""

from __future__ import annotations

import click

from engine.settings import Settings, SettingsError
from webui.wiring import Services, build


def command_services(now: str | None = None, *, development: bool = False) -> Services:
    """Alur's parts from ALUR_* settings; the database pool is closed when the command ends.

    ``development`` makes a missing secret key as ALUR_DEVELOPMENT=1 does (``alur demo``).
    A key that may not sign stops the command with the reason and what to do.
    """
    overrides: dict[str, object] = {"now": now} if now else {}
    if development:
        overrides["development"] = 1
    try:
        services = build(Settings.from_env(**overrides))
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(services.db.dispose)
    return services
