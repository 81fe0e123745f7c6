"""`alur report --period 2026-03`: the periodic report as PDF and XLSX, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report")
@click.option("--period", "period_code", required=True, metavar="PERIODE",
              help="A month (2026-03), a quarter (2026-Q1) or a year (2026).")
@click.option("--out", "out_dir", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the PDF and the XLSX are written to.")
def report(period_code: str, out_dir: Path) -> None:
    """Write the periodic report (PDF with the agency's header, and an XLSX workbook)."""
    from engine.calendar.periods import parse_period
    from engine.errors import FormInvalidError
    from engine.evaluation.reports import write_report
    from engine.evaluation.summary import STEPS, evaluate

    from .support import command_services

    try:
        period = parse_period(period_code)
    except FormInvalidError as exc:
        raise click.BadParameter(exc.errors["periode"], param_hint="--period") from None
    services = command_services()
    with click.progressbar(length=len(STEPS) + 2, label=f"Laporan {period.label}",
                           item_show_func=lambda name: name) as bar:
        def step(name: str) -> None:
            bar.update(1, current_item=name)

        with services.uow() as uow:
            evaluation = evaluate(uow.session, period, services.clock(), on_step=step)
        files = write_report(evaluation, out_dir, on_step=step)
    click.echo(str(files.pdf))
    click.echo(str(files.xlsx))
