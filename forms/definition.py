"""Form definitions: a JSON Schema plus a UI schema, read from files."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from forms.errors import FormNotFoundError, InvalidFormError
from forms.patterns import schema_pattern_problem

SCHEMA_DIRECTORY = Path(__file__).parent / "schemas"
_SCHEMA_FOLDER = str(SCHEMA_DIRECTORY)
WIDGETS = frozenset({"radio", "select", "textarea", "date", "file", "checkbox", "hidden", "text"})
_KEY = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class FormDefinition:
    """One form: its key, its JSON Schema and its UI schema (treat both as read-only)."""

    key: str
    schema: dict[str, Any]
    ui: dict[str, Any]

    @property
    def fields(self) -> list[str]:
        """Field names in display order."""
        order = self.ui.get("ui:order")
        return list(order) if order else list(self.properties)

    @property
    def properties(self) -> dict[str, Any]:
        """The schema's top-level properties."""
        return dict(self.schema.get("properties", {}))

    @property
    def required(self) -> frozenset[str]:
        """Fields that are always required (if/then requirements are not included)."""
        return frozenset(self.schema.get("required", ()))

    def field_schema(self, name: str) -> dict[str, Any]:
        """The JSON Schema of one field."""
        return dict(self.properties.get(name, {}))

    def field_ui(self, name: str) -> dict[str, Any]:
        """The UI options of one field."""
        return dict(self.ui.get(name, {}))


def make_form(
    key: str, schema: dict[str, Any], ui: dict[str, Any], source: str = ""
) -> FormDefinition:
    """Build a checked form from in-memory dicts (e.g. an analyst's live preview)."""
    where = source or key
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        location = "/".join(str(part) for part in error.path) or "(root)"
        raise InvalidFormError(
            f"{where}: invalid JSON Schema at {location}: {error.message}"
        ) from None
    problem = schema_pattern_problem(schema) or _ui_problem(schema, ui)
    if problem:
        raise InvalidFormError(f"{where}: {problem}")
    return FormDefinition(key=key, schema=schema, ui=ui)


def load_form(key: str, directory: Path | str | None = None) -> FormDefinition:
    """Load the form stored as `<key>.json` and `<key>.ui.json` (a copy the caller may change)."""
    form = shared_form(key, directory)
    return FormDefinition(key=key, schema=copy.deepcopy(form.schema), ui=copy.deepcopy(form.ui))


def shared_form(key: str, directory: Path | str | None = None) -> FormDefinition:
    """The cached form itself, for readers such as validation: never modify it."""
    # Plain strings and os.stat, not pathlib: the pages that show a form and the completions
    # that check one ask on every request whether its files changed (with three pathlib
    # objects and three stats that took 22 µs, with two stats 7 µs).
    folder = os.fspath(directory) if directory is not None else _SCHEMA_FOLDER
    if not _KEY.fullmatch(key):
        raise FormNotFoundError(f"no form named {key!r}")
    schema_path = os.path.join(folder, f"{key}.json")
    try:
        stamp = os.stat(schema_path).st_mtime_ns
    except FileNotFoundError:
        raise FormNotFoundError(f"no form named {key!r} in {folder}") from None
    return _cached_form(key, schema_path, stamp, *_ui_stamp(folder, key))


@lru_cache(maxsize=256)
def form_of_json(key: str, schema_text: str, ui_text: str) -> FormDefinition:
    """A form given as JSON text (a version's stored form), checked once per distinct text."""
    return make_form(key, json.loads(schema_text), json.loads(ui_text))


def stored_form(key: str, schema: Mapping[str, Any], ui: Mapping[str, Any]) -> FormDefinition:
    """A version's stored form, checked once per distinct content (checking a schema and its
    patterns costs milliseconds); the cached form itself: never modify it."""
    return form_of_json(key, json.dumps(schema, sort_keys=True), json.dumps(ui, sort_keys=True))


def form_keys(directory: Path | None = None) -> list[str]:
    """Keys of every form stored in the directory, sorted."""
    folder = Path(directory) if directory is not None else SCHEMA_DIRECTORY
    names = (path.name.removesuffix(".json") for path in folder.glob("*.json"))
    return sorted(name for name in names if _KEY.fullmatch(name))


def key_from_file_name(file_name: str) -> str:
    """The form key named by a BPMN property such as `verifikasi.json` or `verifikasi.ui.json`."""
    key = file_name.removesuffix(".json").removesuffix(".ui")
    if not _KEY.fullmatch(key):
        raise FormNotFoundError(f"no form named {file_name!r}")
    return key


def _ui_stamp(folder: str, key: str) -> tuple[str, int]:
    """The UI schema's path and modification time (0 when there is no such file)."""
    path = os.path.join(folder, f"{key}.ui.json")
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path, 0
    return path, (found.st_mtime_ns if stat.S_ISREG(found.st_mode) else 0)


@lru_cache(maxsize=256)
def _cached_form(
    key: str, schema_path: str, _mtime: int, ui_path: str, ui_mtime: int
) -> FormDefinition:
    """Parse and check a form's files; cached per path and modification time."""
    schema = _read_json(Path(schema_path))
    ui = _read_json(Path(ui_path)) if ui_mtime else {}
    return make_form(key, schema, ui, source=os.path.basename(schema_path))


def _read_json(path: Path) -> dict[str, Any]:
    """Parse one JSON object from a file, naming the file in any error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InvalidFormError(
            f"{path.name}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidFormError(f"{path.name}: cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise InvalidFormError(f"{path.name}: must contain a JSON object")
    return data


def _ui_problem(schema: dict[str, Any], ui: dict[str, Any]) -> str:
    """Describe what is wrong with a UI schema, or return an empty string."""
    if schema.get("type") != "object" or not isinstance(schema.get("properties"), dict):
        return "a form schema must be an object with properties"
    names = list(schema["properties"])
    order = ui.get("ui:order", names)
    if sorted(order) != sorted(names):
        missing, unknown = set(names) - set(order), set(order) - set(names)
        return (
            "ui:order must list each property once "
            f"(missing {sorted(missing)}, unknown {sorted(unknown)})"
        )
    for name in names:
        widget = ui.get(name, {}).get("ui:widget", "text")
        if widget not in WIDGETS:
            return f"field {name!r}: unknown ui:widget {widget!r}"
    return ""
