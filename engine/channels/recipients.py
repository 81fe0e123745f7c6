"""Who is told what, and where: the one place that turns a diagram's recipient into addresses.

The diagram says ``notify(template, to)`` with a role-like recipient (``pelapor``, an officer
role, ``assignee`` or ``nasional``); the table of who that is, and by which channel, is in
docs/channels.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.complaints.tables import Complaint, HumanTask, ReporterIdentity
from engine.domain import OPD_ROLES, UPSTREAM_TEMPLATE

from .phone import to_msisdn
from .tables import ChatContact, OfficerContact

# Escalation notices are tasks of these roles; they are not "the" work an assignee holds.
NOT_ASSIGNEE_ROLES = frozenset({"ketua", "anggota", "penanggung_jawab", "pengarah"})
RECEIPT_SENT_BY_CHANNEL = frozenset({"sms", "whatsapp", "telegram"})
# The Kepala OPD is told (duties f.1, f.5 of the liaison he oversees) when a complaint reaches
# the OPD and when its follow-up is late: notification the process sends -> the head's own copy.
HEAD_OF_OPD = "kepala_opd"
HEAD_COPIES = {"disposisi_opd": "kepala_opd_disposisi",
               "eskalasi_tindak_lanjut": "kepala_opd_terlambat"}


@dataclass(frozen=True)
class Delivery:
    """One address to send one message to."""

    channel: str  # sms|email|nasional|whatsapp|telegram
    address: str  # +62… number, email address, national document kind, or the chat id
    name: str = ""
    user_id: int | None = None


def delivery_key(parent_key: str, delivery: Delivery) -> str:
    """The idempotency key of one delivery of a notification (no address in clear text)."""
    digest = hashlib.sha256(delivery.address.encode()).hexdigest()[:12]
    return f"{parent_key}/{delivery.channel}/{digest}"


def resolve(session: Session, complaint: Complaint, recipient: str, template: str,
            upstream: bool = False) -> list[Delivery]:
    """Every delivery of notification ``template`` to ``recipient`` about ``complaint``;
    ``upstream``: national LAPOR! is the system of record of local complaints too."""
    if recipient == "pelapor":
        found = reporter_deliveries(session, complaint, template)
        if upstream and complaint.channel != "nasional" and template != "dialihkan":
            found.append(Delivery("nasional", "status"))
    elif recipient == "nasional":
        found = [Delivery("nasional", "report" if template == UPSTREAM_TEMPLATE else "return")]
    elif recipient == "assignee":
        found = officer_deliveries(session, assignees(session, complaint))
    elif recipient in OPD_ROLES:
        found = officer_deliveries(session, role_users(session, recipient, complaint.opd_code))
    else:
        found = officer_deliveries(session, role_users(session, recipient))
    return _unique(found)


def head_of_opd_copy(session: Session, complaint: Complaint, template: str
                     ) -> tuple[str, list[Delivery]] | None:
    """(template, deliveries) of the Kepala OPD's copy of ``template``, if it has one."""
    copy = HEAD_COPIES.get(template)
    if copy is None or not complaint.opd_code:
        return None
    return copy, officer_deliveries(session, role_users(session, HEAD_OF_OPD,
                                                        complaint.opd_code))


def reporter_deliveries(session: Session, complaint: Complaint, template: str
                        ) -> list[Delivery]:
    """How the reporter of ``complaint`` hears about ``template``."""
    if complaint.channel == "nasional":
        # The return itself tells the coordinator; every other notice is a status update.
        return [] if template == "dialihkan" else [Delivery("nasional", "status")]
    if complaint.channel in RECEIPT_SENT_BY_CHANNEL and template == "diterima":
        return []  # the channel's own receipt said it, with the secret
    identity = session.get(ReporterIdentity, complaint.id)
    chat = session.get(ChatContact, complaint.id)
    if identity is None and chat is None:
        return []
    name = (identity.name or "") if identity else ""
    found = []
    phone = to_msisdn(identity.phone if identity else None)
    if chat is not None:  # the chat the report came from, instead of SMS
        found.append(Delivery(chat.provider, chat.chat_id, name))
    elif phone:
        found.append(Delivery("sms", phone, name))
    if identity is not None and identity.email:
        found.append(Delivery("email", identity.email.strip(), name))
    return found


def role_users(session: Session, role: str, opd_code: str | None = None) -> list[User]:
    """Active officers of ``role`` (of ``opd_code`` for OPD roles)."""
    query = select(User).where(User.role == role, User.active.is_(True))
    if role in OPD_ROLES:
        query = query.where(User.opd_code == opd_code)
    return list(session.scalars(query.order_by(User.id)))


def assignees(session: Session, complaint: Complaint) -> list[User]:
    """Who holds the complaint's ready work: the claimant, else all who may claim it."""
    users: list[User] = []
    tasks = session.scalars(select(HumanTask).where(HumanTask.complaint_id == complaint.id))
    for task in tasks:
        if task.role in NOT_ASSIGNEE_ROLES:
            continue
        if task.assignee_id is not None:
            user = session.get(User, task.assignee_id)
            users.extend([user] if user is not None and user.active else [])
        else:
            users.extend(role_users(session, task.role, task.opd_code))
    return users


def officer_deliveries(session: Session, users: list[User]) -> list[Delivery]:
    """Each officer's address: email when known, else a mobile number."""
    found = []
    for user in users:
        contact = session.get(OfficerContact, user.id)
        if contact is None:
            continue
        phone = to_msisdn(contact.phone)
        if contact.email:
            found.append(Delivery("email", contact.email, user.full_name, user.id))
        elif phone:
            found.append(Delivery("sms", phone, user.full_name, user.id))
    return found


def _unique(deliveries: list[Delivery]) -> list[Delivery]:
    seen: set[tuple[str, str]] = set()
    found = []
    for delivery in deliveries:
        if (delivery.channel, delivery.address) not in seen:
            seen.add((delivery.channel, delivery.address))
            found.append(delivery)
    return found
