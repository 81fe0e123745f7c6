"""Blueprint `dashboard`: evaluation dashboard and periodic reports (issue 7)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/evaluasi")
