"""System administration of OPDs (with their liaisons) and complaint categories."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.accounts.admin import opd_staff
from engine.errors import FormInvalidError
from engine.reference.admin import (
    add_category,
    add_opd,
    list_categories,
    rename_opd,
    set_category_active,
    set_opd_active,
    update_category,
)
from webui.auth import restrict
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("reference", __name__, url_prefix="/admin")
restrict(bp, "sysadmin")


def _form(name: str) -> str:
    return request.form.get(name, "").strip()


def _opds_page(values: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
               editing: str = "", status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        entries = opd_staff(uow.session)
    return render_template("admin/opds.html", entries=entries, values=values or {},
                           errors=errors or {}, editing=editing), status


@bp.get("/opd")
def opds() -> ResponseReturnValue:
    """Every OPD with its liaison and technical officers; add, rename, retire."""
    return _opds_page()


@bp.post("/opd")
def opd_add() -> ResponseReturnValue:
    """Add an OPD."""
    try:
        with services().uow() as uow:
            opd = add_opd(uow.session, _form("code"), _form("name"), _form("kind"), officer(),
                          now())
            uow.commit()
    except FormInvalidError as exc:
        return _opds_page(request.form.to_dict(), exc.errors, status=422)
    flash(_("OPD %(name)s ditambahkan.", name=opd.name))
    return redirect(url_for(".opds"))


@bp.post("/opd/<code>/nama")
def opd_rename(code: str) -> ResponseReturnValue:
    """Rename an OPD."""
    try:
        with services().uow() as uow:
            rename_opd(uow.session, code, _form("name"), officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _opds_page({"rename": _form("name")}, exc.errors, editing=code, status=422)
    flash(_("Nama OPD disimpan."))
    return redirect(url_for(".opds"))


@bp.post("/opd/<code>/aktif")
def opd_active(code: str) -> ResponseReturnValue:
    """Retire an OPD or bring it back."""
    active = request.form.get("active") == "1"
    with services().uow() as uow:
        opd = set_opd_active(uow.session, code, active, officer(), now())
        uow.commit()
    flash(_("OPD %(name)s diaktifkan kembali.", name=opd.name) if active else
          _("OPD %(name)s tidak lagi dipakai.", name=opd.name))
    return redirect(url_for(".opds"))


def _categories_page(values: dict[str, Any] | None = None,
                     errors: dict[str, str] | None = None, editing: str = "",
                     status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        categories = list_categories(uow.session)
    parents = [(c.code, c.name) for c in categories if c.active]
    names = {c.code: c.name for c in categories}
    return render_template("admin/categories.html", categories=categories, parents=parents,
                           names=names, values=values or {}, errors=errors or {},
                           editing=editing), status


@bp.get("/kategori")
def categories() -> ResponseReturnValue:
    """Every category; add, rename, move under a parent, retire."""
    return _categories_page()


@bp.post("/kategori")
def category_add() -> ResponseReturnValue:
    """Add a category."""
    try:
        with services().uow() as uow:
            category = add_category(uow.session, _form("code"), _form("name"),
                                    _form("parent") or None, officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _categories_page(request.form.to_dict(), exc.errors, status=422)
    flash(_("Kategori %(name)s ditambahkan.", name=category.name))
    return redirect(url_for(".categories"))


@bp.post("/kategori/<code>")
def category_update(code: str) -> ResponseReturnValue:
    """Rename a category and set its parent."""
    try:
        with services().uow() as uow:
            update_category(uow.session, code, _form("name"), _form("parent") or None,
                            officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _categories_page({"edit_name": _form("name"), "edit_parent": _form("parent")},
                                exc.errors, editing=code, status=422)
    flash(_("Kategori disimpan."))
    return redirect(url_for(".categories"))


@bp.post("/kategori/<code>/aktif")
def category_active(code: str) -> ResponseReturnValue:
    """Retire a category or bring it back."""
    active = request.form.get("active") == "1"
    with services().uow() as uow:
        category = set_category_active(uow.session, code, active, officer(), now())
        uow.commit()
    flash(_("Kategori %(name)s diaktifkan kembali.", name=category.name) if active else
          _("Kategori %(name)s tidak lagi dipakai.", name=category.name))
    return redirect(url_for(".categories"))
