"""Improvement actions after each SKM period, recorded by the roles that own the survey."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.periods import month_of
from engine.calendar.working_days import WIB
from engine.errors import FormInvalidError
from engine.evaluation.improvements import (
    OWNER_ROLES,
    add_action,
    list_actions,
    mark_done,
    state_of,
)
from webui.auth import roles_required
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("improvements", __name__)
OWNERS = tuple(sorted(OWNER_ROLES))


def _page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
          done_errors: dict[int, dict[str, str]] | None = None,
          status: int = 200) -> ResponseReturnValue:
    today = now().astimezone(WIB).date()
    with services().uow() as uow:
        actions = [(a, state_of(a, today)) for a in list_actions(uow.session)]
    defaults = {"period": month_of(now()).code}
    return render_template("evaluation/improvements.html", actions=actions,
                           values=values or defaults, errors=errors or {},
                           done_errors=done_errors or {}), status


@bp.get("/perbaikan")
@roles_required(*OWNERS)
def improvements() -> ResponseReturnValue:
    """Every improvement action, open ones first, and a form to record one."""
    return _page()


@bp.post("/perbaikan")
@roles_required(*OWNERS)
def improvement_add() -> ResponseReturnValue:
    """Record an improvement decided after an SKM period."""
    values = request.form.to_dict()
    try:
        with services().uow() as uow:
            add_action(uow.session, values, officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _page(values, exc.errors, status=422)
    flash(_("Tindakan perbaikan dicatat."))
    return redirect(url_for(".improvements"))


@bp.post("/perbaikan/<int:action_id>/selesai")
@roles_required(*OWNERS)
def improvement_done(action_id: int) -> ResponseReturnValue:
    """Record that an improvement was carried out, and its result."""
    try:
        with services().uow() as uow:
            mark_done(uow.session, action_id, request.form.to_dict(), officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _page(done_errors={action_id: exc.errors}, status=422)
    flash(_("Tindakan perbaikan ditandai selesai."))
    return redirect(url_for(".improvements"))
