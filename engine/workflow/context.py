"""What every engine command receives besides its unit of work."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.clock import Clock
from engine.settings import Settings

from .definitions import SpecCache

# (form key, data, options by source name) -> {field: message}; {} when valid.
FormValidator = Callable[[str, Mapping[str, Any], Mapping[str, Sequence[Any]]], dict[str, str]]
# (form key, JSON Schema, UI schema, data, options) -> {field: message}: a form stored with a
# deployed version (the modeler's form editor), checked by the same rules as the files.
FormJsonValidator = Callable[
    [str, Mapping[str, Any], Mapping[str, Any], Mapping[str, Any], Mapping[str, Sequence[Any]]],
    dict[str, str],
]


@dataclass
class Runtime:
    """The clock, parsed-spec cache, settings and form validator shared by commands."""

    clock: Clock
    settings: Settings
    validate_form: FormValidator
    specs: SpecCache = field(default_factory=SpecCache)
    validate_form_json: FormJsonValidator | None = None
