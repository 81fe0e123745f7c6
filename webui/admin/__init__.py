"""One admin area: accounts, OPDs and categories (with the suggestions' keywords), kecamatan
centre points, the cause and resolution lists, the working calendar, the outbox and its
templates, and officers' contacts. Each page says who may open it (mostly the system
administrator; the code lists also Ketua and Tim Admin)."""

from __future__ import annotations

from flask import Blueprint

from . import (
    accounts,
    audit_log,
    calendar,
    code_lists,
    contacts,
    home,
    keywords,
    outbox,
    reference,
    regions,
)

bp = Blueprint("admin", __name__, template_folder="templates")
for child in (home.bp, accounts.bp, reference.bp, regions.bp, keywords.bp, code_lists.bp,
              calendar.bp, outbox.bp, contacts.bp, audit_log.bp):
    bp.register_blueprint(child)
