"""The worker's heartbeat: when each `alur worker` last swept, for the readiness check."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class WorkerHeartbeat(Base):
    """One row per worker process (host and process id), its last sweep's instant."""

    __tablename__ = "worker_heartbeat"

    worker: Mapped[str] = mapped_column(String(120), primary_key=True)
    swept_at: Mapped[datetime] = mapped_column(index=True)
