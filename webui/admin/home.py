"""The system administrator's start page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webui.auth import restrict

bp = Blueprint("home", __name__, url_prefix="/admin")
restrict(bp, "sysadmin")


@bp.get("/")
def index() -> ResponseReturnValue:
    """What an administrator can look after."""
    return render_template("admin/index.html")
