"""Indonesian messages with variable parts, kept translatable above the engine.

A ``Message`` is the Indonesian text itself (a ``str``: equal to, printed and sent as JSON as
before) that also remembers its template and parameters, so the web layer can show
``gettext(template) % params`` in the reader's language. ``N_`` marks a template for
extraction into the catalogue (webui/babel.cfg: ``-k N_``) and returns it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Text starting with these is a formula to a spreadsheet (=, +, -, @; tab and return too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (or a DDE call)."""
    return text.startswith(FORMULA_START)


def inert_cell(value: object) -> str:
    """Text for a CSV cell that no spreadsheet runs: a leading formula character is quoted."""
    text = "" if value is None else str(value)
    return f"'{text}" if looks_like_formula(text) else text


def N_(template: str) -> str:  # noqa: N802 - the usual name of a no-op gettext marker
    """Mark ``template`` for extraction; the text is translated where it is shown."""
    return template


class Message(str):
    """Indonesian text built as ``template % params``; the template is the msgid."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        text = template % params if params else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.params))

    def as_json(self) -> dict[str, Any]:
        """The template and parameters, JSON-ready (nested messages too)."""
        return {"template": self.template,
                "params": {k: v.as_json() if isinstance(v, Message) else v
                           for k, v in self.params.items()}}


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def from_json(data: Mapping[str, Any]) -> Message:
    """The message ``Message.as_json`` wrote."""
    params = {k: from_json(v) if isinstance(v, Mapping) and "template" in v else v
              for k, v in dict(data.get("params") or {}).items()}
    return Message(str(data["template"]), **params)


def parse(text: str, templates: Iterable[str]) -> Message | None:
    """The message of one of ``templates`` that reads ``text`` (stored as plain text)."""
    for template in templates:
        names = _PLACEHOLDER.findall(template)
        if not names:
            if text == template:
                return Message(template)
            continue
        pattern = "".join(
            f"(?P<{part}>.*)" if i % 2 else re.escape(part)
            for i, part in enumerate(_PLACEHOLDER.split(template)))
        found = re.fullmatch(pattern, text, re.DOTALL)
        if found is not None:
            return Message(template, **found.groupdict())
    return None
