"""The suggestions' day-one fallback, edited by the system administrator: keywords per
category, and the state of the learned model."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.errors import FormInvalidError
from engine.reference.catalog import active_categories
from engine.suggest.model import MIN_SAMPLES
from engine.suggest.routing import keywords, set_keywords
from engine.suggest.service import model_status
from webui.auth import restrict
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("keywords", __name__, url_prefix="/admin")
restrict(bp, "sysadmin")


def _page(errors: dict[str, str] | None = None, editing: str = "", value: str = "",
          status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        lists = {k.category: k.written for k in keywords(uow.session)}
        categories = active_categories(uow.session)
        state = model_status(uow.session)
    return render_template("admin/keywords.html", lists=lists, categories=categories,
                           state=state, min_samples=MIN_SAMPLES, errors=errors or {},
                           editing=editing, value=value), status


@bp.get("/kata-kunci")
def index() -> ResponseReturnValue:
    """Every active category with its keywords."""
    return _page()


@bp.post("/kata-kunci/<code>")
def save(code: str) -> ResponseReturnValue:
    """Replace a category's keywords (comma-separated words or phrases)."""
    written = request.form.get("keywords", "")
    try:
        with services().uow() as uow:
            set_keywords(uow.session, code, written, officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        return _page(exc.errors, code, written, 422)
    flash(_("Kata kunci disimpan."))
    return redirect(url_for(".index") + f"#kategori-{code}")
