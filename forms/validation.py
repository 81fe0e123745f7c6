"""Server-side validation: JSON Schema plus data-driven option lists, one message per field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from forms.definition import FormDefinition
from forms.labels import options_source
from forms.messages import custom_message, message
from forms.options import Options, option_values
from forms.patterns import bounded_pattern

FORM_ERROR_KEY = "_form"
# Lower rank wins when a field fails several checks: say "required" before "too short".
RANK = {
    **dict.fromkeys(("required", "unknown_field"), 0),
    **dict.fromkeys(("type", "integer", "number", "boolean"), 1),
    **dict.fromkeys(("enum", "const", "must_check"), 2),
    **dict.fromkeys(("format", "email", "date"), 3),
}
_FORMAT_CHECKER = FormatChecker()
# Patterns are checked when a form is made (forms.patterns); long text is refused unmatched too.
_VALIDATOR: Any = validators.extend(  # type: ignore[no-untyped-call] # jsonschema: untyped
    Draft202012Validator, {"pattern": bounded_pattern})
# Days typed into any form or filter: outside these a date is a typo or an attack, and far ones
# overflow when turned into instants (9999-12-31 plus a day, 0001-01-01 in WIB).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def plausible_day(text: str) -> date:
    """The date written as YYYY-MM-DD between FIRST_DAY and LAST_DAY; ValueError otherwise."""
    day = date.fromisoformat(text.strip())
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside {FIRST_DAY.year}-{LAST_DAY.year}")
    return day


@_FORMAT_CHECKER.checks("date", raises=ValueError)
def _is_day(value: object) -> bool:
    return not isinstance(value, str) or bool(plausible_day(value))


def validate(
    form: FormDefinition,
    data: Any,
    options: Options | None = None,
    lang: str = "id",
) -> dict[str, str]:
    """Map each invalid field to one plain message; an empty dict means the data is valid."""
    found: dict[str, tuple[int, str]] = {}
    validator = _VALIDATOR(form.schema, format_checker=_FORMAT_CHECKER)
    for error in validator.iter_errors(data):
        name = _message_name(error)
        for field in _fields(form, error):
            _keep(found, field, RANK.get(name, 5), _describe(form, error, name, field, lang))
    if isinstance(data, Mapping):
        unknown = message("enum", lang)
        for field in _unknown_options(form, data, options):
            _keep(found, field, RANK["enum"], unknown)
    order = {field: index for index, field in enumerate(form.fields)}
    fields = sorted(found, key=lambda field: order.get(field, len(order)))
    return {field: found[field][1] for field in fields}


def _keep(found: dict[str, tuple[int, str]], field: str, rank: int, text: str) -> None:
    """Remember the most important message for a field."""
    if field not in found or rank < found[field][0]:
        found[field] = (rank, text)


def _fields(form: FormDefinition, error: ValidationError) -> list[str]:
    """The top-level fields an error is about (if/then `required` errors name the missing one)."""
    if error.path:
        return [str(error.path[0])]
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    if error.validator == "required" and isinstance(error.validator_value, list):
        return [str(name) for name in error.validator_value if name not in instance]
    if error.validator == "additionalProperties":
        return [str(name) for name in instance if name not in form.properties]
    return [FORM_ERROR_KEY]


def _describe(
    form: FormDefinition, error: ValidationError, name: str, field: str, lang: str
) -> str:
    """The message for one field hit by the error: the field's own, else the standard one."""
    ui = form.field_ui(field)
    own = custom_message(ui, name, lang) or custom_message(ui, str(error.validator), lang)
    return own or message(name, lang, n=error.validator_value)


def _message_name(error: ValidationError) -> str:
    """Which message explains a failed keyword."""
    keyword, expected = str(error.validator), error.validator_value
    if keyword == "additionalProperties":
        return "unknown_field"
    if keyword == "minLength" and error.instance == "":
        return "required"
    if keyword == "format":
        return expected if expected in ("email", "date") else "format"
    if keyword == "const":
        return "must_check" if expected is True else "const"
    if keyword == "type":
        return expected if expected in ("integer", "number", "boolean") else "type"
    return keyword


def _unknown_options(
    form: FormDefinition, data: Mapping[str, Any], options: Options | None
) -> Iterator[str]:
    """Fields whose value is not in their data-driven option list (lists not given are skipped)."""
    for name in form.properties:
        source = options_source(form, name)
        if not options or not source or source not in options or name not in data:
            continue
        allowed = option_values(options[source])
        value = data[name]
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and item and item not in allowed for item in values):
            yield name
