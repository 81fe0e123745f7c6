"""Monitoring for managers: the instance list and its CSV, complaints per place, one instance
on its diagram, each version's diagram with counts and durations, and operations on an
instance."""

from __future__ import annotations

from flask import Blueprint

from . import detail, export, instances, operations, places

bp = Blueprint("monitor", __name__, url_prefix="/pemantauan", template_folder="templates")
for child in (instances.bp, places.bp, detail.bp, operations.bp, export.bp):
    bp.register_blueprint(child)
