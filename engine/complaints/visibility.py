"""Who may see which complaint and which of its parts — the confidentiality rules, once.

Identity (phone, email, NIK, the ID-card copy) reaches only Tim Admin, Front Office and the
reporter holding the secret; every such read is audited. The reporter's name is never
published ("setiap pengaduan dijamin kerahasiaannya"), whatever the anonymous flag; officers
outside the identity roles see it only when the report is not anonymous. OPD roles see only
complaints routed to their OPD. The public sees only verified, non-secret reports.
"""

from __future__ import annotations

from engine.domain import IDENTITY_ROLES, MANAGER_ROLES, OPD_ROLES, Actor

from .tables import Complaint

PUBLISHED_STATUSES = frozenset({"didisposisikan", "ditindaklanjuti", "selesai", "dikembalikan"})
COMPLAINT_READERS = MANAGER_ROLES | IDENTITY_ROLES | OPD_ROLES


def may_read_complaint(actor: Actor | None, complaint: Complaint) -> bool:
    """True when ``actor`` (None: the public) may open this complaint at all."""
    if actor is None or actor.role == "pelapor":
        return is_published(complaint)
    if actor.role in OPD_ROLES:
        return complaint.opd_code is not None and complaint.opd_code == actor.opd_code
    return actor.role in COMPLAINT_READERS


def may_read_identity(actor: Actor | None) -> bool:
    """True when ``actor`` may see the reporter's contact details and ID document."""
    return actor is not None and actor.role in IDENTITY_ROLES


def may_read_name(actor: Actor | None, complaint: Complaint) -> bool:
    """The reporter's name: identity roles always, other officers unless anonymous, never the
    public."""
    if may_read_identity(actor):
        return True
    if actor is None or actor.role == "pelapor":
        return False
    return not complaint.anonim


def is_published(complaint: Complaint) -> bool:
    """Verified, non-secret reports appear on the public list."""
    return not complaint.rahasia and complaint.status in PUBLISHED_STATUSES
