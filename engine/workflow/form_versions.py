"""Forms versioned with the diagram that uses them: stored per deployed version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .context import Runtime
from .tables import ProcessForm, ProcessInstance


@dataclass(frozen=True)
class FormJson:
    """A form's JSON Schema and UI schema, as plain dicts."""

    schema: dict[str, Any]
    ui: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """``{"schema": ..., "ui": ...}``."""
        return {"schema": self.schema, "ui": self.ui}

    @classmethod
    def of(cls, value: Mapping[str, Any]) -> FormJson:
        """From ``{"schema": ..., "ui": ...}``."""
        return cls(dict(value.get("schema") or {}), dict(value.get("ui") or {}))


# form key -> the form as the forms folder holds it (None when there is no such form)
FormSource = Callable[[str], FormJson | None]


def store_forms(session: Session, definition_id: int, forms: Mapping[str, FormJson]) -> None:
    """Keep ``forms`` as the forms of a deployed version."""
    for key, form in sorted(forms.items()):
        text = json.dumps(form.schema, ensure_ascii=False, sort_keys=True)
        ui = json.dumps(form.ui, ensure_ascii=False, sort_keys=True)
        session.add(ProcessForm(
            definition_id=definition_id, form_key=key, schema=text, ui=ui,
            hash=hashlib.sha256((text + "\n" + ui).encode()).hexdigest(),
        ))
    session.flush()


def forms_of(session: Session, definition_id: int) -> dict[str, FormJson]:
    """The forms stored with a version (empty for versions deployed from the folder)."""
    rows = session.scalars(select(ProcessForm).where(ProcessForm.definition_id == definition_id))
    return {r.form_key: FormJson(json.loads(r.schema), json.loads(r.ui)) for r in rows}


def form_for(session: Session, definition_id: int, key: str) -> FormJson | None:
    """One form of a version, or None when the version keeps none under ``key``."""
    row = session.scalars(select(ProcessForm).where(
        ProcessForm.definition_id == definition_id, ProcessForm.form_key == key)).first()
    return None if row is None else FormJson(json.loads(row.schema), json.loads(row.ui))


def task_form(session: Session, instance_id: int, key: str) -> FormJson | None:
    """The form ``key`` as deployed with the version an instance runs on (None: the folder's)."""
    # Only the version id: loading the instance would read its whole workflow state.
    definition_id = session.scalar(
        select(ProcessInstance.definition_id).where(ProcessInstance.id == instance_id))
    return None if definition_id is None else form_for(session, definition_id, key)


def validate_task_form(
    session: Session, rt: Runtime, definition_id: int, key: str, data: Mapping[str, Any],
    options: Mapping[str, Sequence[Any]],
) -> dict[str, str]:
    """Check a task's data against the form as deployed with version ``definition_id``."""
    stored = rt.deployed.get("form", definition_id, key,
                             lambda: form_for(session, definition_id, key))
    if stored is not None and rt.validate_form_json is not None:
        return rt.validate_form_json(key, stored.schema, stored.ui, data, options)
    return rt.validate_form(key, data, options)
