"""Demo data: one account per role, a liaison, a technical officer and a head per OPD, and
complaints in every stage. Everything here is made up; no real personal data."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from engine.accounts.second_factor import SecretBox, enrol_with_secret
from engine.accounts.signin import actor_for, hash_password
from engine.accounts.tables import User
from engine.calendar.store import load_calendar
from engine.clock import FixedClock
from engine.db import UnitOfWork
from engine.domain import ANSWER_UNSOLVED, REPORTER
from engine.reference.tables import Opd
from engine.workflow.context import Runtime

from .attachments import Upload
from .identity import ID_KIND, id_copy_required
from .intake import Intake, submit_complaint
from .reporter import deliver_reply
from .tables import Complaint, HumanTask
from .tasks import complete_task
from .timers import fire_due_timers

STAFF = {
    "pengarah": "Kepala Dinas (demo)",
    "penanggung_jawab": "Sekretaris Dinas (demo)",
    "sekretaris": "Sekretaris Tim (demo)",
    "ketua": "Kabid Aplikasi Informatika (demo)",
    "anggota": "Anggota Tim (demo)",
    "tim_admin": "Pengelola Pengaduan (demo)",
    "front_office": "Petugas Front Office (demo)",
    "analis": "Analis Proses (demo)",
    "sysadmin": "Admin Sistem (demo)",
}

OPD_LOGIN_PREFIX = {"pejabat_penghubung": "penghubung", "unit_teknis": "teknis",
                    "kepala_opd": "kepala"}


def demo_username(role: str, opd_code: str | None = None) -> str:
    """Demo login names: ``tim-admin``, ``penghubung-dinkes``, ``teknis-dinkes``,
    ``kepala-dinkes``."""
    prefix = OPD_LOGIN_PREFIX.get(role)
    if prefix is not None:
        return f"{prefix}-{(opd_code or '').lower()}"
    return role.replace("_", "-")


def create_demo_accounts(uow: UnitOfWork, password: str, now: datetime) -> int:
    """One account per role and three per OPD, all with ``password`` (idempotent)."""
    with uow:
        session = uow.session
        known = set(session.scalars(select(User.username)))
        shared_hash = hash_password(password)  # one argon2 run instead of ninety
        wanted: list[tuple[str, str | None, str]] = [
            (role, None, name) for role, name in STAFF.items()]
        for opd in session.scalars(select(Opd).where(Opd.active).order_by(Opd.code)):
            wanted.append(("pejabat_penghubung", opd.code, f"Pejabat Penghubung {opd.name}"))
            wanted.append(("unit_teknis", opd.code, f"Unit Teknis {opd.name}"))
            wanted.append(("kepala_opd", opd.code, f"Kepala {opd.name}"))
        added = 0
        for role, opd_code, full_name in wanted:
            username = demo_username(role, opd_code)
            if username in known:
                continue
            session.add(User(username=username, full_name=full_name[:150], role=role,
                             opd_code=opd_code, password_hash=shared_hash, active=True,
                             failed_logins=0, created_at=now))
            added += 1
        uow.commit()
        return added


def enrol_demo_second_factor(uow: UnitOfWork, roles: frozenset[str], secret: str,
                             box: SecretBox, now: datetime) -> int:
    """Enrol the demo accounts of ``roles`` not enrolled yet with the documented ``secret``,
    so a trainer adds one entry to an authenticator app for all of them; how many."""
    with uow:
        demo_names = {demo_username(role, None) for role in STAFF}
        users = uow.session.scalars(select(User).where(
            User.role.in_(roles), User.username.in_(demo_names), User.totp_enrolled_at.is_(None)))
        enrolled = 0
        for user in users:
            enrol_with_secret(uow.session, user, secret, box, now)
            enrolled += 1
        uow.commit()
        return enrolled


STORIES: list[dict[str, Any]] = [
    {"days_ago": 3, "title": "Jalan desa rusak parah di Tebing Tinggi", "category": "8",
     "kecamatan": "16.11.04", "desa": "16.11.04.1010", "point": (-3.6352, 103.0745),
     "opd": "PUPR", "path": ["forward", "to_unit"],
     "description": "Jalan penghubung antar desa berlubang besar sejak musim hujan, "
     "kendaraan roda dua sering jatuh. Mohon segera diperbaiki."},
    {"days_ago": 4, "title": "Antrean panjang pembuatan KTP-el", "category": "18",
     "opd": "DISDUKCAPIL",
     "path": ["forward", "answered"],
     "description": "Sudah tiga kali datang ke kantor Disdukcapil tetapi blangko KTP-el "
     "selalu habis. Kapan blangko tersedia kembali?"},
    {"days_ago": 2, "title": "Puskesmas tutup pada jam pelayanan", "category": "4", "opd": "DINKES",
     "path": ["forward"],
     "description": "Pada hari Senin pukul 10.00 puskesmas sudah tutup, padahal jadwal "
     "pelayanan sampai pukul 14.00. Warga yang datang berobat terpaksa pulang."},
    {"days_ago": 2, "title": "Lampu penerangan jalan padam", "category": "8", "path": ["clarify"],
     "kecamatan": "16.11.02", "desa": "16.11.02.1030",
     "description": "Lampu penerangan jalan umum di dekat pasar padam sudah dua minggu, "
     "rawan kejahatan pada malam hari."},
    {"days_ago": 25, "title": "Pungutan biaya di sekolah negeri", "category": "10", "opd": "DISDIK",
     "kecamatan": "16.11.01", "point": (-3.9021, 102.9133),
     "path": ["forward", "answered", "closed"],
     "description": "Orang tua murid diminta membayar uang pembangunan yang tidak jelas "
     "dasarnya di sebuah SD negeri. Mohon ditertibkan."},
    {"days_ago": 3, "title": "Bantuan sosial tidak tepat sasaran", "category": "14",
     "opd": "DINSOS",
     "path": ["forward", "not_ours"],
     "description": "Beberapa keluarga mampu menerima bantuan sementara tetangga yang "
     "kurang mampu tidak terdata. Mohon verifikasi ulang data penerima."},
    {"days_ago": 6, "title": "Layanan paspor di kantor imigrasi", "category": "29",
     "path": ["national"],
     "description": "Pengurusan paspor sangat lama dan sistem antrean daring sering "
     "gangguan. Mohon perbaikan layanan."},
    {"days_ago": 1, "title": "Uji coba", "category": None, "path": ["archive"],
     "description": "Ini hanya pesan uji coba dari aplikasi, mohon diabaikan saja ya."},
    {"days_ago": 5, "title": "Sampah menumpuk di pinggir sungai", "category": "7", "path": [],
     "kecamatan": "16.11.06", "point": (-3.7018, 103.1624),
     "description": "Sampah rumah tangga menumpuk di pinggir sungai dekat jembatan dan "
     "menimbulkan bau. Mohon disediakan tempat pembuangan sementara."},
]


def load_demo(new_uow: Callable[[], UnitOfWork], rt: Runtime, password: str,
              if_empty: bool = False) -> Iterator[str]:
    """Create demo accounts and complaints; yields progress lines."""
    with new_uow() as uow:
        count = uow.session.scalar(select(func.count()).select_from(Complaint)) or 0
    if if_empty and count:
        return
    added = create_demo_accounts(new_uow(), password, rt.clock())
    yield f"{added} demo account(s) created"
    now = rt.clock()
    with new_uow() as uow:
        calendar = load_calendar(uow.session)
    demo_clock = FixedClock(now)
    drt = replace(rt, clock=demo_clock)
    for n, story in enumerate(STORIES):
        # Each story starts a few working days back so that it stands in its stage today.
        day_end = calendar.add_working_days(now, -story["days_ago"])
        start = min(day_end - timedelta(hours=15) + timedelta(minutes=17 * n),
                    now - timedelta(hours=1))
        demo_clock.set(start)
        code = _play(new_uow, drt, demo_clock, story, n, step_times(start, story["path"], now))
        yield f"{code}: {story['title']}"
    demo_clock.set(now)
    fire_due_timers(new_uow, drt, limit=1000)


def step_times(start: datetime, path: list[str], now: datetime) -> list[datetime]:
    """When each move of a story filed at ``start`` happens: a day after the one before (a
    closure waits 16 days more for the closing timer), all strictly before ``now``.

    A story filed late in the morning one working day back would otherwise take its next move
    today at that hour: after ``now`` when the demo runs before then (early in the morning WIB,
    the evening before in UTC). Moves that would pass ``now`` are spread evenly between
    ``start`` and ``now`` instead."""
    times: list[datetime] = []
    at = start
    for move in path:
        at += timedelta(days=17 if move == "closed" else 1)
        times.append(at)
    if times and times[-1] >= now:
        gap = (now - start) / (len(times) + 1)
        times = [start + gap * (k + 1) for k in range(len(times))]
    return times


def _play(new_uow: Callable[[], UnitOfWork], rt: Runtime, clock: FixedClock,
          story: dict[str, Any], n: int, times: list[datetime]) -> str:
    intake = Intake(
        title=story["title"], description=story["description"],
        channel=("web", "sms", "mobile", "loket", "kotak")[n % 5],
        category=story.get("category"), kecamatan=story.get("kecamatan"),
        desa=story.get("desa"), latitude=story.get("point", (None, None))[0],
        longitude=story.get("point", (None, None))[1], anonim=n % 3 == 1, rahasia=n % 4 == 2,
        name=None if n % 3 == 1 else f"Warga Contoh {n + 1}",
        phone=None if n % 3 == 1 else f"08120000{n:04d}",
    )
    if id_copy_required(intake.channel, intake.anonim, rt.settings):
        intake.files = [Upload(ID_KIND, "ktp-contoh.png", demo_id_card())]
    if intake.channel == "kotak":  # the box's paper form, scanned: guarded like the ID copy
        intake.files.append(Upload("pindaian", "formulir-kotak-contoh.png", demo_id_card()))
    receipt = submit_complaint(new_uow(), rt, intake, REPORTER)
    for move, at in zip(story["path"], times, strict=True):
        clock.set(at)
        _move(new_uow, rt, receipt.tracking_code, story, move)
    return receipt.tracking_code


def demo_id_card() -> bytes:
    """A valid 1×1 grey PNG standing in for a photographed ID card in the demo data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def _move(new_uow: Callable[[], UnitOfWork], rt: Runtime, code: str, story: dict[str, Any],
          move: str) -> None:
    if move == "closed":  # step_times let the closing timer come due
        fire_due_timers(new_uow, rt, limit=1000)
        return
    decisions: dict[str, tuple[str, dict[str, Any]]] = {
        "forward": ("verifikasi", {"decision": "forward", "opd": story.get("opd"),
                                   "jenis": "pengaduan", "reason": ""}),
        "clarify": ("verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                   "reason": "Mohon sebutkan lokasi tepatnya (nama jalan)."}),
        "national": ("verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                    "reason": "Layanan imigrasi adalah kewenangan pusat."}),
        "archive": ("verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                   "reason": "Pesan uji coba, bukan pengaduan."}),
        "answered": ("tanggapi", {"outcome": "answered", "response": (
            "Terima kasih atas laporannya. Kami telah menindaklanjuti dan akan "
            "memperbaiki pelayanan mulai minggu ini.")}),
        "to_unit": ("tanggapi", {"outcome": "to_unit", "note": "Mohon cek ke lapangan."}),
        "not_ours": ("tanggapi", {"outcome": "not_our_authority",
                                  "note": "Data penerima bantuan dikelola kementerian."}),
    }
    spec, data = decisions[move]
    with new_uow() as uow:
        task = uow.session.scalars(
            select(HumanTask).join(Complaint, Complaint.id == HumanTask.complaint_id)
            .where(Complaint.tracking_code == code, HumanTask.spec_name == spec)).first()
        if task is None:
            return
        user = _user_for(uow, task)
    if data.get("decision") == "forward" and not data.get("opd"):
        data = {**data, "opd": "SETDA"}
    complete_task(new_uow(), rt, task.id, {k: v for k, v in data.items() if v is not None},
                  actor_for(user))


def _user_for(uow: UnitOfWork, task: HumanTask) -> User:
    username = demo_username(task.role, task.opd_code)
    user = uow.session.scalars(select(User).where(User.username == username)).one()
    return user


def demo_reply(new_uow: Callable[[], UnitOfWork], rt: Runtime, code: str) -> bool:
    """A reporter's "belum selesai" on a demo complaint (used by walkthroughs)."""
    return deliver_reply(new_uow(), rt, code, "Terima kasih, tetapi masalahnya belum selesai.",
                         REPORTER, ANSWER_UNSOLVED)

