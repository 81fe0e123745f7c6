"""`alur user add`: the first system administrator (and any account) from a terminal."""

from __future__ import annotations

import click

from engine.accounts.signin import create_user
from engine.domain import ROLES
from engine.errors import FormInvalidError

from .support import command_services


@click.group()
def user() -> None:
    """Officers' accounts."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "full_name", required=True, help="Full name shown to colleagues.")
@click.option("--opd", default=None, help="OPD code (liaisons, technical units, heads of OPD).")
@click.password_option(help="Asked for when not given.")
def add(username: str, role: str, full_name: str, opd: str | None, password: str) -> None:
    """Create an account."""
    services = command_services()
    with services.uow() as uow:
        try:
            create_user(uow.session, username, full_name, role, password, services.clock(),
                        opd_code=opd)
            uow.commit()
        except FormInvalidError as exc:
            for field, message in exc.errors.items():
                click.echo(f"error: {field}: {message}", err=True)
            raise SystemExit(2) from exc
    click.echo(f"account {username} ({role}) created")
