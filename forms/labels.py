"""Language-aware texts of a form: labels, help, placeholders, choices."""

from __future__ import annotations

from typing import Any

from forms.definition import FormDefinition
from forms.options import Choice, Options, choices

YES_NO = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}


def language(lang: str) -> str:
    """Normalise a language tag to the two we support: "id" (default) or "en"."""
    return "en" if lang.lower().replace("_", "-").split("-")[0] == "en" else "id"


def ui_text(ui: dict[str, Any], key: str, lang: str, default: str = "") -> str:
    """A UI text in the language, falling back to the Indonesian one."""
    if language(lang) == "en" and ui.get(f"{key}_en"):
        return str(ui[f"{key}_en"])
    return str(ui.get(key) or default)


def form_title(form: FormDefinition, lang: str) -> str:
    """The form's title."""
    return ui_text({"ui:title": form.schema.get("title"), **form.ui}, "ui:title", lang, form.key)


def field_label(form: FormDefinition, name: str, lang: str) -> str:
    """The label of a field."""
    ui = {"ui:title": form.field_schema(name).get("title"), **form.field_ui(name)}
    return ui_text(ui, "ui:title", lang, name)


def field_help(form: FormDefinition, name: str, lang: str) -> str:
    """The help text of a field (may be empty)."""
    return ui_text(form.field_ui(name), "ui:help", lang)


def field_placeholder(form: FormDefinition, name: str, lang: str) -> str:
    """The placeholder of a field (may be empty)."""
    return ui_text(form.field_ui(name), "ui:placeholder", lang)


def options_source(form: FormDefinition, name: str) -> str:
    """The name of the data-driven option list of a field, or ""."""
    return str(form.field_ui(name).get("ui:options_source", ""))


def enum_choices(form: FormDefinition, name: str, lang: str) -> list[Choice]:
    """(value, label) pairs of an enum field, labelled in the language."""
    ui = form.field_ui(name)
    labels = dict(ui.get("ui:enum_labels", {}))
    if language(lang) == "en":
        labels.update(ui.get("ui:enum_labels_en", {}))
    return [(str(value), str(labels.get(str(value), value))) for value in _enum(form, name)]


def field_choices(
    form: FormDefinition, name: str, options: Options | None, lang: str
) -> list[Choice] | None:
    """The choices of a field, or None when it is free input."""
    source = options_source(form, name)
    if source:
        return choices(options[source]) if options and source in options else None
    return enum_choices(form, name, lang) if _enum(form, name) else None


def yes_no(value: bool, lang: str) -> str:
    """Say "Ya"/"Tidak" (or "Yes"/"No") for a boolean."""
    yes, no = YES_NO[language(lang)]
    return yes if value else no


def _enum(form: FormDefinition, name: str) -> list[Any]:
    """The enum of a field (or of its items, for arrays)."""
    schema = form.field_schema(name)
    return list(schema.get("enum") or schema.get("items", {}).get("enum") or [])
