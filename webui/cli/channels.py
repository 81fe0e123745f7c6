"""`alur digest [--sore]` and `alur outbox ...`: the roll-call digests and the outbox from a
terminal."""

from __future__ import annotations

from datetime import datetime

import click

from engine.calendar.store import load_calendar
from engine.channels.adapters import build_adapters
from engine.channels.digest import send_digests
from engine.channels.outbox import dispatch_outbox
from engine.channels.outbox_admin import outbox_counts

from .support import command_services


@click.command()
@click.option("--now", "now", default=None, help="Pretend it is this ISO instant.")
@click.option("--force", is_flag=True, help="Also on a day off.")
@click.option("--sore", "afternoon", is_flag=True,
              help="The afternoon digest (apel sore): done today, due tomorrow, late.")
def digest(now: str | None, force: bool, afternoon: bool) -> None:
    """Queue the morning digest (apel pagi), or with --sore the afternoon one (apel sore), for
    every officer with something in it."""
    if now:
        datetime.fromisoformat(now)
    services = command_services(now)
    with services.uow() as uow:
        calendar = load_calendar(uow.session)
    if not force and not calendar.is_working_day(calendar.local_day(services.clock())):
        click.echo("not a working day: no digest (use --force to send anyway)")
        return
    queued = send_digests(services.uow, services.runtime, afternoon)
    click.echo(f"queued {queued} {'afternoon ' if afternoon else ''}digest message(s)")


@click.group()
def outbox() -> None:
    """The outbox of outgoing messages."""


@outbox.command("send")
@click.option("--now", "now", default=None, help="Pretend it is this ISO instant.")
def outbox_send(now: str | None) -> None:
    """Send what is due now (the worker does this on every sweep) and exit."""
    if now:
        datetime.fromisoformat(now)
    services = command_services(now)
    adapters = build_adapters(services.settings, services.uow, services.clock)
    report = dispatch_outbox(services.uow, services.runtime, adapters,
                             services.settings.worker_batch)
    click.echo(f"expanded {report.expanded}, sent {report.sent}, retrying {report.retried}, "
               f"failed {report.failed}")


@outbox.command("status")
def outbox_status() -> None:
    """Messages per status."""
    services = command_services()
    with services.uow() as uow:
        counts = outbox_counts(uow.session)
    for status, count in counts.items():
        click.echo(f"{status:10} {count}")
