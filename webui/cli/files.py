"""`alur files check`: the uploads folder against the attachment rows."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from engine.complaints.file_check import check_files, remove_stray

from .support import command_services


@click.group()
def files() -> None:
    """Uploaded files (ID copies, scans, evidence)."""


@files.command("check")
@click.option("--remove", is_flag=True,
              help="Delete files no complaint points to (only those older than --grace).")
@click.option("--grace", "grace_minutes", default=60, show_default=True, type=int,
              help="Minutes a stray file is left alone (a submission may still be saving it).")
def check(remove: bool, grace_minutes: int) -> None:
    """List files no complaint points to and complaints whose file is missing; exit code 1
    while any remain."""
    services = command_services()
    folder = Path(services.settings.uploads_dir)
    with services.uow() as uow:
        found = check_files(uow.session, folder)
    now = datetime.now().astimezone()  # file times are the machine's, never a pinned clock
    grace = timedelta(minutes=grace_minutes)
    removed = {s.name for s in remove_stray(folder, found, now, grace)} if remove else set()
    click.echo(f"{found.checked} file(s) of complaints checked in {folder}")
    for stray in found.stray:
        state = "removed" if stray.name in removed else (
            "kept: younger than the grace period" if remove else "")
        click.echo(f"stray: {stray.name} ({stray.size} bytes, {stray.modified:%Y-%m-%d %H:%M})"
                   + (f" — {state}" if state else ""))
    for gone in found.missing:
        click.echo(f"missing: attachment {gone.attachment_id} ({gone.kind}, {gone.filename!r}) "
                   f"of {gone.tracking_code}")
    left = len(found.stray) - len(removed) + len(found.missing)
    if found.stray and not remove:
        click.echo("run `alur files check --remove` to delete the stray files")
    if left:
        sys.exit(1)
    click.echo("ok: every file belongs to a complaint and every complaint's file is there")
