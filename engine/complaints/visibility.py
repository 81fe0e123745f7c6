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


PUBLIC_DECIMALS_NAMED = 4  # about 11 m: the spot, as the reporter pinned it
PUBLIC_DECIMALS_ANONYMOUS = 2  # about 1 km: the neighbourhood, not the house


def may_read_position(actor: Actor | None, complaint: Complaint) -> bool:
    """The exact pinned point: the officers who may open the complaint (the reporter sees it
    through the secret, not through this rule)."""
    return actor is not None and actor.role != "pelapor" and may_read_complaint(actor, complaint)


def public_position(complaint: Complaint) -> tuple[float, float] | None:
    """The pinned point as the public may see it: never for a secret (rahasia) report, rounded
    to about a kilometre for an anonymous one, to about ten metres otherwise."""
    if complaint.rahasia or complaint.latitude is None or complaint.longitude is None:
        return None
    decimals = PUBLIC_DECIMALS_ANONYMOUS if complaint.anonim else PUBLIC_DECIMALS_NAMED
    return round(complaint.latitude, decimals), round(complaint.longitude, decimals)


def position_for(actor: Actor | None, complaint: Complaint) -> tuple[float, float] | None:
    """The point ``actor`` (None: the public) may see of this complaint, if any."""
    if may_read_position(actor, complaint) and complaint.latitude is not None \
            and complaint.longitude is not None:
        return complaint.latitude, complaint.longitude
    return public_position(complaint)
