"""`alur suggest train|show`: train the suggestion model by hand, try it on a text."""

from __future__ import annotations

import json

import click


@click.group()
def suggest() -> None:
    """Suggestions of category, OPD and similar complaints."""


@suggest.command("train")
def train() -> None:
    """Learn from the verified complaints now (the worker also does it after verifications)."""
    from engine.suggest.service import train as train_model

    from .support import command_services

    services = command_services()
    with services.uow() as uow:
        report = train_model(uow.session, services.clock())
        uow.commit()
    if report.trained:
        click.echo(f"model dilatih dari {report.samples} laporan terverifikasi")
    else:
        click.echo(f"model tidak dilatih: {report.reason} ({report.samples} laporan "
                   "terverifikasi); saran memakai kata kunci dan tabel kategori → OPD")


@suggest.command("show")
@click.option("--title", required=True)
@click.option("--description", default="")
@click.option("--kecamatan", default=None)
def show(title: str, description: str, kecamatan: str | None) -> None:
    """Print the suggestions for a text as JSON (what the API answers)."""
    from engine.suggest.service import suggest as suggest_for
    from engine.suggest.similar import CENTRAL

    from .support import command_services

    services = command_services()
    with services.uow() as uow:
        found = suggest_for(uow.session, title, description, kecamatan, CENTRAL,
                            services.clock())
        uow.commit()
    click.echo(json.dumps({
        "source": found.source,
        "categories": [vars(c) for c in found.categories],
        "opds": [vars(o) for o in found.opds],
        "similar": [{"tracking_code": s.tracking_code, "title": s.title, "status": s.status,
                     "score": s.score} for s in found.similar],
    }, ensure_ascii=False, indent=2))
