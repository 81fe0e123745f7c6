"""The public landing page and a health check."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

bp = Blueprint("public", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Liveness probe for load balancers."""
    return jsonify(status="ok")


@bp.get("/")
def index() -> ResponseReturnValue:
    """Landing page (replaced by the citizen portal)."""
    return "<!doctype html><title>Alur</title><h1>Alur — SP4N LAPOR! Empat Lawang</h1>"
