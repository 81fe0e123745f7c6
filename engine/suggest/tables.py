"""Tables of the suggestions: the trained model, the keywords per category, each complaint's
text as the matcher reads it, and the citizens' "Saya juga mengalami ini" supporters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class SuggestModel(Base):
    """A trained model (the newest row is used); kept small: one row per training."""

    __tablename__ = "suggest_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(index=True)
    samples: Mapped[int] = mapped_column(Integer)
    # The newest verification the model has seen: the worker retrains when a newer one exists.
    last_verified_at: Mapped[datetime | None]
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class CategoryKeywords(Base):
    """Words that point at a category, edited by the system admin (the day-one fallback)."""

    __tablename__ = "suggest_keywords"

    category_code: Mapped[str] = mapped_column(ForeignKey("category.code"), primary_key=True)
    keywords: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(100))


class ComplaintText(Base):
    """A complaint's words as the duplicate matcher reads them, and the places it names."""

    __tablename__ = "suggest_text"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), primary_key=True)
    words: Mapped[str] = mapped_column(Text)
    villages: Mapped[str] = mapped_column(String(400))
    districts: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(32))  # predicted when it was indexed
    # Names this reading for the processes' caches (a reading never changes once written).
    token: Mapped[str] = mapped_column(String(32))
    indexed_at: Mapped[datetime]


class Supporter(Base):
    """A citizen who has the same problem as a published report ("Saya juga mengalami ini").

    No account and nothing that names them: a hash of their device's cookie and of their
    address: a device counts once per report, an address a few times (a
    household or an office shares one).
    """

    __tablename__ = "complaint_supporter"
    __table_args__ = (
        UniqueConstraint("complaint_id", "device_hash"),
        Index("ix_supporter_address", "complaint_id", "address_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    device_hash: Mapped[str] = mapped_column(String(64))
    address_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
