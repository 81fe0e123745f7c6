"""The citizens' doors, no sign-in: the portal and its report form, tracking a report with
its secret (and replying), the published reports with their "Saya juga mengalami ini" and their
map, similar published reports while writing one, and the satisfaction survey (SKM); and the
machine endpoints /readyz and /metrics."""

from __future__ import annotations

from flask import Blueprint

from . import health, portal, public_map, support, survey, tracking

bp = Blueprint("public", __name__, template_folder="templates")
for child in (portal.bp, health.bp, support.bp, tracking.bp, public_map.bp, survey.bp):
    bp.register_blueprint(child)

init_app = health.init_app
