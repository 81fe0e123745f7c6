"""The app's JSON: Flask's own provider, its writing done by engine.json_text.

Every API answer, the session cookie and the pages' ``tojson`` values are written here.
Flask's choices stay: keys sorted, date-times as HTTP dates, UUIDs and decimals as text,
dataclasses as dicts, markup as its text. The text is compact UTF-8 rather than ASCII with
``\\u`` escapes, which every JSON reader takes the same. Reading is Flask's (the standard
library's).
"""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider

from engine import json_text

# What Flask and its extensions pass that the fast writer does as asked: compact separators
# (its only output), the default hook, key order, ASCII escapes (UTF-8 is the same JSON).
_WRITTEN_FAST = frozenset({"separators", "default", "sort_keys", "ensure_ascii"})
_COMPACT = (",", ":")


class AppJSONProvider(DefaultJSONProvider):
    """Flask's default JSON provider, writing with ``engine.json_text.dumps``."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """``obj`` as JSON text; an indented or otherwise spaced answer as Flask writes it."""
        if kwargs.keys() <= _WRITTEN_FAST and kwargs.get("separators", _COMPACT) == _COMPACT:
            return json_text.dumps(obj, default=kwargs.get("default", self.default),
                                   sort_keys=kwargs.get("sort_keys", self.sort_keys))
        return super().dumps(obj, **kwargs)
