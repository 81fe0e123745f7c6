"""Who may see which complaint and which of its parts — the confidentiality rules, once.

Identity (phone, email, NIK, the ID-card copy, a scan of a paper form with the name and
contact details on it) reaches only Tim Admin, Front Office and the reporter holding the
secret; every such read is audited. The reporter's name is never
published ("setiap pengaduan dijamin kerahasiaannya"), whatever the anonymous flag; officers
outside the identity roles see it only when the report is not anonymous. OPD roles see only
complaints routed to their OPD. The public sees only verified, non-secret reports.
"""

from __future__ import annotations

from engine.domain import IDENTITY_ROLES, MANAGER_ROLES, OPD_ROLES, Actor

from .tables import Complaint

PUBLISHED_STATUSES = frozenset({"didisposisikan", "ditindaklanjuti", "selesai", "dikembalikan"})
COMPLAINT_READERS = MANAGER_ROLES | IDENTITY_ROLES | OPD_ROLES

# Every kind of file a complaint may carry, and what it shows (so who may open it):
# "identity" — identity roles and the reporter only; "name" — whoever may read the reporter's
# name (never an OPD when the report is anonymous); "complaint" — whoever may read the complaint.
IDENTITY, NAME, CONTENT = "identity", "name", "complaint"
FILE_KINDS: dict[str, str] = {
    "lampiran": CONTENT,  # evidence: photos, documents
    "identitas": IDENTITY,  # the copy of the KTP/SIM/KTM
    "pindaian": IDENTITY,  # a scan of the paper form: name, address, phone on it
    "pindaian_nama": NAME,  # a scan Front Office marked as showing the name only
    "pindaian_isi": CONTENT,  # a scan Front Office marked as showing no one (the letter's text)
}
SCAN_KINDS = ("pindaian", "pindaian_nama", "pindaian_isi")

# What the public reads of a published report's exchange: the OPD's follow-ups. The reporter's
# replies and answers, and Tim Admin's replies to them, were written to officers (so the forms
# say) and may carry a name, an address or a phone number.
PUBLIC_FOLLOW_UPS = frozenset({"tindak_lanjut"})


def may_read_complaint(actor: Actor | None, complaint: Complaint) -> bool:
    """True when ``actor`` (None: the public) may open this complaint at all."""
    if actor is None or actor.role == "pelapor":
        return is_published(complaint)
    if actor.role in OPD_ROLES:
        return complaint.opd_code is not None and complaint.opd_code == actor.opd_code
    return actor.role in COMPLAINT_READERS


def may_read_exchange(actor: Actor | None, with_secret: bool) -> bool:
    """True when the viewer reads every follow-up line, not only those the public reads."""
    return with_secret or (actor is not None and actor.role in COMPLAINT_READERS)


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


def file_shows(kind: str) -> str:
    """What a file of ``kind`` shows; an unknown kind is treated as showing identity."""
    return FILE_KINDS.get(kind, IDENTITY)


def may_open_file(actor: Actor | None, complaint: Complaint, kind: str) -> bool:
    """True when officer ``actor`` may see (and open) a file of ``kind``; files are never public
    (the reporter opens their own through the secret)."""
    if actor is None or actor.role == "pelapor" or not may_read_complaint(actor, complaint):
        return False
    shows = file_shows(kind)
    if shows == IDENTITY:
        return may_read_identity(actor)
    if shows == NAME:
        return may_read_name(actor, complaint)
    return True


def file_read_is_audited(kind: str) -> bool:
    """Opening a file that shows the reporter (ID copy, scans with a name) is audited."""
    return file_shows(kind) != CONTENT


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
