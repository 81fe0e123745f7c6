"""The heads of OPD receive the periodic report: when the team's Sekretaris releases a period's
report, every active Kepala OPD is told, with the link to the OPD's sheet (once per period)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.complaints.tables import OutboxMessage
from engine.settings import Settings

from .fanout import add_delivery
from .message_context import AGENCY, links
from .recipients import HEAD_OF_OPD, delivery_key, officer_deliveries

TEMPLATE = "laporan_berkala_opd"


def announce_release(session: Session, settings: Settings, period_code: str, period_label: str,
                     now: datetime) -> int:
    """Queue the message to every active Kepala OPD (in the caller's transaction)."""
    base = settings.message_url
    heads = session.scalars(select(User).where(User.role == HEAD_OF_OPD, User.active.is_(True))
                            .order_by(User.id))
    queued = 0
    for user in list(heads):
        context = {"agency": AGENCY, "name": user.full_name, "period": period_label,
                   "opd_url": f"{base}/petugas/opd",
                   "xlsx_url": f"{base}/evaluasi/laporan/{period_code}/opd.xlsx",
                   **links(settings)}
        for delivery in officer_deliveries(session, [user]):
            key = delivery_key(f"rilis:{period_code}:{user.id}", delivery)
            if session.scalar(select(OutboxMessage.id).where(
                    OutboxMessage.idempotency_key == key)):
                continue
            add_delivery(session, key, TEMPLATE, HEAD_OF_OPD, delivery, context, now)
            queued += 1
    return queued
