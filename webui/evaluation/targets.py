"""Indicator targets of the evaluation, set by its admins."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from engine.errors import FormInvalidError
from engine.evaluation.targets import INDICATORS, delete_target, list_targets, set_target
from engine.reference.tables import Opd
from webui.auth import roles_required
from webui.screen import form_text, now, officer
from webui.texts import engine_text
from webui.wiring import services

bp = Blueprint("targets", __name__)
ADMINS = ("sysadmin", "ketua")


def _targets_page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
                  status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        targets = list_targets(uow.session)
        opds = list(uow.session.execute(select(Opd.code, Opd.name).order_by(Opd.name)))
    choices = [(code, engine_text(indicator.name)) for code, indicator in INDICATORS.items()]
    return render_template("evaluation/targets.html", targets=targets, indicators=INDICATORS,
                           indicator_choices=choices, opds=opds, opd_names=dict(opds),
                           values=values or {}, errors=errors or {}), status


@bp.get("/target")
@roles_required(*ADMINS)
def targets() -> ResponseReturnValue:
    """Every target set, the defaults, and a form to set one."""
    return _targets_page()


@bp.post("/target")
@roles_required(*ADMINS)
def target_set() -> ResponseReturnValue:
    """Set or change a target for a period (or all) and an OPD (or all)."""
    try:
        with services().uow() as uow:
            set_target(uow.session, form_text("indicator"), form_text("period"),
                       form_text("opd_code"), form_text("value"), officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _targets_page(request.form.to_dict(), exc.errors, 422)
    flash(_("Target disimpan."))
    return redirect(url_for(".targets"))


@bp.post("/target/<int:target_id>/hapus")
@roles_required(*ADMINS)
def target_delete(target_id: int) -> ResponseReturnValue:
    """Remove a target; the less specific one (or the default) holds again."""
    with services().uow() as uow:
        delete_target(uow.session, target_id, officer(), now())
        uow.commit()
    flash(_("Target dihapus."))
    return redirect(url_for(".targets"))
