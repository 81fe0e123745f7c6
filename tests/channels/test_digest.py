"""The morning digest (apel pagi): overdue, due today, due on the next working day."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from engine.accounts.tables import User
from engine.calendar.working_days import WorkingCalendar
from engine.channels.digest import bucket, digest_for, send_digests
from engine.domain import Actor
from tests.walk import VERIFY_FORWARD, Walk, wib
from webui.cli.main import main

from .helpers import devbox, officer, rows


@pytest.mark.parametrize(("now", "due", "expected"), [
    ("2026-03-06 07:00", "2026-03-06 23:59:59", "today"),      # Friday
    ("2026-03-06 07:00", "2026-03-09 23:59:59", "tomorrow"),   # Friday -> Monday
    ("2026-03-06 07:00", "2026-03-10 23:59:59", None),
    ("2026-03-06 07:00", "2026-03-05 23:59:59", "overdue"),
    ("2026-03-17 07:00", "2026-03-25 23:59:59", "tomorrow"),   # Nyepi and Lebaran between
    ("2026-03-17 07:00", "2026-03-17 23:59:59", "today"),
    ("2026-03-21 07:00", "2026-03-25 23:59:59", "tomorrow"),   # a day off: the next one
])
def test_buckets_count_working_days(now: str, due: str, expected: str | None) -> None:
    assert bucket(WorkingCalendar(), wib(due), wib(now)) == expected


@pytest.fixture
def desk(walk: Walk) -> dict[str, str]:
    """A: waits for verification; B forwarded to DINKES; C forwarded to RSUD (all Monday)."""
    codes = {name: walk.file(title=f"Laporan {name}").tracking_code for name in "ABC"}
    walk.complete(codes["B"], "verifikasi", VERIFY_FORWARD)
    walk.complete(codes["C"], "verifikasi", {**VERIFY_FORWARD, "opd": "RSUD"})
    walk.at(wib("2026-03-06 07:00"))  # Friday roll call
    return codes


def user_of(walk: Walk, actor: Actor) -> User:
    with walk.services.uow() as uow:
        found = uow.session.get(User, actor.user_id)
        assert found is not None
        return found


def sections(walk: Walk, actor: Actor) -> dict[str, list[str]]:
    with walk.services.uow() as uow:
        digest = digest_for(uow.session, user_of(walk, actor), walk.clock())
    return {name: sorted(i.title for i in getattr(digest, name))
            for name in ("overdue", "today", "tomorrow")}


def test_each_officer_sees_their_own_deadlines_and_the_ketua_sees_all(
    walk: Walk, desk: dict[str, str]
) -> None:
    assert sections(walk, walk.user("tim_admin")) == {
        "overdue": ["Laporan A"], "today": [], "tomorrow": []}
    assert sections(walk, walk.user("pejabat_penghubung", "DINKES")) == {
        "overdue": [], "today": [], "tomorrow": ["Laporan B"]}
    assert sections(walk, walk.user("ketua")) == {
        "overdue": ["Laporan A"], "today": [], "tomorrow": ["Laporan B", "Laporan C"]}


def test_a_task_claimed_by_a_colleague_is_not_in_my_digest(walk: Walk, desk: dict[str, str]
                                                           ) -> None:
    ani = walk.user("pejabat_penghubung", "DINKES", "ani")
    budi = walk.user("pejabat_penghubung", "DINKES", "budi")
    walk.claim(desk["B"], "tanggapi", ani)
    assert sections(walk, ani)["tomorrow"] == ["Laporan B"]
    assert sections(walk, budi)["tomorrow"] == []


def test_digests_are_queued_once_a_day_for_officers_with_an_address(
    walk: Walk, desk: dict[str, str], services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "pejabat_penghubung", "DINKES", email="penghubung@dinkes.id")
    officer(walk, "ketua", phone="081233334444")
    officer(walk, "pejabat_penghubung", "RSUD", name="tanpa-kontak")
    assert send_digests(services.uow, services.runtime) == 2
    assert send_digests(services.uow, services.runtime) == 0
    dispatch()
    sms = [m for m in devbox(services, "sms") if m.address == "+6281233334444"][0]
    assert sms.body.startswith("LAPOR! Apel pagi Jumat, 6 Maret 2026: 1 terlambat")
    mail = [m for m in devbox(services, "email") if m.address == "penghubung@dinkes.id"][0]
    assert desk["B"] in mail.body and "Laporan B" in (mail.html or "")
    walk.at(wib("2026-03-09 07:00"))
    assert send_digests(services.uow, services.runtime) == 2
    assert len([r for r in rows(services) if r.template == "ringkasan"]) == 4


def test_the_digest_command_skips_days_off(walk: Walk, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)
    officer(walk, "tim_admin", email="admin@kominfo.id")
    walk.file()
    runner = CliRunner()
    saturday = runner.invoke(main, ["digest", "--now", "2026-03-07T07:00:00+07:00"])
    assert saturday.output == "not a working day: no digest (use --force to send anyway)\n"
    friday = runner.invoke(main, ["digest", "--now", "2026-03-06T07:00:00+07:00"])
    assert (friday.exit_code, friday.output) == (0, "queued 1 digest message(s)\n")
    sent = runner.invoke(main, ["outbox", "send", "--now", "2026-03-06T07:00:00+07:00"])
    assert sent.output.startswith("expanded 1, sent 2")


def test_an_officer_opens_their_own_digest_page(walk: Walk, desk: dict[str, str], pages
                                                ) -> None:  # type: ignore[no-untyped-def]
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    page = pages.get("/saluran/ringkasan").get_data(as_text=True)
    assert desk["B"] in page and desk["A"] not in page and desk["C"] not in page
    assert "Jatuh tempo hari kerja berikutnya" in page
    pages.client.get("/saluran/ringkasan?lang=en")


def afternoon(walk: Walk, actor: Actor) -> dict[str, list[str]]:
    with walk.services.uow() as uow:
        digest = digest_for(uow.session, user_of(walk, actor), walk.clock(), afternoon=True)
    found = {name: sorted(i.title for i in getattr(digest, name))
             for name in ("overdue", "today", "tomorrow")}
    found["done"] = [f"{d.title}: {d.what}" for d in digest.done]
    return found


def test_heads_of_office_see_every_deadline_like_the_ketua(walk: Walk, desk: dict[str, str]
                                                          ) -> None:
    expected = {"overdue": ["Laporan A"], "today": [], "tomorrow": ["Laporan B", "Laporan C"]}
    assert sections(walk, walk.user("penanggung_jawab")) == expected
    assert sections(walk, walk.user("pengarah")) == expected


def test_the_afternoon_digest_adds_what_was_done_today(walk: Walk, desk: dict[str, str]
                                                      ) -> None:
    liaison = walk.user("pejabat_penghubung", "DINKES")
    walk.clock.set(wib("2026-03-06 10:00"))
    walk.complete(desk["B"], "tanggapi", {"outcome": "answered", "response": "Sudah diperbaiki."},
                  actor=liaison)
    walk.clock.set(wib("2026-03-06 15:30"))  # Friday afternoon roll call
    assert afternoon(walk, liaison) == {"overdue": [], "today": [], "tomorrow": [],
                                        "done": ["Laporan B: Tindak lanjuti laporan"]}
    assert afternoon(walk, walk.user("ketua")) == {
        "overdue": ["Laporan A"], "today": [], "tomorrow": ["Laporan C"],
        "done": ["Laporan B: Tindak lanjut terbit"]}
    # The morning digest has no "done" section; the next day's afternoon starts empty.
    walk.clock.set(wib("2026-03-09 15:30"))
    assert afternoon(walk, liaison)["done"] == []


def test_afternoon_digests_are_queued_once_a_day_beside_the_morning_ones(
    walk: Walk, desk: dict[str, str], services, dispatch, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "ketua", phone="081233334444")
    assert send_digests(services.uow, services.runtime) == 1
    walk.complete(desk["A"], "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-06 15:30"))
    assert send_digests(services.uow, services.runtime, afternoon=True) == 1
    assert send_digests(services.uow, services.runtime, afternoon=True) == 0
    dispatch()
    sms = [m.body for m in devbox(services, "sms")
           if m.address == "+6281233334444" and "Apel sore" in m.body]
    assert sms == ["LAPOR! Apel sore Jumat, 6 Maret 2026: 1 selesai, 0 jatuh tempo hari ini, "
                   "2 besok, 0 terlambat. http://127.0.0.1:5000/saluran/ringkasan?sesi=sore"]
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)
    result = CliRunner().invoke(main, ["digest", "--sore", "--now", "2026-03-09T15:30:00+07:00"])
    assert (result.exit_code, result.output) == (0, "queued 1 afternoon digest message(s)\n")


def test_an_officer_opens_the_afternoon_digest_page(walk: Walk, desk: dict[str, str], pages
                                                    ) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    walk.complete(desk["A"], "verifikasi", VERIFY_FORWARD)
    pages.login("tim_admin")
    page = pages.get("/saluran/ringkasan?sesi=sore").get_data(as_text=True)
    assert "Ringkasan apel sore" in page and "Selesai hari ini" in page
    assert desk["A"] in page and "Verifikasi laporan" in page
    assert "Ringkasan apel pagi" in pages.get("/saluran/ringkasan").get_data(as_text=True)
