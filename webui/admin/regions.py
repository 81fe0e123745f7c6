"""System administration of the kecamatan centre points the maps put their figures on."""

from __future__ import annotations

import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.errors import FormInvalidError
from engine.reference.regions import list_regions, set_centre
from webui.auth import restrict
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("regions", __name__, url_prefix="/admin")
restrict(bp, "sysadmin")


def _page(editing: str = "", values: dict[str, str] | None = None,
          errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        kecamatan = list_regions(uow.session, "kecamatan")
    return render_template("admin/regions.html", kecamatan=kecamatan, editing=editing,
                           values=values or {}, errors=errors or {}), status


@bp.get("/wilayah")
def index() -> ResponseReturnValue:
    """The kecamatan with their centre points; set or clear one."""
    return _page()


@bp.post("/wilayah/<code>")
def centre(code: str) -> ResponseReturnValue:
    """Set (both numbers) or clear (both empty) one kecamatan's centre point."""
    typed = {name: request.form.get(name, "").strip() for name in ("latitude", "longitude")}
    try:
        point = {name: _number(name, text) for name, text in typed.items()}
        with services().uow() as uow:
            region = set_centre(uow.session, code, point["latitude"], point["longitude"],
                                officer(), now(), services().settings)
            uow.commit()
    except FormInvalidError as exc:
        return _page(code, typed, exc.errors, 422)
    flash(_("Titik tengah Kecamatan %(name)s disimpan.", name=region.name))
    return redirect(url_for(".index", _anchor=f"wilayah-{code}"))


def _number(name: str, text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise FormInvalidError({name: _("Tulis angka desimal, misalnya -3.6213.")})
    return value
