"""Tables of the workflow: deployed process versions, their instances, the forms of a version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class ProcessDefinition(Base):
    """A deployed version of a process: its BPMN/DMN files, kept forever."""

    __tablename__ = "process_definition"
    __table_args__ = (UniqueConstraint("process_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    files: Mapped[str] = mapped_column(Text)  # JSON {file name: XML text}
    hash: Mapped[str] = mapped_column(String(64), index=True)
    author: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    deployed_at: Mapped[datetime]
    # Who approved the draft it came from ("" for versions deployed from the processes folder).
    approved_by: Mapped[str] = mapped_column(String(100), default="")


class ProcessInstance(Base):
    """One running (or finished) workflow; its SpiffWorkflow state as JSON."""

    __tablename__ = "process_instance"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    state: Mapped[str] = mapped_column(Text)
    serializer_version: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20), index=True)  # running|completed|error|cancelled
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    next_timer_at: Mapped[datetime | None] = mapped_column(index=True)
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __mapper_args__ = {"version_id_col": version}


class ProcessForm(Base):
    """A form (JSON Schema + UI schema) as deployed with one version of a process."""

    __tablename__ = "process_form"
    __table_args__ = (UniqueConstraint("definition_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    form_key: Mapped[str] = mapped_column(String(100))
    schema: Mapped[str] = mapped_column(Text)  # JSON
    ui: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    hash: Mapped[str] = mapped_column(String(64))
