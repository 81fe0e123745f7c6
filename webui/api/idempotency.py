"""The ``Idempotency-Key`` of ``POST /complaints``: a retried request files nothing new and
answers with the complaint its key filed.

The key rides on the web form's one-time token: the complaint's ``submission_token`` (unique)
holds ``api:`` and the SHA-256 of the key, never the key; no form token can start so (the
form's tokens hold no ``:``). Two requests with one key race on that unique index, and the
loser finds the winner's complaint (``engine.complaints.intake.submit_complaint``).

The reporter's secret is stored only hashed, so it cannot be read back for a replay. A request
with a key gets a secret derived from the server's secret key, the key and the request's
content (caller, channel, fields and files) instead of a random one: the same request again
derives the same secret, which the stored hash confirms, and a different body or caller under
the same key derives another, which the hash refuses (409). The key is thus the client's proof,
and only together with the whole request; for a day after filing, after which a replay gets
the complaint without its secret (see docs/api.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from datetime import timedelta
from typing import Any

from flask import abort, request

from engine.complaints.codes import ALPHABET
from engine.complaints.intake import Intake
from engine.complaints.reporter import authenticate_reporter
from engine.domain import Actor
from engine.errors import ConflictError, NotFoundError
from webui.wiring import services

HEADER = "Idempotency-Key"
# Visible ASCII (what an HTTP header carries unchanged); a UUID is the usual key.
KEY_PATTERN = r"^[\x21-\x7e]{8,100}$"
KEY_SHAPE = re.compile(KEY_PATTERN)
TOKEN_PREFIX = "api:"
SECRET_LENGTH = 16  # as engine.complaints.codes.new_secret
# How long a replay is shown the secret: a retry comes within minutes; past a day the derived
# secret is not handed out again, which bounds the use of a weak key found by guessing.
SECRET_REPLAY = timedelta(hours=24)
REPLAYED_HEADER = "Idempotent-Replayed"


def requested_key() -> str | None:
    """The request's Idempotency-Key (None without one); 400 for a malformed one."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not KEY_SHAPE.fullmatch(key):
        abort(400, description=f"Header {HEADER} harus 8–100 karakter ASCII tanpa spasi, "
                               "misalnya sebuah UUID")
    return key


def bind(intake: Intake, key: str, actor: Actor | None) -> None:
    """Make ``intake`` file at most one complaint for ``key``, with the secret a replay of
    the same request derives again."""
    intake.submission_token = TOKEN_PREFIX + _digest(key.encode())
    intake.secret = _derived_secret(services().settings.secret_key, key,
                                    _fingerprint(intake, actor))


def replay(tracking_code: str, secret: str) -> dict[str, Any]:
    """The receipt of the complaint the key filed, for the same request again (the secret
    only within SECRET_REPLAY); ConflictError when the key filed it for another request."""
    with services().uow() as uow:
        try:
            complaint = authenticate_reporter(uow.session, tracking_code, secret)
        except NotFoundError:
            raise ConflictError(
                f"{HEADER} ini sudah dipakai untuk laporan dengan isi atau pengirim yang "
                "berbeda; pakai kunci baru untuk laporan baru") from None
        fresh = services().clock() - complaint.received_at <= SECRET_REPLAY
        return {"tracking_code": complaint.tracking_code, "secret": secret if fresh else None,
                "status": complaint.status, "registration_no": complaint.registration_no}


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


def _fingerprint(intake: Intake, actor: Actor | None) -> bytes:
    """The request's content as it is filed (blanks around the text removed), and who sent
    it: equal for a retry, different for any other report."""
    files = [[f.kind, f.filename, hashlib.sha256(f.data).hexdigest()] for f in intake.files]
    content = {"caller": actor.user_id if actor is not None else None,
               "channel": intake.channel, "fields": intake.form_data(), "files": files}
    return json.dumps(content, sort_keys=True, ensure_ascii=False).encode()


def _derived_secret(server_key: str, key: str, fingerprint: bytes) -> str:
    """A secret in the shape of ``new_secret``: unpredictable without the server's key."""
    # The key is visible ASCII, so the NUL separators cannot be part of it.
    message = b"alur-api-secret\x00" + key.encode() + b"\x00" + fingerprint
    number = int.from_bytes(hmac.new(server_key.encode(), message, hashlib.sha256).digest())
    letters = []
    for _ in range(SECRET_LENGTH):  # 256 bits drawn as 16 letters of 31 (about 79 bits)
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)
