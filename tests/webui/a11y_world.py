"""One seeded world for the accessibility pass: the demo data, plus what the demo does not
reach (a task of every kind, an incident, a second deployed version), built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from engine.accounts.second_factor import SecretBox, enrol_with_secret
from engine.accounts.signin import actor_for, create_user
from engine.accounts.tables import User
from engine.calendar.working_days import WIB
from engine.channels.render import template_files
from engine.clock import FixedClock
from engine.complaints import steps
from engine.complaints.demo import demo_username, load_demo
from engine.complaints.tables import Complaint, HumanTask
from engine.complaints.team_tasks import give_task
from engine.complaints.visibility import is_published
from engine.db import Base
from engine.modeler.drafts import Bundle, approve_draft, deploy_draft, save_draft, working_bundle
from engine.reference.seed import seed_reference_data
from engine.settings import Settings
from engine.workflow.definitions import MAIN_PROCESS, SpecCache, ensure_deployed
from engine.workflow.tables import ProcessDefinition, ProcessInstance
from tests.modeler.bundles import MAIN, default_files, replaced
from tests.monitor.conftest import Breaker
from tests.pg_schema import delete_all
from tests.walk import VERIFY_FORWARD, Walk, wib
from webui import wiring
from webui.modeler.common import form_checks, form_source

PASSWORD = "alur-demo"
NOW = datetime(2026, 3, 17, 9, 0, tzinfo=WIB)  # a Tuesday; the demo stands in every stage


@dataclass
class World:
    """Values the page table fills its addresses with."""

    services: wiring.Services
    tasks: dict[str, tuple[str, str]] = field(default_factory=dict)  # spec -> (id, username)
    codes: dict[str, str] = field(default_factory=dict)  # kind -> tracking code
    instances: dict[str, int] = field(default_factory=dict)  # kind -> instance id
    versions: list[int] = field(default_factory=list)  # definition ids of the main process
    user_id: int = 0
    draft: int = 0  # an analyst's draft waiting for the Sekretaris' approval
    team_task: int = 0  # a task the Ketua gave the Anggota
    template: str = ""
    secret: str = ""  # of codes["own"], for the tracking page


def _wipe(services: wiring.Services) -> None:
    with services.db.begin() as conn:
        delete_all(conn, reversed(Base.metadata.sorted_tables))


@contextmanager
def built_services(database_url: str, folder: Path, spec_cache: SpecCache,
                   clock: FixedClock) -> Iterator[wiring.Services]:
    """Alur's parts on the session's database, wiped, with diagrams and reference data."""
    settings = Settings.from_env({}, database_url=database_url, uploads_dir=str(folder),
                                 secret_key="test-secret-of-the-suite-0123456789abcdef",
                                 demo_password=PASSWORD, totp_required_roles="",
                                 ratelimit_enabled=0)  # a dozen sign-ins from one address
    services = wiring.build(settings, clock=clock)
    services.runtime.specs = spec_cache
    _wipe(services)
    with services.uow() as uow:
        ensure_deployed(uow.session, Path(settings.processes_dir), clock())
        seed_reference_data(uow.session)
        uow.commit()
    try:
        yield services
    finally:
        services.db.dispose()


def _before_the_demo(walk: Walk) -> tuple[str, str]:
    """A complaint whose follow-up is long overdue (escalation tasks) and an incident."""
    walk.clock.set(wib("2026-03-02 09:00"))
    late = walk.file(title="Izin usaha tidak kunjung terbit").tracking_code
    walk.complete(late, "verifikasi", VERIFY_FORWARD)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "script_functions", Breaker().wrap(steps.script_functions))
        broken = walk.file(title="Laporan dengan gangguan proses").tracking_code
    walk.at(NOW)
    return late, broken


def _second_version(walk: Walk) -> int:
    """The demo analyst deploys a renamed task the Sekretaris approved: two versions to compare;
    a further draft waits for approval (its id is returned)."""
    services, checks = walk.services, form_checks(walk.services.settings.forms_dir)
    files = replaced(default_files(), MAIN, 'name="Verifikasi laporan"',
                     'name="Verifikasi laporan masuk"')
    with services.uow() as uow:
        base, _ = working_bundle(uow.session)
        analyst, secretary = (actor_for(uow.session.scalars(select(User).where(
            User.username == name)).one()) for name in ("analis", "sekretaris"))
    bundle = Bundle(MAIN_PROCESS, files, base.forms, base.base_definition_id)
    saved = save_draft(services.uow(), bundle, author=analyst.username, note="uji",
                       now=walk.clock(), checks=checks)
    approve_draft(services.uow(), saved.draft_id, actor=secretary, note="", now=walk.clock())
    deploy_draft(services.uow(), saved.draft_id, actor=analyst, note="uji", now=walk.clock(),
                 checks=checks, form_source=form_source(services.settings.forms_dir))
    waiting = Bundle(MAIN_PROCESS, replaced(files, MAIN, 'name="Verifikasi laporan masuk"',
                                            'name="Verifikasi dan disposisi"'),
                     base.forms, base.base_definition_id)
    return save_draft(services.uow(), waiting, author=analyst.username, note="nama tugas",
                      now=walk.clock(), checks=checks).draft_id


def _officers_signing_in(session: Any, services: wiring.Services, clock: FixedClock) -> None:
    """Accounts that stop at a sign-in step: a new password owed, an authenticator code."""
    for name in ("petugas-baru", "petugas-faktor", "petugas-daftar"):
        user = create_user(session, name, name.replace("-", " ").title(), "anggota", PASSWORD,
                           clock())
        if name == "petugas-baru":
            user.must_change_password = True
        if name == "petugas-faktor":
            enrol_with_secret(session, user, services.settings.demo_totp_secret,
                              SecretBox(services.settings.secret_key), clock())


def build_world(services: wiring.Services, clock: FixedClock) -> World:
    """Seed everything the pages need and collect the values of their addresses."""
    walk = Walk(services, clock)
    late, broken = _before_the_demo(walk)
    list(load_demo(services.uow, services.runtime, PASSWORD))
    with services.uow() as uow:
        pupr = uow.session.scalars(select(HumanTask).where(
            HumanTask.spec_name == "susun_tanggapan")).first()
        assert pupr is not None
        pupr_code = uow.session.get(Complaint, pupr.complaint_id).tracking_code  # type: ignore[union-attr]
    walk.complete(pupr_code, "susun_tanggapan", {"draft": "Jalan sudah kami tambal minggu ini."})
    walk.complete(late, "tanggapi", {"outcome": "to_unit", "note": "Mohon dicek ke lapangan."})
    draft = _second_version(walk)
    world = World(services, draft=draft)
    own = walk.file(title="Trotoar rusak di depan sekolah")
    world.codes["own"], world.secret = own.tracking_code, own.secret
    with services.uow() as uow:
        session = uow.session
        for task in session.scalars(select(HumanTask).order_by(HumanTask.id)):
            world.tasks.setdefault(task.spec_name, (task.id, demo_username(task.role,
                                                                           task.opd_code)))
        complaints = list(session.scalars(select(Complaint).order_by(Complaint.id)))
        world.codes["published"] = next(c.tracking_code for c in complaints if is_published(c))
        world.codes["late"], world.codes["broken"] = late, broken
        by_code = {c.tracking_code: c.instance_id for c in complaints}
        overdue = session.scalars(select(HumanTask).where(
            HumanTask.spec_name == "verifikasi", HumanTask.due_at < NOW)).first()
        assert overdue is not None
        world.instances = {"late": by_code[late], "broken": by_code[broken],
                           "overdue": session.get(Complaint, overdue.complaint_id).instance_id}  # type: ignore[union-attr]
        assert session.get(ProcessInstance, by_code[broken]).status == "error"  # type: ignore[union-attr]
        world.versions = list(session.scalars(select(ProcessDefinition.id).where(
            ProcessDefinition.process_id == MAIN_PROCESS).order_by(ProcessDefinition.id)))
        world.user_id = session.scalars(select(User.id).where(
            User.username == "tim-admin")).one()
        ketua, anggota = (actor_for(session.scalars(select(User).where(
            User.username == name)).one()) for name in ("ketua", "anggota"))
        _officers_signing_in(session, services, clock)
        world.team_task = give_task(session, ketua, {
            "assignee": str(anggota.user_id), "title": "Rekap laporan terlambat",
            "instruction": "Siapkan rekap untuk apel pagi.", "complaint": late,
            "due_on": "2026-03-18"}, NOW).id
        uow.commit()
    world.template = template_files()[0].filename
    return world
