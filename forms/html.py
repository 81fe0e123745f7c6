"""Tiny helpers for writing escaped HTML elements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape


def attributes(values: Mapping[str, object]) -> Markup:
    """Attributes as ` name="value"`; True gives a bare attribute, None and False none."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(Markup(" ") + Markup(name))
        else:
            parts.append(Markup(' {}="{}"').format(Markup(name), str(value)))
    return Markup("").join(parts)


def tag(name: str, attrs: Mapping[str, object], content: str | Markup | None = None) -> Markup:
    """One element; without content it is written as a void element such as `<input>`."""
    opening = Markup("<{}{}>").format(Markup(name), attributes(attrs))
    if content is None:
        return opening
    return opening + escape(content) + Markup("</{}>").format(Markup(name))


def join(parts: Iterable[str | Markup], separator: str = "") -> Markup:
    """Concatenate pieces of HTML, escaping plain strings."""
    return Markup(separator).join(escape(part) for part in parts)
