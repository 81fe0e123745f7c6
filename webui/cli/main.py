"""The `alur` command: database, web server, timer worker, demo data."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import datetime
from pathlib import Path

import click

from engine.settings import Settings
from webui.wiring import Services


def _services(now: str | None = None, *, development: bool = False) -> Services:
    from .support import command_services

    return command_services(now, development=development)


@click.group()
def main() -> None:
    """Alur: SP4N LAPOR! complaints as executable BPMN."""
    from engine.logs import configure
    from engine.settings import read_settings

    # Only the log format here; a wrong value keeps text lines, and the command's own reading
    # of the settings then stops it naming the problem.
    values, _problems = read_settings({k: v for k, v in os.environ.items()
                                       if k == "ALUR_LOG_FORMAT"})
    configure(values.get("log_format", "text"))


@main.group()
def db() -> None:
    """Database commands."""


@db.command("upgrade")
@click.option("--quiet", is_flag=True, help="Print nothing when there is nothing to do.")
def db_upgrade(quiet: bool) -> None:
    """Migrate the configured database, deploy new diagrams, load reference data."""
    from engine.upgrade import upgrade

    services = _services()
    messages = upgrade(services.settings, services.uow, services.clock, quiet=quiet)
    for line in messages:
        click.echo(line)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--with-worker", is_flag=True, help="Also fire timers in a background thread.")
def serve(host: str, port: int, with_worker: bool) -> None:
    """Serve the web app (development server; production runs gunicorn)."""
    from engine.settings import SettingsError, served_url
    from webui import create_app

    try:
        # Knowing where it listens: without ALUR_PUBLIC_URL, messages sent from this server
        # (its --with-worker thread) link here rather than to port 5000.
        app = create_app({"ALUR_SETTINGS": Settings.from_env(local_url=served_url(host, port))})
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    if with_worker:
        _start_worker_thread(app.extensions["alur"])
    click.echo(f"Alur berjalan di http://{host}:{port}/")
    app.run(host=host, port=port, use_reloader=False, threaded=True)


def _start_worker_thread(services: Services) -> None:
    from engine.worker import run_worker

    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker, daemon=True, name="alur-worker",
        args=(services.uow, services.runtime),
        kwargs={"interval": services.settings.worker_interval,
                "batch": services.settings.worker_batch, "stop": stop},
    )
    thread.start()


@main.command()
@click.option("--once", is_flag=True, help="Fire what is due now and exit.")
@click.option("--now", "now", default=None, help="Pretend it is this ISO instant (with --once).")
def worker(once: bool, now: str | None) -> None:
    """Fire due timers: forever, or once."""
    from engine.monitor.health import worker_name
    from engine.worker import heartbeat, run_worker, sweep_until_idle

    if now:
        datetime.fromisoformat(now)
    services = _services(now)
    settings = services.settings
    if once:
        from engine.suggest.service import refresh

        swept_at = services.clock()
        report = sweep_until_idle(services.uow, services.runtime, settings.worker_batch)
        heartbeat(services.uow, worker_name(), swept_at)
        click.echo(f"fired {report.fired} instance(s), conflicts {report.conflicts}")
        refresh(services.uow, services.clock())
        return
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"worker: sweeping when a timer falls due, at least every "
               f"{settings.worker_interval:g} s")
    try:
        run_worker(services.uow, services.runtime, interval=settings.worker_interval,
                   batch=settings.worker_batch, stop=stop)
    except Exception:
        # One log line (JSON when asked) with the traceback, then systemd restarts the worker.
        logging.getLogger("alur.worker").exception("worker stopped by an error")
        raise SystemExit(1) from None


@main.command()
@click.option("--if-empty", is_flag=True, help="Do nothing when complaints already exist.")
def demo(if_empty: bool) -> None:
    """Create demo accounts and complaints in different stages (no real personal data).

    Demo data is for development and training: without a secret key, one is made and kept in
    the instance folder (as ALUR_DEVELOPMENT=1 does)."""
    from engine.complaints.demo import load_demo
    from engine.upgrade import upgrade

    services = _services(development=True)
    upgrade(services.settings, services.uow, services.clock, quiet=True)
    lines = load_demo(services.uow, services.runtime, services.settings.demo_password,
                      if_empty=if_empty)
    for line in lines:
        click.echo(line)
    _enrol_demo(services)


def _enrol_demo(services: Services) -> None:
    """Demo accounts whose role needs a second factor get the documented demo secret."""
    from engine.accounts.second_factor import SecretBox, required_roles
    from engine.complaints.demo import enrol_demo_second_factor

    settings = services.settings
    enrolled = enrol_demo_second_factor(
        services.uow(), required_roles(settings.totp_required_roles), settings.demo_totp_secret,
        SecretBox(settings.secret_key), services.clock())
    if enrolled:
        click.echo(f"{enrolled} demo account(s) ask for an authenticator code: add the secret "
                   f"{settings.demo_totp_secret} to an authenticator app (docs/guide/sysadmin.md)")


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(target: Path) -> None:
    """Write a consistent backup of the database to TARGET (safe while Alur runs)."""
    from engine.settings import Settings
    from engine.store.backup import backup

    backup(Settings.from_env().database_url, target)
    click.echo(f"backup written to {target}")


@main.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def restore_command(source: Path, yes: bool) -> None:
    """Replace the database with the backup in SOURCE (stop web and workers first)."""
    from engine.settings import Settings
    from engine.store.backup import restore

    if not yes:
        click.confirm("This replaces the whole database. Continue?", abort=True)
    restore(Settings.from_env().database_url, source)
    click.echo(f"database restored from {source}")


def _add_process_commands() -> None:
    from .process import complaint, task
    from .report import report

    main.add_command(complaint)
    main.add_command(task)
    main.add_command(report)


def _add_user_commands() -> None:
    from .users import user

    main.add_command(user)


def _add_suggest_commands() -> None:
    from .suggest import suggest

    main.add_command(suggest)


def _add_channel_commands() -> None:
    from .channels import digest, outbox

    main.add_command(digest)
    main.add_command(outbox)


def _add_config_commands() -> None:
    from .config import config

    main.add_command(config)


def _add_file_commands() -> None:
    from .files import files

    main.add_command(files)


_add_process_commands()
_add_channel_commands()
_add_user_commands()
_add_file_commands()
_add_config_commands()
_add_suggest_commands()


if __name__ == "__main__":
    main()
