"""Turn HTML form-post strings into values typed per the form's schema."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from forms.definition import FormDefinition

TRUE_WORDS = frozenset({"on", "true", "1", "yes", "ya"})
FALSE_WORDS = frozenset({"off", "false", "0", "no", "tidak"})
_INTEGER = re.compile(r"[+-]?[0-9]+")
RawValue = str | Sequence[str]


def coerce(form: FormDefinition, raw: Mapping[str, RawValue], prefix: str = "") -> dict[str, Any]:
    """Typed data from a form post; blank fields, file fields and unknown keys are left out."""
    data: dict[str, Any] = {}
    for name, schema in form.properties.items():
        if form.field_ui(name).get("ui:widget") == "file":
            continue  # uploads are stored by the caller, which adds their references
        posted = _posted(raw, prefix + name)
        value = _typed(schema, posted)
        if value is not None:
            data[name] = value
    return data


def _posted(raw: Mapping[str, RawValue], key: str) -> list[str]:
    """All values posted under a key (works with plain dicts and multi-dicts)."""
    getlist = getattr(raw, "getlist", None)
    if callable(getlist):
        return [str(item) for item in getlist(key)]
    value = raw.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def _typed(schema: Mapping[str, Any], posted: list[str]) -> Any:
    """One field's typed value, or None when it should be left out."""
    kind = schema.get("type", "string")
    if kind == "boolean":
        return _boolean(posted[0] if posted else "")
    if kind == "array":
        items = [_scalar(schema.get("items", {}), text) for text in posted]
        kept = [item for item in items if item is not None]
        return kept or None
    return _scalar(schema, posted[0]) if posted else None


def _scalar(schema: Mapping[str, Any], text: str) -> Any:
    """A single typed value; text that does not fit is kept so validation can report it."""
    text = text.strip()
    if text == "":
        return None
    kind = schema.get("type", "string")
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "number":
        return _number(text)
    if kind == "boolean":
        return _boolean(text)
    return text


def _boolean(text: str) -> bool | str:
    """A checkbox value: absent or blank is False; unknown words stay text."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS or word == "":
        return False
    return text


def _number(text: str) -> int | float | str:
    """A number, accepting a decimal comma; unparseable text stays text."""
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return number if math.isfinite(number) else text
