"""Every area's tables in one metadata: what migrations compare with and tests wipe."""

from __future__ import annotations

from sqlalchemy import MetaData

from engine.accounts import tables as accounts
from engine.calendar import tables as calendar
from engine.channels import tables as channels
from engine.complaints import tables as complaints
from engine.evaluation import tables as evaluation
from engine.modeler import tables as modeler
from engine.monitor import tables as monitor
from engine.reference import tables as reference
from engine.suggest import tables as suggest
from engine.workflow import tables as workflow

from . import audit
from .db import Base

AREAS = (audit, accounts, calendar, channels, complaints, evaluation, modeler, monitor, reference,
         suggest, workflow)


def metadata() -> MetaData:
    """The metadata of every table of every area (all their modules are imported here)."""
    return Base.metadata
