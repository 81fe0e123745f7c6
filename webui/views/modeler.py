"""Blueprint `modeler`: the analysts' modeler, validation and deployment (issue 6)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("modeler", __name__, url_prefix="/analis")
