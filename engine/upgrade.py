"""Bringing a database up to date: schema, default diagrams, reference lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.reference.seed import seed_reference_data
from engine.store import schema
from engine.workflow.definitions import ensure_deployed

from .clock import Clock
from .db import UnitOfWork
from .settings import Settings


def upgrade(settings: Settings, new_uow: Callable[[], UnitOfWork], clock: Clock,
            quiet: bool = False) -> list[str]:
    """Migrate, deploy the diagrams if they changed, seed reference data; returns news."""
    schema.upgrade(settings.database_url, quiet=quiet)
    news: list[str] = []
    with new_uow() as uow:
        deployed = ensure_deployed(uow.session, Path(settings.processes_dir), clock())
        added = seed_reference_data(uow.session)
        uow.commit()
    if deployed is not None:
        news.append(f"deployed {deployed.process_id} version {deployed.version}")
    if added:
        news.append(f"loaded {added} reference rows")
    return news
