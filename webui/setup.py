"""Bringing a database up to date: schema, default diagrams, reference lists."""

from __future__ import annotations

from pathlib import Path

from engine import schema
from engine.definitions import ensure_deployed
from engine.reference import seed_reference_data

from .wiring import Services


def upgrade(services: Services, quiet: bool = False) -> list[str]:
    """Migrate, deploy the diagrams if they changed, seed reference data; returns news."""
    schema.upgrade(services.settings.database_url, quiet=quiet)
    news: list[str] = []
    with services.uow() as uow:
        deployed = ensure_deployed(
            uow.session, Path(services.settings.processes_dir), services.clock()
        )
        added = seed_reference_data(uow.session)
        uow.commit()
    if deployed is not None:
        news.append(f"deployed {deployed.process_id} version {deployed.version}")
    if added:
        news.append(f"loaded {added} reference rows")
    return news
