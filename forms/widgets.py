"""HTML for one form field, per widget; accessible and usable without JavaScript."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from forms.coerce import TRUE_WORDS
from forms.html import join, tag
from forms.labels import language
from forms.options import Choice

REQUIRED_TITLE = {"id": "wajib diisi", "en": "required"}
EMPTY_CHOICE = {"id": "— pilih —", "en": "— choose —"}
RADIO_LIMIT = 5


@dataclass(frozen=True)
class FieldView:
    """Everything needed to write one field's HTML."""

    name: str
    id: str
    widget: str
    label: str
    help: str
    error: str
    required: bool
    value: Any
    schema: dict[str, Any]
    ui: dict[str, Any]
    choices: list[Choice] | None
    placeholder: str
    lang: str

    @property
    def described_by(self) -> str | None:
        """Ids of the help and error texts, for aria-describedby."""
        ids = [f"{self.id}-error" if self.error else "", f"{self.id}-help" if self.help else ""]
        return " ".join(i for i in ids if i) or None

    @property
    def many(self) -> bool:
        """Whether the field holds a list of values."""
        return self.schema.get("type") == "array"


def choose_widget(schema: dict[str, Any], ui: dict[str, Any], choices: list[Choice] | None) -> str:
    """The widget for a field: the UI schema's choice, else one derived from the schema."""
    wanted = ui.get("ui:widget")
    if wanted in ("radio", "select") and choices is None:
        return "text"  # the option list was not supplied: free text still lets the form work
    if wanted:
        return str(wanted)
    if schema.get("type") == "boolean":
        return "checkbox"
    if schema.get("format") == "date":
        return "date"
    if choices is not None:
        few = len(choices) <= RADIO_LIMIT and schema.get("type") != "array"
        return "radio" if few else "select"
    return "text"


def field_html(view: FieldView) -> Markup:
    """The HTML of one field, wrapped with its label, error and help."""
    if view.widget == "hidden":
        return tag("input", {"type": "hidden", "name": view.name, "value": _text(view.value)})
    return tag("div", {"class": "field", **_behaviour(view)}, WIDGETS[view.widget](view))


def _behaviour(view: FieldView) -> dict[str, str]:
    """What the page's script does with the field (the form works without it):
    ``ui:show_when`` {field: [values]} shows the field only for those answers,
    ``ui:title_when`` {value: label} names it after the answer chosen in ``ui:show_when``'s
    field, ``ui:confirm`` {value: question} asks before a form is sent with that answer."""
    found: dict[str, str] = {}
    lang = language(view.lang)
    suffix = "_en" if lang == "en" else ""
    for key, attr in (("ui:show_when", "data-show-when"), ("ui:title_when", "data-title-when"),
                      ("ui:confirm", "data-confirm-when")):
        value = view.ui.get(key + suffix) or view.ui.get(key)
        if value:
            found[attr] = json.dumps(value, ensure_ascii=False)
    return found


def _mark(view: FieldView) -> Markup:
    """The visible required mark."""
    if not view.required:
        return Markup("")
    title = REQUIRED_TITLE[language(view.lang)]
    return Markup(" ") + tag("abbr", {"class": "required", "title": title}, "*")


def _label(view: FieldView) -> Markup:
    """A `<label for>` with the required mark."""
    return tag("label", {"for": view.id}, join([view.label, _mark(view)]))


def _notes(view: FieldView) -> Markup:
    """The error message (next to the field) and the help text."""
    parts = []
    if view.error:
        parts.append(tag("small", {"class": "field-error", "id": f"{view.id}-error"}, view.error))
    if view.help:
        parts.append(tag("small", {"id": f"{view.id}-help"}, view.help))
    return join(parts)


def _control(view: FieldView, **extra: object) -> dict[str, object]:
    """Attributes shared by every input control."""
    return {
        "id": view.id,
        "name": view.name,
        **extra,
        "aria-required": "true" if view.required else None,
        "aria-invalid": "true" if view.error else None,
        "aria-describedby": view.described_by,
    }


