"""The form a task is filled in with: the one deployed with its instance's diagram version."""

from __future__ import annotations

import copy
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
    if stored is None:
        return forms.load_form(key, Path(services().settings.forms_dir))
    # Checked once per content, as the engine checks it; a copy, as load_form gives.
    shared = forms.stored_form(key, stored.schema, stored.ui)
    return forms.FormDefinition(key, copy.deepcopy(shared.schema), copy.deepcopy(shared.ui))
