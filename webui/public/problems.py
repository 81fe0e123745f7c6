"""What is wrong with a citizen's form, said at once: each refused file named with its reason
(in the reader's language) even when other fields are wrong too, and the errors of several
checks joined by field."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from engine.complaints.attachments import Upload, check_upload, safe_filename
from engine.errors import FormInvalidError
from webui.intake import FILE_KINDS
from webui.texts import engine_text
from webui.wiring import services

FIELD_OF_KIND = {kind: field for field, kind in FILE_KINDS.items()}


def joined(*found: Mapping[str, str]) -> dict[str, str]:
    """Errors by field from several checks; a field's messages one after the other."""
    errors: dict[str, str] = {}
    for some in found:
        for field, text in some.items():
            errors[field] = f"{errors[field]} {text}" if field in errors else text
    return errors


def file_errors(files: list[Upload]) -> dict[str, str]:
    """Each refused file (empty, too big, not an accepted type) by its field, named with the
    engine's reason in the reader's language; the refusals of one field together."""
    limit = services().settings.max_upload_mb * 1024 * 1024
    found: dict[str, list[str]] = {}
    for upload in files:
        field = FIELD_OF_KIND.get(upload.kind, "attachments")  # as the engine names it
        try:
            check_upload(upload, limit, field)
        except FormInvalidError as refused:
            found.setdefault(field, []).append(_(
                "Berkas %(name)s ditolak: %(reason)s", name=safe_filename(upload.filename),
                reason=engine_text(refused.errors[field])))
    return {field: " ".join(texts) for field, texts in found.items()}
