"""Form definitions (JSON Schema + UI schema), their validation and their HTML."""

from __future__ import annotations

from forms.coerce import coerce
from forms.definition import (
    FormDefinition,
    form_keys,
    form_of_json,
    key_from_file_name,
    load_form,
    make_form,
    shared_form,
    stored_form,
)
from forms.errors import FormError, FormNotFoundError, InvalidFormError
from forms.options import Choice, OptionList, Options
from forms.render import default_values, describe, render, render_readonly
from forms.validation import FORM_ERROR_KEY, validate

__all__ = [
    "FORM_ERROR_KEY",
    "Choice",
    "FormDefinition",
    "FormError",
    "FormNotFoundError",
    "InvalidFormError",
    "OptionList",
    "Options",
    "coerce",
    "default_values",
    "describe",
    "form_keys",
    "form_of_json",
    "key_from_file_name",
    "load_form",
    "make_form",
    "render",
    "render_readonly",
    "shared_form",
    "stored_form",
    "validate",
]
