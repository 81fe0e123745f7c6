"""The append-only audit log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .complaint_models import AuditEntry
from .domain import Actor


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
