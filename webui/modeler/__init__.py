"""The analysts' modeler: the editor and its JSON endpoints, forms, deploying a draft, versions
and their diff, and migrating running instances. Only the analis role gets in; the team's
Sekretaris reviews and approves drafts on pages of its own (``approval``)."""

from __future__ import annotations

from flask import Blueprint

from webui.auth import restrict

from . import approval, bundle, deploy, editor, form_editor, migration
from .common import ANALIS

bp = Blueprint("modeler", __name__, url_prefix="/analis", template_folder="templates")
for child in (editor.bp, bundle.bp, deploy.bp, form_editor.bp, migration.bp):
    bp.register_blueprint(child)
restrict(bp, ANALIS)  # only the analis role reaches any page (signed out: the sign-in page)
approval_bp = approval.bp
