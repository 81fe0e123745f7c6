"""The app's request class: a JSON body is checked before any view sees it.

A body nested thousands deep made the parser raise RecursionError, and a lone surrogate
(``"\\ud800"``) parsed fine but failed later when written out as UTF-8: both were 500s. Here
either is a 400 with the usual error body.
"""

from __future__ import annotations

from typing import Any

from flask import Request
from werkzeug.exceptions import BadRequest

MAX_DEPTH = 32  # no API body is nested more than a few levels


class CheckedRequest(Request):
    """A Flask request whose ``get_json`` refuses deep nesting and text that is not Unicode."""

    def get_json(self, force: bool = False, silent: bool = False,  # noqa: FBT001, FBT002
                 cache: bool = True) -> Any:  # noqa: FBT001, FBT002 - Flask's signature
        try:
            value = super().get_json(force=force, silent=silent, cache=cache)
            problem = json_problem(value)
        except (RecursionError, UnicodeError):
            problem = "Isi JSON tidak dapat dibaca."
        if problem is None:
            return value
        if silent:
            return None
        raise BadRequest(problem)


def json_problem(value: Any) -> str | None:
    """Why parsed JSON ``value`` is refused, or None (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"Isi JSON bersarang terlalu dalam (maksimal {MAX_DEPTH} tingkat)."
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "Teks mengandung karakter Unicode yang tidak sah."
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None