def _text(value: Any) -> str | None:
    """A value as the text of an input, or None when there is none."""
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else str(value)


def _is_chosen(view: FieldView, option: str) -> bool:
    """Whether an option is among the field's current values."""
    values = view.value if isinstance(view.value, list) else [view.value]
    return any(value is not None and str(value) == option for value in values)


def _input(view: FieldView) -> Markup:
    """A one-line text input (email, tel, number as the schema or UI says)."""
    kind = view.ui.get("ui:input_type") or _input_type(view.schema)
    control = _control(
        view,
        type=kind,
        value=_text(view.value),
        maxlength=view.schema.get("maxLength"),
        placeholder=view.placeholder or None,
        autocomplete=view.ui.get("ui:autocomplete"),
    )
    return join([_label(view), tag("input", control), _notes(view)])


def _input_type(schema: dict[str, Any]) -> str:
    """The input type implied by a field's schema."""
    if schema.get("format") == "email":
        return "email"
    return "number" if schema.get("type") in ("integer", "number") else "text"


def _textarea(view: FieldView) -> Markup:
    """A multi-line text area."""
    control = _control(
        view,
        rows=view.ui.get("ui:rows", 4),
        maxlength=view.schema.get("maxLength"),
        placeholder=view.placeholder or None,
    )
    # A newline right after <textarea> is dropped by HTML parsers, so the value's own survives.
    text = Markup("\n") + (_text(view.value) or "")
    return join([_label(view), tag("textarea", control, text), _notes(view)])


def _date(view: FieldView) -> Markup:
    """A date input."""
    control = _control(view, type="date", value=_text(view.value))
    return join([_label(view), tag("input", control), _notes(view)])


def _file(view: FieldView) -> Markup:
    """A file upload; several files for array fields."""
    control = _control(view, type="file", accept=view.ui.get("ui:accept"), multiple=view.many)
    return join([_label(view), tag("input", control), _notes(view)])


def _checkbox(view: FieldView) -> Markup:
    """A checkbox inside its label."""
    value = _text(view.value) if isinstance(view.value, list) else view.value
    checked = value is True or (isinstance(value, str) and value.strip().lower() in TRUE_WORDS)
    box = tag("input", _control(view, type="checkbox", value="on", checked=checked))
    label = tag("label", {"for": view.id}, join([box, " ", view.label, _mark(view)]))
    return join([label, _notes(view)])


def _radio(view: FieldView) -> Markup:
    """A radio group in a fieldset with a legend."""
    buttons = []
    for index, (value, text) in enumerate(view.choices or []):
        button_id = f"{view.id}-{index}"
        attrs = {
            "type": "radio",
            "id": button_id,
            "name": view.name,
            "value": value,
            "checked": _is_chosen(view, value),
            "aria-invalid": "true" if view.error else None,
        }
        buttons.append(tag("label", {"for": button_id}, join([tag("input", attrs), " ", text])))
    group = {
        "id": view.id,
        "role": "radiogroup",
        "aria-describedby": view.described_by,
        "aria-required": "true" if view.required else None,
    }
    legend = tag("legend", {}, join([view.label, _mark(view)]))
    return tag("fieldset", group, join([legend, *buttons, _notes(view)]))


def _select(view: FieldView) -> Markup:
    """A drop-down list (several choices for array fields)."""
    empty = [] if view.many else [tag("option", {"value": ""}, EMPTY_CHOICE[language(view.lang)])]
    items = [
        tag("option", {"value": value, "selected": _is_chosen(view, value)}, text)
        for value, text in view.choices or []
    ]
    control = tag("select", _control(view, multiple=view.many), join([*empty, *items]))
    return join([_label(view), control, _notes(view)])


WIDGETS: dict[str, Callable[[FieldView], Markup]] = {
    "text": _input,
    "textarea": _textarea,
    "date": _date,
    "file": _file,
    "checkbox": _checkbox,
    "radio": _radio,
    "select": _select,
}
