"""Blueprint `officer` (screens for the officer area)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("officer", __name__)
