"""Settings of the evaluation: indicator targets, and the cause and resolution lists."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from engine.errors import FormInvalidError
from engine.evaluation.targets import INDICATORS, delete_target, list_targets, set_target
from engine.reference.code_lists import (
    LISTS,
    add_entry,
    list_entries,
    rename_entry,
    set_entry_active,
)
from engine.reference.tables import Opd
from webui.auth import roles_required, services

from .common import now, officer

bp = Blueprint("settings", __name__)

ADMINS = ("sysadmin", "ketua")
LIST_EDITORS = ("sysadmin", "ketua", "tim_admin")


def _form(name: str) -> str:
    return request.form.get(name, "").strip()


def _targets_page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
                  status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        targets = list_targets(uow.session)
        opds = list(uow.session.execute(select(Opd.code, Opd.name).order_by(Opd.name)))
    choices = [(code, indicator.name) for code, indicator in INDICATORS.items()]
    return render_template("dashboard/targets.html", targets=targets, indicators=INDICATORS,
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
            set_target(uow.session, _form("indicator"), _form("period"), _form("opd_code"),
                       _form("value"), officer(), now())
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


def _lists_page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
                status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        entries = {name: list_entries(uow.session, name) for name in LISTS}
    return render_template("dashboard/code_lists.html", lists=LISTS, entries=entries,
                           values=values or {}, errors=errors or {}), status


@bp.get("/daftar-kode")
@roles_required(*LIST_EDITORS)
def code_lists() -> ResponseReturnValue:
    """The causes verification records and the resolutions follow-up records."""
    return _lists_page()


@bp.post("/daftar-kode/<list_name>")
@roles_required(*LIST_EDITORS)
def code_add(list_name: str) -> ResponseReturnValue:
    """Add an entry to a list."""
    try:
        with services().uow() as uow:
            add_entry(uow.session, list_name, _form("code"), _form("label"), officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _lists_page({**request.form.to_dict(), "list": list_name}, exc.errors, 422)
    flash(_("Entri ditambahkan."))
    return redirect(url_for(".code_lists"))


@bp.post("/daftar-kode/<list_name>/<code>")
@roles_required(*LIST_EDITORS)
def code_change(list_name: str, code: str) -> ResponseReturnValue:
    """Rename an entry, or retire or restore it (``action``: ubah, nonaktifkan, aktifkan)."""
    action = _form("action")
    try:
        with services().uow() as uow:
            if action == "ubah":
                rename_entry(uow.session, list_name, code, _form("label"), officer(), now())
            else:
                set_entry_active(uow.session, list_name, code, action == "aktifkan",
                                 officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _lists_page({"list": list_name, "editing": code}, exc.errors, 422)
    flash(_("Perubahan disimpan."))
    return redirect(url_for(".code_lists"))
