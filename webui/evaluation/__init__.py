"""The evaluation: the dashboard of a period with its charts and tables, the periodic report
(PDF, XLSX), and the indicator targets."""

from __future__ import annotations

from flask import Blueprint

from . import dashboard, targets

bp = Blueprint("evaluation", __name__, url_prefix="/evaluasi", template_folder="templates")
for child in (dashboard.bp, targets.bp):
    bp.register_blueprint(child)
