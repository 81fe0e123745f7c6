"""Photos and documents sent in a chat, fetched from the platform when the report is filed
(WhatsApp: the media id's URL; Telegram: getFile), then checked by content like any upload."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from engine.complaints.attachments import Upload
from engine.settings import Settings

from .chat_payloads import WHATSAPP


class MediaUnavailableError(Exception):
    """The platform did not hand the file over (try again later)."""


def fetch_media(settings: Settings, provider: str, media: dict[str, Any]) -> Upload:
    """The file of one chat attachment (``{"id", "name"}``) as an upload of the complaint."""
    if provider == WHATSAPP:
        api = settings.whatsapp_api_url.rstrip("/")
        auth = {"Authorization": f"Bearer {settings.whatsapp_token}"}
        where = json.loads(_get(f"{api}/{urllib.parse.quote(media['id'])}", auth))
        data = _get(str(where.get("url", "")), auth)
    else:
        api = f"{settings.telegram_api_url.rstrip('/')}"
        token = settings.telegram_bot_token
        query = urllib.parse.urlencode({"file_id": media["id"]})
        found = json.loads(_get(f"{api}/bot{token}/getFile?{query}", {}))
        path = str(found.get("result", {}).get("file_path", ""))
        data = _get(f"{api}/file/bot{token}/{path}", {})
    return Upload(kind="lampiran", filename=str(media.get("name") or "lampiran"), data=data)


def _get(url: str, headers: dict[str, str]) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise MediaUnavailableError("alamat berkas tidak ada")
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return bytes(response.read())
    except (OSError, ValueError) as exc:  # HTTP errors, refused connections, timeouts
        raise MediaUnavailableError(str(exc)) from None
