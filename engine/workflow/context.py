"""What every engine command receives besides its unit of work."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.clock import Clock
from engine.settings import Settings

from .definitions import DeployedCache, SpecCache
from .runtime import pin_library_log_level

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
    """The clock, parsed-spec cache, settings and form validator shared by commands, and what
    was read of deployed versions (``deployed``: per database, unlike the specs by hash)."""

    clock: Clock
    settings: Settings
    validate_form: FormValidator
    specs: SpecCache = field(default_factory=SpecCache)
    validate_form_json: FormJsonValidator | None = None
    deployed: DeployedCache = field(default_factory=DeployedCache)

    def __post_init__(self) -> None:
        pin_library_log_level()
