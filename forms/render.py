"""Server-side HTML for a form: editable fields, or a read-only summary for history views."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from forms.definition import FormDefinition
from forms.html import join, tag
from forms.labels import (
    field_choices,
    field_help,
    field_label,
    field_placeholder,
    language,
    yes_no,
)
from forms.options import Options
from forms.validation import FORM_ERROR_KEY
from forms.widgets import FieldView, choose_widget, field_html

SUMMARY_TITLE = {"id": "Periksa kembali isian berikut:", "en": "Please check the following:"}


def render(
    form: FormDefinition,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    options: Options | None = None,
    lang: str = "id",
    prefix: str = "",
    file_types: str | None = None,
    summary: bool = True,
) -> Markup:
    """The form's fields as HTML, without the `<form>` element and its buttons.

    ``file_types`` is what every file field's picker offers (its ``accept``): the types the
    server takes, given by the caller so that picker and server never disagree. ``summary``
    False leaves out the error summary (role="alert") for a page that has its own, so that
    a screen reader announces the errors once; each field still shows its own error."""
    current = default_values(form) if values is None else values
    found = errors or {}
    views = [_view(form, name, current, found, options, lang, prefix, file_types)
             for name in form.fields]
    top = _error_summary(form, views, found, lang) if summary else Markup("")
    return join([top, *(field_html(view) for view in views)], "\n")


def render_readonly(
    form: FormDefinition,
    values: Mapping[str, Any],
    lang: str = "id",
    options: Options | None = None,
) -> Markup:
    """Submitted values as a `<dl>` of label and value, e.g. for a complaint's history."""
    rows = []
    for name in form.fields:
        value = values.get(name)
        if value in (None, "", []) or form.field_ui(name).get("ui:widget") == "hidden":
            continue
        rows.append(tag("dt", {}, field_label(form, name, lang)))
        rows.append(tag("dd", {}, _display(form, name, value, options, lang)))
    return tag("dl", {}, join(rows, "\n"))


def describe(form: FormDefinition, lang: str = "id") -> list[tuple[str, str]]:
    """(field, label) pairs in display order, e.g. for table headings."""
    return [(name, field_label(form, name, lang)) for name in form.fields]


def default_values(form: FormDefinition) -> dict[str, Any]:
    """The schema's default values, used when a form is shown for the first time."""
    return {
        name: schema["default"] for name, schema in form.properties.items() if "default" in schema
    }


def _view(
    form: FormDefinition,
    name: str,
    values: Mapping[str, Any],
    errors: Mapping[str, str],
    options: Options | None,
    lang: str,
    prefix: str,
    file_types: str | None = None,
) -> FieldView:
    """Collect what the widget needs to write one field."""
    schema, ui = form.field_schema(name), form.field_ui(name)
    choices = field_choices(form, name, options, lang)
    widget = choose_widget(schema, ui, choices)
    if widget == "file" and file_types:
        ui = {**ui, "ui:accept": file_types}
    return FieldView(
        name=prefix + name,
        id=f"f-{prefix}{name}",
        widget=widget,
        label=field_label(form, name, lang),
        help=field_help(form, name, lang),
        error=errors.get(name, ""),
        required=name in form.required,
        value=values.get(name, values.get(prefix + name)),
        schema=schema,
        ui=ui,
        choices=choices,
        placeholder=field_placeholder(form, name, lang),
        lang=lang,
    )


def _error_summary(
    form: FormDefinition, views: list[FieldView], errors: Mapping[str, str], lang: str
) -> Markup:
    """A list of every error at the top, each linking to its field."""
    if not errors:
        return Markup("")
    items = [
        tag("li", {}, tag("a", {"href": f"#{view.id}"}, f"{view.label}: {view.error}"))
        for view in views
        if view.error
    ]
    for key, text in errors.items():
        if key not in form.properties:
            items.append(tag("li", {}, text if key == FORM_ERROR_KEY else f"{key}: {text}"))
    title = tag("p", {}, SUMMARY_TITLE[language(lang)])
    return tag(
        "div", {"class": "form-errors", "role": "alert"}, join([title, tag("ul", {}, join(items))])
    )


def _display(
    form: FormDefinition, name: str, value: Any, options: Options | None, lang: str
) -> Markup:
    """One value as readable text: choice labels, Ya/Tidak, kept line breaks."""
    if isinstance(value, bool):
        return join([yes_no(value, lang)])
    labels = dict(field_choices(form, name, options, lang) or [])
    items = value if isinstance(value, list) else [value]
    texts = [labels.get(str(item), str(item)) for item in items]
    lines = ", ".join(texts).split("\n")
    return join(lines, "<br>\n")
