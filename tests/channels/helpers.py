"""Reading what the channels did, for assertions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from engine.channels.contacts import set_contact
from engine.channels.tables import DevMessage
from engine.complaints.tables import Complaint, OutboxMessage
from engine.domain import Actor
from tests.walk import Walk
from webui.wiring import Services


def deliveries(services: Services, code: str | None = None) -> list[tuple[str, str, str]]:
    """(template, channel, address) of every delivery row, oldest first."""
    with services.uow() as uow:
        query = select(OutboxMessage).where(OutboxMessage.channel != "pending")
        if code is not None:
            query = query.join(Complaint, Complaint.id == OutboxMessage.complaint_id).where(
                Complaint.tracking_code == code)
        rows = uow.session.scalars(query.order_by(OutboxMessage.id))
        return [(r.template, r.channel, json.loads(r.payload)["to"]) for r in rows]


def rows(services: Services) -> list[OutboxMessage]:
    """Every outbox row, oldest first."""
    with services.uow() as uow:
        return list(uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def payload(row: OutboxMessage) -> dict[str, Any]:
    """The row's JSON payload."""
    loaded: dict[str, Any] = json.loads(row.payload)
    return loaded


def devbox(services: Services, channel: str | None = None) -> list[DevMessage]:
    """Messages the development box kept, oldest first."""
    with services.uow() as uow:
        query = select(DevMessage)
        if channel:
            query = query.where(DevMessage.channel == channel)
        return list(uow.session.scalars(query.order_by(DevMessage.id)))


def officer(walk: Walk, role: str, opd: str | None = None, name: str | None = None,
            email: str = "", phone: str = "") -> Actor:
    """An officer with notification addresses."""
    actor = walk.user(role, opd, name)
    with walk.services.uow() as uow:
        assert actor.user_id is not None
        set_contact(uow.session, actor.user_id, email, phone, walk.clock())
        uow.commit()
    return actor
