"""Citizens and similar reports: "Mungkin sudah dilaporkan" while writing a report, and "Saya
juga mengalami ini" on a published one. Only published reports ever appear, and nothing of
their reporters."""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.suggest.service import suggest
from engine.suggest.similar import PUBLIC
from engine.suggest.support import add_supporter
from webui.labels import PUBLIC_STATUS, label
from webui.screen import now
from webui.wiring import services

bp = Blueprint("support", __name__)
DEVICE_COOKIE = "alur_perangkat"
DEVICE_DAYS = 365
MIN_WORDS = 2  # a title this short says too little to look for similar reports
LIMITS = {"judul": 150, "isi": 5000}
SHOWN_FROM = 0.5  # similar enough to be worth a citizen's look (a lower bar than a duplicate)


@bp.get("/laporan/mirip")
def similar() -> ResponseReturnValue:
    """Published reports like the one being written (JSON for the report form)."""
    title = request.args.get("judul", "")[:LIMITS["judul"]]
    text = request.args.get("isi", "")[:LIMITS["isi"]]
    if len(f"{title} {text}".split()) < MIN_WORDS:
        return jsonify(reports=[])
    with services().uow() as uow:
        found = suggest(uow.session, title, text, None, PUBLIC, now())
        uow.commit()
    return jsonify(reports=[
        {"tracking_code": s.tracking_code, "title": s.title,
         "status": str(label(PUBLIC_STATUS, s.status)),
         "url": url_for("public.tracking.public_report", code=s.tracking_code)}
        for s in found.similar if s.score >= SHOWN_FROM])


@bp.post("/laporan/<code>/saya-juga")
def agree(code: str) -> ResponseReturnValue:
    """Count this citizen among those with the same problem (once per device)."""
    device = request.cookies.get(DEVICE_COOKIE) or secrets.token_urlsafe(24)
    settings = services().settings
    with services().uow() as uow:
        added, _count = add_supporter(uow.session, code, device, request.remote_addr or "",
                                      settings.secret_key, now())
        uow.commit()
    flash(_("Terima kasih, Anda tercatat juga mengalami masalah ini.") if added else
          _("Anda sudah tercatat untuk laporan ini."))
    response = redirect(url_for("public.tracking.public_report", code=code))
    response.set_cookie(DEVICE_COOKIE, device, max_age=DEVICE_DAYS * 86400, httponly=True,
                        samesite="Lax", secure=bool(settings.secure_cookies))
    return response
