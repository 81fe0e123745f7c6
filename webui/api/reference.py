"""Reference lists for clients' pickers: OPDs, categories and regions (public)."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from engine.errors import FormInvalidError
from engine.reference.catalog import active_categories, active_opds
from engine.reference.regions import list_regions
from webui.wiring import services

from .common import bp

PARENT_LENGTH = 20


@bp.get("/opds", endpoint="opds")
def opds() -> ResponseReturnValue:
    """Active OPDs: ``[{"code", "name"}]``."""
    with services().uow() as uow:
        found = active_opds(uow.session)
    return jsonify([{"code": o.code, "name": o.name} for o in found])


@bp.get("/categories", endpoint="categories")
def categories() -> ResponseReturnValue:
    """Active categories: ``[{"code", "name", "parent"}]``."""
    with services().uow() as uow:
        found = active_categories(uow.session)
    return jsonify([{"code": c.code, "name": c.name, "parent": c.parent} for c in found])


@bp.get("/regions", endpoint="regions")
def regions() -> ResponseReturnValue:
    """Kecamatan and desa/kelurahan with their Kemendagri codes:
    ``[{"code", "name", "level", "parent", "latitude", "longitude"}]``; ``?level=kecamatan``
    or ``?level=desa`` (desa and kelurahan), ``?parent=<kode kecamatan>``."""
    level = request.args.get("level") or None
    parent = request.args.get("parent") or None
    wrong = {}
    if level not in (None, "kecamatan", "desa"):
        wrong["level"] = "Pilih kecamatan atau desa."
    if parent is not None and len(parent) > PARENT_LENGTH:
        wrong["parent"] = f"Kode wilayah paling panjang {PARENT_LENGTH} karakter."
    if wrong:
        raise FormInvalidError(wrong)
    with services().uow() as uow:
        found = list_regions(uow.session, level, parent)
    return jsonify([{"code": r.code, "name": r.name, "level": r.level, "parent": r.parent,
                     "latitude": r.latitude, "longitude": r.longitude} for r in found])
