"""The evaluation: the dashboard of a period with its charts and tables, the periodic report
(PDF, XLSX), the indicator targets, and the improvement actions after each SKM period."""

from __future__ import annotations

from flask import Blueprint

from . import dashboard, improvements, targets

bp = Blueprint("evaluation", __name__, url_prefix="/evaluasi", template_folder="templates")
for child in (dashboard.bp, targets.bp, improvements.bp):
    bp.register_blueprint(child)
