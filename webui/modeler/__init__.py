"""The analysts' modeler: the editor and its JSON endpoints, forms, deploying a draft, versions
and their diff, and migrating running instances. Only the analis role gets in."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask.typing import ResponseReturnValue
from flask_login import current_user

from . import bundle, deploy, editor, form_editor, migration
from .common import ANALIS

bp = Blueprint("modeler", __name__, url_prefix="/analis", template_folder="templates")
for child in (editor.bp, bundle.bp, deploy.bp, form_editor.bp, migration.bp):
    bp.register_blueprint(child)


@bp.before_request
def analysts_only() -> ResponseReturnValue | None:
    """Only the analis role reaches any page of the modeler (signed out: to the sign-in page)."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined,no-any-return]
    if current_user.role != ANALIS:
        abort(403)
    return None
