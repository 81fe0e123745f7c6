"""Facts of the complaint domain that live once: statuses, roles, channels, deadlines."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = (
    "diterima",
    "perlu_klarifikasi",
    "didisposisikan",
    "ditindaklanjuti",
    "selesai",
    "dikembalikan",
    "dialihkan",
    "diarsipkan",
)
FINAL_STATUSES = frozenset({"selesai", "dialihkan", "diarsipkan"})

# The decree's team (Pengarah = Kepala Dinas, Penanggung Jawab = Sekretaris Dinas, the team's
# Sekretaris, Ketua, Anggota, Tim Admin), the OPDs' officers and head, and the back office.
ROLES = (
    "pengarah",
    "penanggung_jawab",
    "sekretaris",
    "ketua",
    "anggota",
    "tim_admin",
    "pejabat_penghubung",
    "unit_teknis",
    "kepala_opd",
    "front_office",
    "analis",
    "sysadmin",
)
# Roles bound to one OPD: they see only that OPD's complaints (and tasks).
OPD_ROLES = frozenset({"pejabat_penghubung", "unit_teknis", "kepala_opd"})
# Roles that may see a reporter's identity and ID document (docs/security.md).
IDENTITY_ROLES = frozenset({"tim_admin", "front_office"})
MANAGER_ROLES = frozenset({"pengarah", "penanggung_jawab", "sekretaris", "ketua", "anggota",
                           "tim_admin", "sysadmin"})
# Who may give an Anggota a task (duty d.5 of the decree).
ASSIGNING_ROLES = frozenset({"penanggung_jawab", "ketua"})
# The team's Sekretaris approves a new process version and releases the periodic report.
SECRETARY_ROLE = "sekretaris"

CHANNELS = ("web", "sms", "mobile", "kotak", "loket", "nasional", "whatsapp", "telegram")
JENIS = ("pengaduan", "aspirasi", "permintaan_informasi")

# The workflow variable holding the deadline of the stage a status stands for.
STAGE_DEADLINE = {
    "diterima": "verification_due",
    "dikembalikan": "verification_due",
    "didisposisikan": "followup_due",
    "perlu_klarifikasi": "clarification_due",
    "ditindaklanjuti": "closure_due",
}
# Task data written by a completed form that the complaint record keeps in plain columns.
COMPLAINT_FIELDS = {
    "category": "category_code",
    "opd": "opd_code",
    "jenis": "jenis",
    "anonim": "anonim",
    "rahasia": "rahasia",
    "cause": "cause_code",
    "resolution": "resolution_code",
}
ARCHIVE_REASON = "archive_reason"
# The notification that sends a complaint received here up to national LAPOR!.
UPSTREAM_TEMPLATE = "laporan_nasional"
REPLY_MESSAGE = "balasan_pelapor"
# The reporter's answer to a follow-up (the payload's ``answer``; the diagram's gateway
# "Masalah sudah selesai?"): solved closes the report, unsolved reopens it to the OPD; a reply
# without an answer is a plain message that does neither.
ANSWER_SOLVED = "sudah"
ANSWER_UNSOLVED = "belum"
ANSWERS = frozenset({ANSWER_SOLVED, ANSWER_UNSOLVED})


def role_for_lane(lane: str | None) -> str:
    """The role code a diagram lane stands for ("Tim Admin" → "tim_admin")."""
    return (lane or "").strip().lower().replace(" ", "_")


@dataclass(frozen=True)
class Actor:
    """Who runs a command: an officer, the reporter, or the system."""

    username: str
    role: str
    opd_code: str | None = None
    user_id: int | None = None

    @property
    def is_system(self) -> bool:
        """True for the worker and other automatic steps."""
        return self.role == "sistem"


SYSTEM = Actor("sistem", "sistem")
REPORTER = Actor("pelapor", "pelapor")
