"""A seeded data set for the confidentiality matrix: complaints whose identities carry marker
values, every caller's sign-in, and the values each route parameter is filled with."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from engine.audit import AuditEntry
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


def id_document(n: int) -> bytes:
    """A PNG (by content) whose bytes carry a marker."""
    return b"\x89PNG\r\n\x1a\n" + f"DOKUMEN-KTP-PENANDA-{n}".encode() + b"\x00" * 64


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
                f"ktp-penanda-{self.n}", f"DOKUMEN-KTP-PENANDA-{self.n}")

    @property
    def name(self) -> str:
        """The reporter's name marker."""
        return f"Nama Penanda {self.n}"

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

    def allowed(self, caller: str, seeded: Seeded) -> tuple[bool, bool, bool]:
        """(identity, name, title) of ``seeded`` the caller may see."""
        actor = self.actor(caller)
        complaint = self.walk.complaint(seeded.code)
        sees = may_read_complaint(actor, complaint) or is_published(complaint)
        identity = actor is not None and actor.role in IDENTITY_ROLES
        # Written out here rather than asked of visibility.py, so the oracle cannot drift with
        # the code it checks: the public never sees a name; officers when not anonymous.
        name = identity or (sees and actor is not None and not complaint.anonim)
        return identity, name, sees

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
    """File the seeded complaints (each with an ID document) and forward some to the OPD."""
    world = World(walk)
    for seed in SEEDS:
        phone, email, nik, doc_name, _ = seed.identity
        receipt = walk.file(title=seed.title, name=seed.name, phone=phone, email=email, nik=nik,
                            anonim=seed.anonim, rahasia=seed.rahasia,
                            files=[Upload("identitas", f"{doc_name}.png", id_document(seed.n))])
        seed = Seeded(seed.n, seed.anonim, seed.rahasia, seed.forward, receipt.tracking_code)
        if seed.forward:
            walk.complete(seed.code, "verifikasi", VERIFY_FORWARD)
        world.complaints.append(seed)
    for caller in CALLERS:
        world.actor(caller)
    return world
