"""POST a JSON document and sort failures into "try again" and "give up"."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from engine.messages import Message

from .base import NO_ADDRESS, UNREACHABLE, PermanentDeliveryError, TransientDeliveryError

RETRY_STATUSES = frozenset({408, 425, 429})


def post_json(
    url: str, body: dict[str, Any], headers: dict[str, str], timeout: float
) -> dict[str, Any]:
    """The JSON answer of a 2xx reply; a DeliveryError for anything else."""
    if not url:
        raise TransientDeliveryError(Message(NO_ADDRESS))
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "Accept": "application/json",
        **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = f"HTTP {exc.code}: {exc.read()[:200].decode('utf-8', 'replace')}"
        exc.close()
        if exc.code in RETRY_STATUSES or exc.code >= 500:
            raise TransientDeliveryError(detail) from None
        raise PermanentDeliveryError(detail) from None
    except OSError as exc:  # URLError, refused connections and timeouts
        raise TransientDeliveryError(Message(UNREACHABLE, error=str(exc))) from None
    return _parse(raw)


def _parse(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
