"""JSON API v1: the contract of the mobile app, the SMS gateway and the national exchange."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
