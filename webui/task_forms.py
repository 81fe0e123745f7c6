"""The form a task is filled in with: the one deployed with its instance's diagram version."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

import forms
from engine.complaints.tables import HumanTask
from engine.workflow.form_versions import task_form

from .wiring import services


def task_form_definition(session: Session, task: HumanTask) -> forms.FormDefinition:
    """The task's form as deployed with its version, else the forms folder's (same as the engine
    validates against, so what an officer sees is what is checked)."""
    return instance_form(session, task.instance_id, task.form_key or "")


def instance_form(session: Session, instance_id: int, key: str) -> forms.FormDefinition:
    """Form ``key`` as deployed with the instance's version, else the forms folder's."""
    stored = task_form(session, instance_id, key)
    if stored is not None:
        return forms.make_form(key, dict(stored.schema), dict(stored.ui))
    return forms.load_form(key, Path(services().settings.forms_dir))
