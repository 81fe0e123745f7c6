"""Blueprint `frontoffice` (screens for the frontoffice area)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("frontoffice", __name__)
