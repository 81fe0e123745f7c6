"""Why a message was not sent reads in the reader's language on the outbox page: our words
are translated, the server's or library's own text after them is shown as it came."""

from __future__ import annotations

from sqlalchemy import update

from engine.channels.base import SMTP_UNREACHABLE
from engine.complaints.tables import OutboxMessage
from engine.messages import Message
from tests.walk import Walk
from tests.webui.pages import Pages, text_of

from .helpers import rows

REFUSED = "[Errno 111] Connection refused"


def test_a_delivery_error_in_indonesian_then_english(
    walk: Walk, services, dispatch, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    walk.file()
    dispatch()
    newest = rows(services)[-1]
    with services.uow() as uow:  # as the worker stores it: the text of the exception
        error = str(Message(SMTP_UNREACHABLE, error=REFUSED))
        uow.session.execute(update(OutboxMessage).where(OutboxMessage.id == newest.id).values(
            status="failed", last_error=error, attempts=8))
        uow.commit()
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = text_of(pages.get("/saluran/admin/?status=failed"))
    assert f"SMTP tidak dapat dihubungi: {REFUSED}" in page
    page = text_of(pages.get("/saluran/admin/?status=failed&lang=en"))
    assert f"SMTP server unreachable: {REFUSED}" in page and "SMTP tidak dapat" not in page
