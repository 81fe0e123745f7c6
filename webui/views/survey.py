"""Blueprint `survey`: the satisfaction survey (SKM) for reporters (issue 7)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("survey", __name__, url_prefix="/survei")
