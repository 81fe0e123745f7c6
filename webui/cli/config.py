"""`alur config check`: what the app would run with, and what is wrong with it."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.group()
def config() -> None:
    """Settings commands."""


@config.command("check")
@click.option("--env-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also read NAME=value lines from this file, as systemd's EnvironmentFile "
                   "(e.g. /etc/alur/alur.env); the environment overrides it.")
def check_command(env_file: Path | None) -> None:
    """Print the effective settings (secrets hidden), where each came from, and every problem;
    exit 1 when there is any."""
    from engine.config_check import check, read_env_file

    file_values, problems = read_env_file(env_file) if env_file else ({}, [])
    report = check(os.environ, file_values if env_file else None, str(env_file or ""))
    width = max(len(row.variable) for row in report.settings)
    for row in report.settings:
        click.echo(f"{row.variable:<{width}}  {row.shown}  [{row.source}]")
    problems += report.problems
    if not problems:
        click.echo("\nNo problems.")
        return
    click.echo(f"\n{len(problems)} problem(s):", err=True)
    for problem in problems:
        click.echo(f"- {problem}", err=True)
    raise SystemExit(1)
