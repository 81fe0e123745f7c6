"""`alur complaint ...` and `alur task ...`: the engine's commands from a terminal."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

import click
from sqlalchemy import select

from engine.accounts.signin import actor_for
from engine.accounts.tables import User
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.reporter import find_complaint, post_reply
from engine.complaints.tables import Complaint, HumanTask
from engine.complaints.tasks import complete_task
from engine.domain import CHANNELS, REPORTER, Actor
from engine.errors import AlurError, FormInvalidError
from webui.wiring import Services

from .support import command_services


def _iso(value: Any) -> str:
    """Instants in the command's JSON as ISO 8601 (the receipt's received_at)."""
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _fail(exc: AlurError) -> None:
    click.echo(f"error: {exc}", err=True)
    if isinstance(exc, FormInvalidError):
        for field, message in exc.errors.items():
            click.echo(f"  {field}: {message}", err=True)
    sys.exit(2)


def _actor(services: Services, username: str) -> Actor:
    with services.uow() as uow:
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise click.BadParameter(f"no user {username!r}", param_hint="--as")
        return actor_for(user)


def get_services() -> Services:
    """Alur's parts from the ALUR_* settings."""
    return command_services()


@click.group()
def complaint() -> None:
    """File, show and reply to complaints."""


@click.group()
def task() -> None:
    """Complete user tasks."""

@complaint.command("submit")
@click.option("--title", required=True)
@click.option("--description", required=True)
@click.option("--channel", type=click.Choice(CHANNELS), default="loket", show_default=True)
@click.option("--category")
@click.option("--name")
@click.option("--phone")
@click.option("--anonim", is_flag=True)
@click.option("--rahasia", is_flag=True)
def submit(**fields: Any) -> None:
    """Register a complaint and print its tracking code and secret."""
    services = get_services()
    try:
        receipt = submit_complaint(services.uow(), services.runtime, Intake(**fields),
                                   REPORTER)
    except AlurError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(receipt.__dict__, indent=2, default=_iso))

@complaint.command("show")
@click.argument("tracking_code")
def show(tracking_code: str) -> None:
    """Status, deadline and open tasks of a complaint."""
    services = get_services()
    with services.uow() as uow:
        try:
            found = find_complaint(uow.session, tracking_code)
        except AlurError as exc:
            _fail(exc)
            return
        tasks = uow.session.scalars(select(HumanTask).where(
            HumanTask.complaint_id == found.id)).all()
        click.echo(json.dumps(_summary(found, tasks), indent=2, default=str))

@complaint.command("reply")
@click.argument("tracking_code")
@click.option("--text", default="", help="The message (the reason with --answer belum).")
@click.option("--answer", type=click.Choice(["sudah", "belum"]), default=None,
              help="The reporter's answer after a follow-up: sudah closes, belum reopens.")
def reply(tracking_code: str, text: str, answer: str | None) -> None:
    """Deliver the reporter's reply to the process; prints what it did."""
    services = get_services()
    try:
        outcome = post_reply(services.uow(), services.runtime, tracking_code, text,
                             REPORTER, answer)
    except AlurError as exc:
        _fail(exc)
        return
    click.echo(outcome)

@task.command("complete")
@click.argument("task_id")
@click.option("--as", "username", required=True, help="Username of the officer.")
@click.option("--data", required=True, help="Form data as a JSON object.")
def complete(task_id: str, username: str, data: str) -> None:
    """Complete a task with form data (validated against its form)."""
    services = get_services()
    try:
        payload = json.loads(data)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--data") from exc
    try:
        complete_task(services.uow(), services.runtime, task_id, payload,
                      _actor(services, username))
    except AlurError as exc:
        _fail(exc)
        return
    click.echo("completed")


def _summary(found: Complaint, tasks: list[HumanTask]) -> dict[str, Any]:
    return {
        "tracking_code": found.tracking_code, "registration_no": found.registration_no,
        "status": found.status, "opd": found.opd_code, "stage_due_at": found.stage_due_at,
        "tasks": [{"id": t.id, "name": t.spec_name, "role": t.role, "opd": t.opd_code,
                   "due_at": t.due_at} for t in tasks],
    }
