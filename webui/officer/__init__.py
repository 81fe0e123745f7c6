"""The officers' desk: signing in and out, the inbox, a task and its form, a complaint as the
officer's role may see it, its files, and the officer's own digest; on verification, the
suggested categories, OPDs and likely duplicates."""

from __future__ import annotations

from flask import Blueprint

from . import digest, files, inbox, signin, suggestions, tasks

bp = Blueprint("officer", __name__, template_folder="templates")
for child in (signin.bp, inbox.bp, tasks.bp, suggestions.bp, files.bp, digest.bp):
    bp.register_blueprint(child)
