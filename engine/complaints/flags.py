"""The reporter's confidentiality choices (anonim, rahasia): officers may strengthen them, never
weaken them without the reporter's recorded consent; every change is audited with old and new.

"Setiap pengaduan yang masuk dijamin kerahasiaannya": what the reporter chose when filing is a
promise made to them. A verifier who finds a report too sensitive may add the protection; one
who wants to lift it needs the reporter's word, written into the form field ``CONSENT_FIELD``
(when and how the reporter agreed), which the audit log keeps with the change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError
from engine.messages import N_, Message

from .tables import Complaint

FLAGS = ("anonim", "rahasia")
CONSENT_FIELD = "persetujuan_pelapor"
WEAKENED = N_("Pilihan pelapor ini hanya dapat dicabut dengan persetujuan pelapor; tuliskan "
              "kapan dan bagaimana pelapor menyetujuinya.")


def flag_changes(complaint: Complaint, data: dict[str, Any]) -> dict[str, tuple[bool, bool]]:
    """The flags ``data`` would change: name -> (old, new)."""
    changes = {}
    for name in FLAGS:
        if name in data and data[name] is not None:
            old, new = bool(getattr(complaint, name)), bool(data[name])
            if old != new:
                changes[name] = (old, new)
    return changes


def check_flags(complaint: Complaint, data: dict[str, Any]) -> None:
    """FormInvalidError on each flag a form would lift without the reporter's consent."""
    consent = str(data.get(CONSENT_FIELD) or "").strip()
    weakened = [n for n, (old, new) in flag_changes(complaint, data).items() if old and not new]
    if weakened and not consent:
        raise FormInvalidError({name: Message(WEAKENED) for name in weakened})


def apply_flags(session: Session, complaint: Complaint, data: dict[str, Any], actor: Actor,
                now: datetime, task_spec: str | None = None) -> None:
    """Set the flags ``data`` changes (after check_flags) and audit each with old and new."""
    consent = str(data.get(CONSENT_FIELD) or "").strip()
    for name, (old, new) in flag_changes(complaint, data).items():
        setattr(complaint, name, new)
        audit.record(session, actor, "confidentiality_changed", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id, task_spec=task_spec, flag=name,
                     old=old, new=new, consent=consent if old and not new else None)
