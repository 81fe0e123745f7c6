"""The public map of published reports, with filters by kecamatan, category and status; the same
reports are listed under it, so the page serves without scripts or tiles too."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from engine.complaints.published import MapFilter, published_map
from engine.complaints.visibility import PUBLISHED_STATUSES
from engine.domain import STATUSES
from engine.reference.options import form_options
from webui.labels import PUBLIC_STATUS, label
from webui.wiring import services

bp = Blueprint("peta", __name__)


def _filter() -> MapFilter:
    def arg(name: str, allowed: set[str]) -> str | None:
        value = request.args.get(name) or None
        return value if value in allowed else None

    with services().uow() as uow:
        options = form_options(uow.session)
    return MapFilter(arg("kecamatan", {c for c, _ in options["kecamatan"]}),
                     arg("category", {c for c, _ in options["categories"]}),
                     arg("status", set(PUBLISHED_STATUSES)))


@bp.get("/peta")
def index() -> ResponseReturnValue:
    """Published reports as pins (clustered), filtered; rahasia ones are never published."""
    flt = _filter()
    with services().uow() as uow:
        found = published_map(uow.session, flt)
        options = form_options(uow.session)
    pins = [{"lat": p.latitude, "lng": p.longitude, "code": p.tracking_code, "title": p.title,
             "status": str(label(PUBLIC_STATUS, p.status)),
             "url": url_for("public.tracking.public_report", code=p.tracking_code)}
            for p in found.pins]
    statuses = [s for s in STATUSES if s in PUBLISHED_STATUSES]
    return render_template("public/map.html", found=found, pins=pins, flt=flt,
                           kecamatan=options["kecamatan"], categories=options["categories"],
                           statuses=statuses)
