"""Tables of the reference lists: OPDs, categories, regions and the admin-editable code lists."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class Opd(Base):
    """A perangkat daerah (regional office) that follows complaints up."""

    __tablename__ = "opd"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(Base):
    """A LAPOR! report category (hierarchical, editable)."""

    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("category.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Region(Base):
    """A kecamatan or desa/kelurahan of the regency (Kemendagri code)."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(20), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(20), index=True)
    # The centre point of a kecamatan on the maps; the seed list has none, the admin sets it.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class CodeListEntry(Base):
    """An entry of an admin-editable list (causes of complaints, resolution types)."""

    __tablename__ = "code_list"

    list_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
