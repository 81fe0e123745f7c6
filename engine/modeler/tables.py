"""Table of the analysts' modeler: saved drafts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class ModelerDraft(Base):
    """One save of an analyst: the diagram files, edited forms and the validation result."""

    __tablename__ = "modeler_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(100), index=True)
    base_definition_id: Mapped[int | None] = mapped_column(ForeignKey("process_definition.id"))
    files: Mapped[str] = mapped_column(Text)  # JSON {file name: XML text}
    forms: Mapped[str] = mapped_column(Text, default="{}")  # JSON {key: {"schema", "ui"}}
    problems: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of problems
    valid: Mapped[bool] = mapped_column(Boolean, default=False)
    author: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(index=True)
    deployed_definition_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_definition.id"))
    deployed_at: Mapped[datetime | None]
    # Four eyes (duty c.1): the team's Sekretaris approves a draft before it may deploy.
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_at: Mapped[datetime | None]
