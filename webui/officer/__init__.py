"""The officers' desk: signing in and out, the inbox, a task and its form, a complaint as the
officer's role may see it, its files, the officer's own digest, and the tasks the heads of the
team give an Anggota."""

from __future__ import annotations

from flask import Blueprint

from . import digest, files, inbox, signin, tasks, team_tasks

bp = Blueprint("officer", __name__, template_folder="templates")
for child in (signin.bp, inbox.bp, tasks.bp, files.bp, digest.bp, team_tasks.bp):
    bp.register_blueprint(child)
