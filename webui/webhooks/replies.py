"""What the two webhooks answer with: the API's error body, and a body read as JSON."""

from __future__ import annotations

import json
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from webui.errors import error_body


def error(status: int, code: str, message: str,
           fields: dict[str, str] | None = None) -> ResponseReturnValue:
    """The usual error body with ``status``."""
    return jsonify(error_body(code, message, fields)), status


def json_body(raw: bytes) -> Any:
    """The parsed body; None when it is not JSON."""
    try:
        return json.loads(raw)
    except ValueError:
        return None
