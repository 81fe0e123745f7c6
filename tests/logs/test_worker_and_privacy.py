"""The worker's lines carry the worker and the sweep; no log line names a reporter, their
contact or their words, and no secret."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.worker import run_worker
from tests.logs.conftest import Captured
from tests.walk import Walk
from webui.cli.main import main
from webui.wiring import Services

REPORTER = {"name": "Siti Rahmawati Penguji", "phone": "081299887766",
            "email": "siti.penguji@contoh.id",
            "description": "Jalan berlubang di depan rumah Bu Siti Rahmawati, RT 04 desa Uji."}


class OneSweep(threading.Event):
    """A stop signal that stops the worker after its first sweep, without waiting."""

    def wait(self, timeout: float | None = None) -> bool:
        self.set()
        return True


def sweep(services: Services) -> None:
    """One sweep of `alur worker`: due timers, the heartbeat, due messages."""
    run_worker(services.uow, services.runtime, interval=5.0, batch=100, stop=OneSweep())


def test_worker_lines_carry_the_worker_and_one_sweep_id(services: Services, walk: Walk,
                                                        json_lines: Captured) -> None:
    walk.file(**REPORTER)  # the reporter is told by SMS and email: two messages to send
    sweep(services)
    sweep(services)
    lines = json_lines.records()
    devbox = [line for line in lines if line["logger"] == "alur.devbox"]
    assert len(devbox) >= 2
    assert all(line["worker"] and line["sweep_id"] for line in lines)
    assert len({line["sweep_id"] for line in devbox}) == 1  # both sent in the first sweep


def test_no_personal_data_or_secret_in_the_logs(services: Services, walk: Walk,
                                                json_lines: Captured) -> None:
    walk.file(**REPORTER)
    sweep(services)
    written = json_lines.text
    assert "alur.devbox" in written  # the messages to the reporter were logged, and
    for value in (*REPORTER.values(), "Siti", "99887766", services.settings.secret_key):
        assert value not in written, value  # neither their identity nor their words were


def test_a_worker_stopped_by_an_error_says_so_in_one_line(json_lines: Captured,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALUR_DATABASE_URL", f"sqlite:///{tmp_path / 'no' / 'such.sqlite3'}")
    monkeypatch.setenv("ALUR_SECRET_KEY", "k3y-" + "9f" * 20)
    result = CliRunner().invoke(main, ["worker"])
    assert result.exit_code == 1
    [line] = [r for r in json_lines.records() if r["level"] == "ERROR"]
    assert line["logger"] == "alur.worker" and line["message"] == "worker stopped by an error"
    assert "OperationalError" in line["exc_info"]


def test_a_fired_timer_names_its_instance(services: Services, walk: Walk,
                                          json_lines: Captured) -> None:
    code = walk.file(**REPORTER).tracking_code
    walk.clock.set(walk.clock() + timedelta(days=40))  # every deadline of the first step passed
    sweep(services)
    fired = [line for line in json_lines.records() if line["logger"] == "alur.timers"]
    assert fired and fired[0]["message"].startswith("timer fired")
    assert fired[0]["instance_id"] == str(walk.instance(code).id)
    assert fired[0]["sweep_id"] and fired[0]["worker"]


def test_contacts_in_an_error_text_are_hidden(json_lines: Captured) -> None:
    log = logging.getLogger("alur.outbox")
    log.warning("outbox %s failed for good: %s", "k1/email/ab12",
                "550 <siti.penguji@contoh.id>: mailbox full; sms 081299887766 / +6281299887766")
    try:
        raise ValueError("NIK 1671234567890001 refused")
    except ValueError:
        log.exception("national refused")
    written = json_lines.text
    for value in ("siti.penguji@contoh.id", "81299887766", "1671234567890001"):
        assert value not in written
    first, second = json_lines.records()
    assert first["message"] == ("outbox k1/email/ab12 failed for good: 550 <[disamarkan]>: "
                                "mailbox full; sms [disamarkan] / [disamarkan]")
    assert "ValueError: NIK [disamarkan] refused" in second["exc_info"]
