"""Front Office: paper reports from the box and the counter typed in with a scan of the form,
and the registration book (Buku registrasi) of every channel."""

from __future__ import annotations

from flask import Blueprint

from . import intake, registration_book

bp = Blueprint("frontoffice", __name__, url_prefix="/front-office", template_folder="templates")
for child in (intake.bp, registration_book.bp):
    bp.register_blueprint(child)
