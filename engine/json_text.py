"""JSON written fast: orjson's writer, the standard library's meaning.

A workflow's state is written at every step (9–13 KB of JSON) and every API answer is JSON;
the standard library's encoder took 80–126 µs of a completion or a submission for the state
alone, orjson 6–7 µs. Reading stays with the standard library: orjson reads an integer
beyond 64 bits as a float, which would change a value a form or a script saved.

``dumps`` writes what ``json.dumps`` would have meant, value for value: the same keys and
values read back with ``json.loads``. Where orjson would write something else, it is not
asked: a dict key that is not text, an integer beyond 64 bits or text with a lone surrogate
makes orjson refuse, and the standard library writes it as before. Date-times, dates, times
and dataclasses go to ``default`` as they did with the standard library (orjson would write
them its own way). What differs, by design or by orjson's own rules:

- the text is compact UTF-8 (no spaces, no ``\\u`` escapes), which every reader takes the same;
- a float that is not finite (NaN, infinity) is written as null where the standard library
  wrote ``NaN``, which is not JSON. Alur lets none into what it saves: a script's results
  are refused (engine.workflow.scripting), forms keep such input as text (forms.coerce) and
  a request body carrying one is a 400 (webui.security);
- a UUID is written as its text and an enum as its value without asking ``default`` (Flask
  wrote a UUID so too); a workflow's data holds neither (the library keeps task ids as text).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dumps(value: Any, default: Callable[[Any], Any] | None = None,
          sort_keys: bool = False) -> str:
    """``value`` as compact JSON text; ``default`` turns what JSON lacks into what it has."""
    option = (_OPTIONS | orjson.OPT_SORT_KEYS) if sort_keys else _OPTIONS
    try:
        return orjson.dumps(value, default=default, option=option).decode()
    except TypeError:
        # orjson refuses what it would write differently (see above) and what nothing can
        # write: the standard library writes the one and raises for the other, as before.
        return json.dumps(value, default=default, sort_keys=sort_keys, separators=(",", ":"),
                          ensure_ascii=False)
