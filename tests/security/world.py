"""A seeded data set for the confidentiality matrix: complaints whose identities carry marker
values, every caller's sign-in, and the values each route parameter is filled with."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from sqlalchemy import func, select

from engine.audit import AuditEntry
from engine.channels.adapters import build_adapters
from engine.channels.outbox import dispatch_outbox
from engine.complaints.attachments import Upload
from engine.complaints.tables import Attachment, Complaint, HumanTask
from engine.complaints.visibility import is_published, may_read_complaint
from engine.domain import IDENTITY_ROLES, OPD_ROLES, ROLES, Actor
from engine.workflow.tables import ProcessInstance
from tests.walk import VERIFY_FORWARD, Walk

OWN_OPD, OTHER_OPD = "DINKES", "DISDIK"
OTHER = {"penghubung_lain": "pejabat_penghubung", "teknis_lain": "unit_teknis",
         "kepala_lain": "kepala_opd"}
CALLERS = ("publik", *ROLES, *OTHER)
IDENTITY_ACTIONS = ("identity_viewed", "identity_document_viewed")
PERIOD = "2026-03"


def id_document(n: int, marker: str = "DOKUMEN-KTP-PENANDA") -> bytes:
    """A PNG (by content) whose bytes carry a marker."""
    return b"\x89PNG\r\n\x1a\n" + f"{marker}-{n}".encode() + b"\x00" * 64


# Every kind of file (engine.complaints.visibility.FILE_KINDS) with the marker its name and
# bytes carry, by what the file shows: identity, the name only, or the complaint's content.
FILES = {"identitas": ("ktp-penanda", "DOKUMEN-KTP-PENANDA", "identity"),
         "pindaian": ("pindaian-penanda", "PINDAIAN-KONTAK-PENANDA", "identity"),
         "pindaian_nama": ("pindaian-nama-penanda", "PINDAIAN-NAMA-PENANDA", "name"),
         "pindaian_isi": ("pindaian-isi-penanda", "PINDAIAN-ISI-PENANDA", "file"),
         "lampiran": ("bukti-penanda", "BUKTI-FOTO-PENANDA", "file")}


def uploads(n: int) -> list[Upload]:
    """One file of every kind, with markers of complaint ``n``."""
    return [Upload(kind, f"{name}-{n}.png", id_document(n, marker))
            for kind, (name, marker, _) in FILES.items()]


def file_markers(n: int, shows: str) -> tuple[str, ...]:
    """Names and bytes of complaint ``n``'s files that show ``shows``."""
    return tuple(itertools.chain.from_iterable(
        (f"{name}-{n}", f"{marker}-{n}") for name, marker, s in FILES.values() if s == shows))


@dataclass
class Seeded:
    """One complaint with marker values for its identity."""

    n: int
    anonim: bool
    rahasia: bool
    forward: bool
    code: str = ""

    @property
    def identity(self) -> tuple[str, ...]:
        """Markers only identity roles (and the reporter with the secret) may see."""
        return (f"08129999000{self.n}", f"penanda{self.n}@contoh.id", f"999900000000000{self.n}",
                *file_markers(self.n, "identity"))

    @property
    def name(self) -> str:
        """The reporter's name marker."""
        return f"Nama Penanda {self.n}"

    @property
    def names(self) -> tuple[str, ...]:
        """The name and the scans showing only the name."""
        return (self.name, *file_markers(self.n, "name"))

    @property
    def files(self) -> tuple[str, ...]:
        """Files showing no one: for officers who may read the complaint, never the public."""
        return file_markers(self.n, "file")

    @property
    def title(self) -> str:
        """The complaint's title marker (who may see the complaint at all)."""
        return f"Judul Penanda {self.n}"


@dataclass
class World:
    """The seeded complaints and how to act as each caller."""

    walk: Walk
    complaints: list[Seeded] = field(default_factory=list)

    def actor(self, caller: str) -> Actor | None:
        """The engine's actor of a caller (None for the public)."""
        if caller == "publik":
            return None
        if caller in OTHER:
            return self.walk.user(OTHER[caller], OTHER_OPD)
        return self.walk.user(caller, OWN_OPD if caller in OPD_ROLES else None)

    def allowed(self, caller: str, seeded: Seeded) -> tuple[bool, bool, bool, bool]:
        """(identity, name, title, files) of ``seeded`` the caller may see."""
        actor = self.actor(caller)
        complaint = self.walk.complaint(seeded.code)
        sees = may_read_complaint(actor, complaint) or is_published(complaint)
        identity = actor is not None and actor.role in IDENTITY_ROLES
        # Written out here rather than asked of visibility.py, so the oracle cannot drift with
        # the code it checks: the public never sees a name; officers when not anonymous.
        name = identity or (sees and actor is not None and not complaint.anonim)
        files = sees and actor is not None  # files are never public
        return identity, name, sees, files

    def audit_count(self) -> int:
        """Identity reads in the audit log so far."""
        with self.walk.services.uow() as uow:
            return uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action.in_(IDENTITY_ACTIONS))) or 0

    def values(self) -> dict[str, list[object]]:
        """What each route parameter is filled with."""
        with self.walk.services.uow() as uow:
            attachments = list(uow.session.scalars(select(Attachment.id)))
            tasks = list(uow.session.scalars(select(HumanTask.id)))
            instances = list(uow.session.scalars(select(ProcessInstance.id)))
            users = [self.walk.user("tim_admin").user_id]
            codes = list(uow.session.scalars(select(Complaint.tracking_code)))
        return {"code": [*codes, PERIOD], "tracking_code": codes, "attachment_id": attachments,
                "task_id": tasks, "instance_id": instances, "user_id": users}


SEEDS = (
    Seeded(1, anonim=False, rahasia=False, forward=True),  # published, named
    Seeded(2, anonim=True, rahasia=True, forward=True),  # at the OPD, secret and anonymous
    Seeded(3, anonim=True, rahasia=False, forward=False),  # waiting for verification
    Seeded(4, anonim=False, rahasia=True, forward=False),  # waiting, secret, named
)


def build_world(walk: Walk) -> World:
    """File the seeded complaints (each with a file of every kind) and forward some to the OPD."""
    world = World(walk)
    for seed in SEEDS:
        phone, email, nik = seed.identity[:3]
        receipt = walk.file(title=seed.title, name=seed.name, phone=phone, email=email, nik=nik,
                            anonim=seed.anonim, rahasia=seed.rahasia, files=uploads(seed.n))
        seed = Seeded(seed.n, seed.anonim, seed.rahasia, seed.forward, receipt.tracking_code)
        if seed.forward:
            walk.complete(seed.code, "verifikasi", VERIFY_FORWARD)
        world.complaints.append(seed)
    # Send the outbox (development box): its pages then list reporters' addresses and texts.
    services = walk.services
    report = dispatch_outbox(services.uow, services.runtime,
                             build_adapters(services.settings, services.uow, services.clock))
    assert report.sent > 0
    for caller in CALLERS:
        world.actor(caller)
    return world
