"""Reference lists for clients' pickers: OPDs and categories (public)."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from engine.reference.catalog import active_categories, active_opds
from webui.wiring import services

from .common import bp


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
