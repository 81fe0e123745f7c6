"""Builds Alur's parts from settings: database, unit of work, runtime with the form validator."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

import forms
from engine.clock import Clock, clock_from_setting
from engine.db import UnitOfWork, make_engine, make_session_factory
from engine.settings import Settings, with_secret_key
from engine.workflow.context import Runtime


def form_validator(forms_dir: str) -> Any:
    """The engine's form check, backed by the forms package."""

    def validate(
        key: str, data: Mapping[str, Any], options: Mapping[str, Sequence[Any]]
    ) -> dict[str, str]:
        return forms.validate(forms.shared_form(key, forms_dir), dict(data), options)

    return validate


def form_json_validator() -> Any:
    """The engine's check of a form stored with a deployed version (JSON given, not a file)."""

    def validate(
        key: str, schema: Mapping[str, Any], ui: Mapping[str, Any], data: Mapping[str, Any],
        options: Mapping[str, Sequence[Any]],
    ) -> dict[str, str]:
        # Checking a schema against the meta-schema costs more than the validation itself.
        return forms.validate(forms.stored_form(key, schema, ui), dict(data), options)

    return validate


@dataclass
class Services:
    """Everything a request or a CLI command needs to run engine commands."""

    settings: Settings
    db: Engine
    sessions: sessionmaker[Session]
    runtime: Runtime

    def uow(self) -> UnitOfWork:
        """A fresh unit of work."""
        return UnitOfWork(self.sessions)

    @property
    def clock(self) -> Clock:
        """The one clock of this process."""
        return self.runtime.clock


def build(settings: Settings, clock: Clock | None = None) -> Services:
    """Connect to the database and assemble the runtime.

    SecretKeyError when the secret key is empty, short or publicly known (outside development
    mode, which makes one): nothing starts that could sign a forgeable session.
    """
    from engine.tables import metadata  # not at import: the tables' dialect options load SQLite's

    settings = with_secret_key(settings)
    metadata()  # every area's tables known before the first query
    db = make_engine(settings.database_url)
    runtime = Runtime(
        clock=clock or clock_from_setting(settings.now),
        settings=settings,
        validate_form=form_validator(settings.forms_dir),
        validate_form_json=form_json_validator(),
    )
    return Services(settings, db, make_session_factory(db), runtime)


def services() -> Services:
    """Alur's parts for the running app (what ``create_app`` put there)."""
    found: Services = current_app.extensions["alur"]
    return found
