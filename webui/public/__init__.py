"""The citizens' doors, no sign-in: the portal and its report form, tracking a report with
its secret (and replying), the published reports and their map, and the satisfaction survey
(SKM)."""

from __future__ import annotations

from flask import Blueprint

from . import portal, public_map, survey, tracking

bp = Blueprint("public", __name__, template_folder="templates")
for child in (portal.bp, tracking.bp, public_map.bp, survey.bp):
    bp.register_blueprint(child)
