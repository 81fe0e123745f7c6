"""Blueprint `monitor`: monitoring and operations (issue 5)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("monitor", __name__, url_prefix="/pemantauan")
