"""A task's form posted after the task was finished (by a colleague, or in another tab)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

import forms
from engine.complaints.finished import FinishedStep, finished_step
from engine.reference.options import form_options
from webui.screen import form_fields, officer
from webui.task_forms import instance_form
from webui.wiring import services

# Hidden fields of the task form naming its complaint and step: the task row is gone once
# the step is done, so a late post says itself what it was for.
COMPLAINT_FIELD, STEP_FIELD = "_laporan", "_langkah"


def too_late() -> ResponseReturnValue:
    """409: who finished the step and when (when the officer may read the complaint), a way
    to the report, and what the officer typed, shown again so that nothing typed is lost.
    404 with the same words for missing and not theirs when nothing more may be said."""
    code, step = request.form.get(COMPLAINT_FIELD, ""), request.form.get(STEP_FIELD, "")
    typed = None
    with services().uow() as uow:
        done = finished_step(uow.session, code, step, officer()) if code and step else None
        if done is not None and done.form_key and done.instance_id is not None:
            typed = _typed_again(uow.session, done)
    page = render_template("officer/task_gone.html", done=done, step=step, typed=typed)
    return page, 409 if done is not None else 404


def _typed_again(session: Session, done: FinishedStep) -> Any:
    """The step's form as the officer filled it in (rendered, to be shown read-only)."""
    form = instance_form(session, done.instance_id or 0, done.form_key or "")
    return form_fields(form, forms.coerce(form, request.form), None, form_options(session))
