"""The `alur` command: database upgrade, worker, demo, and the engine's commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from engine.accounts.tables import User
from engine.complaints.tables import Attachment, Complaint
from engine.workflow.tables import ProcessDefinition
from tests.walk import Walk
from webui.cli.main import main


@pytest.fixture
def run(services, monkeypatch):  # type: ignore[no-untyped-def]
    """Run `alur ...` against the test database; returns (exit code, output)."""
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_UPLOADS_DIR", services.settings.uploads_dir)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)
    monkeypatch.delenv("ALUR_NOW", raising=False)

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.output

    return invoke


def test_db_upgrade_is_idempotent_and_quiet(run, services) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "upgrade", "--quiet") == (0, "")
    assert run("db", "upgrade", "--quiet") == (0, "")
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ProcessDefinition)) == 1


def test_worker_once_fires_what_is_due_at_the_given_instant(run, services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    code = walk.file().tracking_code
    assert run("worker", "--once", "--now", "2026-03-04T12:00:00+07:00") == (
        0, "fired 0 instance(s), conflicts 0\n")
    code_out = run("worker", "--once", "--now", "2026-03-06T00:00:01+07:00")
    assert code_out == (0, "fired 1 instance(s), conflicts 0\n")
    specs = sorted(t.spec_name for t in walk.tasks(code))
    assert specs == ["pemberitahuan_verifikasi_terlambat", "verifikasi"]


def test_submit_show_complete_and_reply_from_the_terminal(  # type: ignore[no-untyped-def]
    run, services, clock, monkeypatch
) -> None:
    monkeypatch.setenv("ALUR_NOW", "2026-03-02T09:00:00+07:00")
    status, out = run("complaint", "submit", "--title", "Kotak saran: jalan rusak",
                      "--description", "Jalan di depan kantor camat berlubang besar.",
                      "--channel", "kotak", "--name", "Warga", "--phone", "081200000001")
    assert status == 0, out
    receipt = json.loads(out)
    status, out = run("complaint", "show", receipt["tracking_code"])
    shown = json.loads(out)
    assert shown["status"] == "diterima"
    task_id = shown["tasks"][0]["id"]
    Walk(services, clock).user("tim_admin", name="admin-cli")
    status, out = run("task", "complete", task_id, "--as", "admin-cli", "--data",
                      json.dumps({"decision": "forward", "jenis": "pengaduan"}))
    assert status == 2 and "opd" in out
    status, out = run("task", "complete", task_id, "--as", "admin-cli", "--data",
                      json.dumps({"decision": "clarify", "jenis": "pengaduan",
                                  "reason": "Di jalan apa?"}))
    assert (status, out) == (0, "completed\n")
    assert run("complaint", "reply", receipt["tracking_code"], "--text",
               "Jalan Lintas Sumatera km 3.") == (0, "resumed\n")


@pytest.mark.parametrize("now", ["2026-11-27T10:00:00+07:00", "2026-03-25T10:00:00+07:00"])
def test_demo_creates_accounts_and_complaints_in_many_stages(run, services, monkeypatch,  # type: ignore[no-untyped-def]
                                                             now) -> None:
    monkeypatch.setenv("ALUR_NOW", now)  # an ordinary week, and the week after Lebaran
    status, out = run("demo")
    assert status == 0, out
    with services.uow() as uow:
        names = set(uow.session.scalars(select(User.username)))
        statuses = set(uow.session.scalars(select(Complaint.status)))
    assert {"tim-admin", "ketua", "anggota", "front-office", "analis", "pengarah", "sysadmin",
            "penanggung-jawab", "sekretaris", "penghubung-dinkes", "teknis-pupr",
            "kepala-dinkes"} <= names
    assert {"diterima", "perlu_klarifikasi", "didisposisikan", "ditindaklanjuti", "selesai",
            "dialihkan", "diarsipkan", "dikembalikan"} <= statuses
    with services.uow() as uow:  # every letter from the box comes with its scan
        boxed = set(uow.session.scalars(select(Complaint.id).where(Complaint.channel == "kotak")))
        scanned = set(uow.session.scalars(select(Attachment.complaint_id).where(
            Attachment.kind == "pindaian")))
    assert boxed and boxed == scanned
    assert run("demo", "--if-empty") == (0, "")


def test_user_add_creates_the_first_administrator(run, services) -> None:  # type: ignore[no-untyped-def]
    status, out = run("user", "add", "admin-pertama", "--role", "sysadmin", "--name",
                      "Admin Pertama", "--password", "rahasia-sekali")
    assert (status, out) == (0, "account admin-pertama (sysadmin) created\n")
    status, out = run("user", "add", "penghubung-x", "--role", "pejabat_penghubung", "--name",
                      "Tanpa OPD", "--password", "rahasia-sekali")
    assert status == 2
    with services.uow() as uow:
        names = set(uow.session.scalars(select(User.username)))
    assert "admin-pertama" in names and "penghubung-x" not in names


def test_suggest_train_and_show(run, services, clock) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(services, clock)
    code = walk.file(title="Lampu jalan mati di Desa Pendopo",
                     description="Lampu jalan di Desa Pendopo mati sejak seminggu.").tracking_code
    status, output = run("suggest", "train")
    assert status == 0 and "model tidak dilatih" in output and "0 laporan" in output
    status, output = run("suggest", "show", "--title", "PJU mati",
                         "--description", "lampu jln di ds pendopo padam")
    body = json.loads(output)
    assert status == 0 and body["source"] == "kata_kunci"
    assert body["categories"][0]["code"] == "25" and body["opds"][0]["code"] == "DISHUB"
    assert [s["tracking_code"] for s in body["similar"]] == [code]


def test_worker_once_records_its_sweep(run, services) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from engine.monitor.health import last_sweep

    assert run("worker", "--once", "--now", "2026-03-04T12:00:00+07:00")[0] == 0
    with services.uow() as uow:
        assert last_sweep(uow.session) == datetime.fromisoformat("2026-03-04T12:00:00+07:00")
