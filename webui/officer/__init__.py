"""The officers' desk: signing in and out, the inbox, a task and its form, a complaint as the
officer's role may see it, its files, the officer's own digest, the tasks the heads of the
team give an Anggota, and on verification the suggested categories, OPDs and likely
duplicates."""

from __future__ import annotations

from flask import Blueprint

from . import account, digest, files, inbox, signin, signin_steps, suggestions, tasks, team_tasks

bp = Blueprint("officer", __name__, template_folder="templates")
for child in (signin.bp, signin_steps.bp, account.bp, inbox.bp, tasks.bp, files.bp, digest.bp,
              team_tasks.bp, suggestions.bp):
    bp.register_blueprint(child)
