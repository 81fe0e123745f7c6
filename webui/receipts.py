"""The receipt of a filed complaint, shown after a redirect (post/redirect/get) so a reload
never files it again; and the form's one-time submission token that makes a resent form file
one complaint.

The receipt, with its secret, is kept in this browser's session for a short while only: long
enough to read, print, copy or photograph it, and gone afterwards like the page it was.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any
from urllib.parse import quote

import segno
from flask import request, session
from markupsafe import Markup

from engine.complaints.intake import Intake, Receipt

from .wiring import services

SESSION_KEY = "receipt"
KEPT_FOR = timedelta(hours=1)
TOKEN_FIELD = "submission"
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_token() -> str:
    """A fresh one-time token for a complaint form."""
    return secrets.token_urlsafe(24)


def posted_token() -> str | None:
    """The token the posted form carried (None when missing or malformed: no dedupe)."""
    token = request.form.get(TOKEN_FIELD, "")
    return token if TOKEN_SHAPE.match(token) else None


def form_token() -> str:
    """The token to put in the form: the posted one when the form comes back with errors."""
    return posted_token() or new_token()


def keep(receipt: Receipt, intake: Intake, officer: str | None = None) -> None:
    """Keep the receipt in this browser's session for the page the redirect leads to."""
    received = receipt.received_at or services().clock()
    session[SESSION_KEY] = {
        "tracking_code": receipt.tracking_code, "secret": receipt.secret,
        "registration_no": receipt.registration_no, "received_at": received.isoformat(),
        "title": intake.title.strip(), "channel": intake.channel,
        "reporter": None if intake.anonim else (intake.name or None), "officer": officer,
        "content": _content_key(intake.title, intake.description),
    }


def filed_already(title: object, description: object) -> str | None:
    """The tracking code of the report this browser filed within the hour with the same title
    and description, else None. The Back button brings a filed form back filled in (the
    browser restores what was typed) but with a new token: sent again, it is the same
    report, not a second one."""
    found = session.get(SESSION_KEY)
    if not found or found.get("content") != _content_key(title, description):
        return None
    return found["tracking_code"] if kept(found["tracking_code"]) else None


def _content_key(title: object, description: object) -> str:
    # Blanks as the browser may restore them (\r\n, trailing spaces) do not make a new report.
    text = "\0".join(" ".join(str(v or "").split()) for v in (title, description))
    return hashlib.sha256(text.encode()).hexdigest()


def kept(code: str) -> dict[str, Any] | None:
    """The receipt of ``code`` kept in this session, while it is fresh; else None."""
    found = session.get(SESSION_KEY)
    if not found or found.get("tracking_code") != code:
        return None
    received = datetime.fromisoformat(found["received_at"])
    if services().clock() - received > KEPT_FOR:
        session.pop(SESSION_KEY, None)
        return None
    return {**found, "received_at": received}


def private_link(code: str, secret: str) -> str:
    """The reporter's own tracking address: the secret rides in the fragment, which browsers
    never send to a server (so it stays out of every access log)."""
    return f"{page_base()}/lacak/{quote(code)}#rahasia={quote(secret)}"


def qr_svg(text: str) -> Markup:
    """A QR code of ``text`` as inline SVG (no script, prints sharp)."""
    out = BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False,
                                     svgns=True, title="QR", svgclass="qr", lineclass=None)
    return Markup(out.getvalue().decode())


def track_site() -> str:
    """Where a reporter tracks on the web, as printed on a receipt."""
    return f"{page_base()}/lacak"


def page_base() -> str:
    """Where the links a page shows start: ALUR_PUBLIC_URL when it is set (behind a proxy the
    request may name an internal host), else the address this browser asked for, so a receipt
    from `alur serve --port 5123`, or reached over the office network, links where it came
    from. Messages sent without a request use ``Settings.message_url``."""
    return services().settings.public_url.strip().rstrip("/") or request.url_root.rstrip("/")
