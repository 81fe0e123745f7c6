"""Complaints per place for managers: a map of the kecamatan and the same figures as a table,
with the overdue ones; one kecamatan opens its desa."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.monitor.places import counts_by_place
from engine.reference.tables import Region
from webui.auth import roles_required
from webui.screen import now
from webui.wiring import services

from .instances import MANAGERS

bp = Blueprint("places", __name__)


@bp.get("/wilayah")
@roles_required(*MANAGERS)
def index() -> ResponseReturnValue:
    """Received, open and overdue complaints per kecamatan (``?kecamatan=`` per desa)."""
    code = request.args.get("kecamatan") or None
    with services().uow() as uow:
        kecamatan = uow.session.get(Region, code) if code else None
        if code and (kecamatan is None or kecamatan.level != "kecamatan"):
            abort(404)
        rows = counts_by_place(uow.session, now(), code)
        name = kecamatan.name if kecamatan else None
    points = [{"lat": r.latitude, "lng": r.longitude, "count": r.open, "overdue": r.overdue,
               "tip": _("%(name)s: %(open)s terbuka, %(late)s terlambat", name=r.name,
                        open=r.open, late=r.overdue)} for r in rows
              if r.latitude is not None and r.longitude is not None and r.code]
    totals = [sum(getattr(r, k) for r in rows) for k in ("received", "open", "overdue")]
    return render_template("monitor/places.html", rows=rows, points=points, totals=totals,
                           kecamatan=code, kecamatan_name=name,
                           unplaced=sum(1 for r in rows if r.code and r.latitude is None))
