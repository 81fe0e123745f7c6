"""What every screen needs: forms in the reader's language, the clock, safe responses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import Response, make_response, render_template, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup

import forms
from engine.calendar.working_days import WIB
from engine.complaints.attachments import UPLOAD_ACCEPT
from engine.domain import Actor
from engine.errors import FormInvalidError
from forms.validation import plausible_day

from .auth import current_actor
from .i18n import current_lang
from .texts import engine_texts
from .wiring import services


def now() -> datetime:
    """The app's clock."""
    return services().clock()


def today() -> date:
    """Today in WIB."""
    return now().astimezone(WIB).date()


def officer() -> Actor:
    """The signed-in officer (views behind ``roles_required`` only)."""
    actor = current_actor()
    if actor is None:  # pragma: no cover - roles_required stops this earlier
        raise RuntimeError("no officer signed in")
    return actor


def load_form(key: str) -> forms.FormDefinition:
    """A form of the configured forms folder."""
    return forms.load_form(key, Path(services().settings.forms_dir))


def shown_form(key: str) -> forms.FormDefinition:
    """The cached form of the configured forms folder, to render only: never modify it
    (``load_form`` copies it for a caller that does; a page shown on every request need not)."""
    return forms.shared_form(key, services().settings.forms_dir)


def form_fields(
    form: forms.FormDefinition, values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None, options: forms.Options | None = None,
    *, summary: bool = True,
) -> Markup:
    """The form's fields in the reader's language (input kept, each error by its field; an
    engine's message translated like the form's own). ``summary=False``: without the form's
    error summary, on a page that shows its own."""
    return forms.render(form, values, errors=engine_texts(errors) if errors else errors,
                        options=options, lang=current_lang(), file_types=UPLOAD_ACCEPT,
                        summary=summary)


def check(form: forms.FormDefinition, data: Mapping[str, Any],
          options: forms.Options | None = None) -> None:
    """FormInvalidError (messages in the reader's language) when ``data`` does not fit."""
    errors = forms.validate(form, dict(data), options, lang=current_lang())
    if errors:
        raise FormInvalidError(errors)


def render_invalid(template: str, **context: Any) -> ResponseReturnValue:
    """A form page sent back because of invalid input (HTTP 422)."""
    return render_template(template, **context), 422


def no_store(body: str, status: int = 200) -> Response:
    """A page that must not be cached (it shows a secret or a password once)."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def parse_day(text: str | None) -> date | None:
    """A date typed as YYYY-MM-DD, or None when blank, not a date or implausibly far."""
    try:
        return plausible_day(text or "")
    except ValueError:
        return None


def form_text(name: str) -> str:
    """A posted form field, trimmed ("" when absent)."""
    return request.form.get(name, "").strip()
