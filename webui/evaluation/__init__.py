"""The evaluation: the dashboard of a period with its charts and tables, the periodic report
(PDF, XLSX) and its release by the team's Sekretaris, the OPD's sheet for its Kepala OPD, the
indicator targets, and the improvement actions after each SKM period."""

from __future__ import annotations

from flask import Blueprint

from . import dashboard, improvements, release, targets

bp = Blueprint("evaluation", __name__, url_prefix="/evaluasi", template_folder="templates")
for child in (dashboard.bp, targets.bp, improvements.bp, release.bp):
    bp.register_blueprint(child)
