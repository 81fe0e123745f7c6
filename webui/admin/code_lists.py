"""The cause and resolution lists verification and follow-up choose from."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.errors import FormInvalidError
from engine.reference.code_lists import (
    LISTS,
    add_entry,
    list_entries,
    rename_entry,
    set_entry_active,
)
from webui.auth import roles_required
from webui.screen import form_text, now, officer
from webui.wiring import services

bp = Blueprint("code_lists", __name__, url_prefix="/evaluasi")
LIST_EDITORS = ("sysadmin", "ketua", "tim_admin")


def _lists_page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
                status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        entries = {name: list_entries(uow.session, name) for name in LISTS}
    return render_template("admin/code_lists.html", lists=LISTS, entries=entries,
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
            add_entry(uow.session, list_name, form_text("code"), form_text("label"), officer(),
                      now())
            uow.commit()
    except FormInvalidError as exc:
        return _lists_page({**request.form.to_dict(), "list": list_name}, exc.errors, 422)
    flash(_("Entri ditambahkan."))
    return redirect(url_for(".code_lists"))


@bp.post("/daftar-kode/<list_name>/<code>")
@roles_required(*LIST_EDITORS)
def code_change(list_name: str, code: str) -> ResponseReturnValue:
    """Rename an entry, or retire or restore it (``action``: ubah, nonaktifkan, aktifkan)."""
    action = form_text("action")
    try:
        with services().uow() as uow:
            if action == "ubah":
                rename_entry(uow.session, list_name, code, form_text("label"), officer(), now())
            else:
                set_entry_active(uow.session, list_name, code, action == "aktifkan",
                                 officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _lists_page({"list": list_name, "editing": code}, exc.errors, 422)
    flash(_("Perubahan disimpan."))
    return redirect(url_for(".code_lists"))
