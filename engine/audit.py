"""The append-only audit log: its table, and the one way to append to it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, event
from sqlalchemy.orm import Mapped, Mapper, ORMExecuteState, Session, mapped_column

from .db import Base
from .domain import Actor


class AuditEntry(Base):
    """Append-only: who did what, when, from which status to which."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    actor_role: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    instance_id: Mapped[int | None] = mapped_column(index=True)
    complaint_id: Mapped[int | None] = mapped_column(index=True)
    task_spec: Mapped[str | None] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class AppendOnlyError(RuntimeError):
    """Something tried to change or remove an audit entry."""


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(_mapper: Mapper[AuditEntry], _connection: Any, entry: AuditEntry) -> None:
    raise AppendOnlyError(f"audit entry {entry.id} cannot be changed or removed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    """``update(AuditEntry)`` / ``delete(AuditEntry)`` through a session (and ``Query.update``,
    ``Query.delete``) never run; the database's triggers refuse plain SQL as well."""
    if (state.is_update or state.is_delete) and any(
            m.class_ is AuditEntry for m in state.all_mappers):
        raise AppendOnlyError("audit entries cannot be changed or removed")


def record(
    session: Session,
    actor: Actor,
    action: str,
    at: datetime,
    *,
    complaint_id: int | None = None,
    instance_id: int | None = None,
    task_spec: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    **detail: Any,
) -> AuditEntry:
    """Append one entry to the audit log (in the caller's transaction)."""
    entry = AuditEntry(
        at=at,
        actor=actor.username,
        actor_role=actor.role,
        action=action,
        complaint_id=complaint_id,
        instance_id=instance_id,
        task_spec=task_spec,
        from_status=from_status,
        to_status=to_status,
        detail=json.dumps(detail, ensure_ascii=False, default=str),
    )
    session.add(entry)
    return entry

