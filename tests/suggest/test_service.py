"""Suggestions through the database: day-one fallback, training, duplicates that respect the
place, and lists that never show what their reader may not see."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from engine.complaints.tables import Complaint
from engine.domain import Actor
from engine.suggest import routing, service
from engine.suggest.similar import CENTRAL, PUBLIC, Audience
from engine.suggest.tables import ComplaintText, SuggestModel

CORPUS = Path(__file__).resolve().parents[1] / "data" / "suggest-corpus.csv"
SYSADMIN = Actor("sysadmin", "sysadmin")


def add(services: Any, n: int, title: str, description: str, *, status: str = "diterima",
        category: str | None = None, opd: str | None = None, rahasia: bool = False,
        days_ago: float = 1.0) -> int:
    now = services.clock()
    at = now - timedelta(days=days_ago)
    with services.uow() as uow:
        new_id = uow.session.execute(insert(Complaint).values(
            tracking_code=f"T{n:08d}", secret_hash="x", registration_year=2026,
            registration_seq=n, channel="web", status=status, title=title,
            description=description, category_code=category, opd_code=opd, received_at=at,
            verified_at=at + timedelta(hours=3) if category else None, updated_at=at,
            anonim=False, rahasia=rahasia).returning(Complaint.id)).scalar_one()
        uow.commit()
    return int(new_id)


def suggest(services: Any, title: str, description: str = "",
            audience: Audience = CENTRAL, exclude: int | None = None) -> service.Suggestions:
    with services.uow() as uow:
        found = service.suggest(uow.session, title, description, None, audience,
                                services.clock(), exclude_id=exclude)
        uow.commit()
    return found


def test_day_one_keywords_and_the_category_table(services: Any) -> None:
    found = suggest(services, "Jalan berlubang", "jln di desa kami rusak parah dan berlubang")
    assert found.source == "kata_kunci"
    assert found.categories[0].code == "8"
    assert found.opds[0].code == "PUPR"  # opd_dari_kategori.dmn: category 8 → PUPR
    assert 0 < found.opds[0].score <= 1


def test_the_admins_keywords_change_the_fallback(services: Any) -> None:
    text = "Pohon tumbang menimpa rumah warga"
    assert not suggest(services, text).categories
    with services.uow() as uow:
        routing.set_keywords(uow.session, "7", "pohon tumbang, pohon", SYSADMIN, services.clock())
        uow.commit()
    assert suggest(services, text).categories[0].code == "7"


def test_training_learns_the_agencys_own_choices(services: Any) -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["split"] == "train"][:120]
    for n, r in enumerate(rows):
        add(services, n + 1, r["title"], r["description"], status="selesai",
            category=r["category"], opd=r["opd"], days_ago=200)
    with services.uow() as uow:
        assert service.training_due(uow.session, services.clock())
        report = service.train(uow.session, services.clock())
        uow.commit()
    assert report.trained and report.samples == 120
    found = suggest(services, "Puskesmas tutup", "puskesmas di desa kami sering tutup siang")
    assert found.source == "model"
    assert found.opds[0].code == "DINKES"
    with services.uow() as uow:
        assert not service.training_due(uow.session, services.clock())
        assert uow.session.scalar(select(SuggestModel.samples)) == 120


def test_too_little_history_trains_nothing(services: Any) -> None:
    add(services, 1, "Jalan rusak", "jalan rusak", category="8", opd="PUPR")
    with services.uow() as uow:
        report = service.train(uow.session, services.clock())
    assert not report.trained and report.samples == 1


def test_same_thing_same_village_is_a_duplicate_other_village_is_not(services: Any) -> None:
    pendopo = add(services, 1, "Lampu jalan mati di Desa Pendopo",
                  "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu, jalan gelap.")
    add(services, 2, "Lampu jalan mati di Desa Muara Pinang",
        "Lampu penerangan jalan di Desa Muara Pinang mati sejak seminggu, jalan gelap.")
    add(services, 3, "Sampah menumpuk di Desa Pendopo", "Sampah tidak diangkut seminggu.")
    found = suggest(services, "PJU mati", "lampu jln di ds pendopo padam sdh 1 mgg, gelap")
    assert [s.complaint_id for s in found.similar if s.likely_duplicate] == [pendopo]
    codes = [s.tracking_code for s in found.similar]
    assert "T00000002" not in codes


def test_old_closed_complaints_are_not_candidates(services: Any) -> None:
    add(services, 1, "Lampu jalan mati di Desa Pendopo", "Lampu jalan mati.", status="selesai",
        days_ago=400)
    assert not suggest(services, "Lampu jalan mati di Desa Pendopo", "lampu mati").similar


def test_the_public_never_sees_confidential_or_unpublished_reports(services: Any) -> None:
    text = ("Lampu jalan mati di Desa Pendopo", "Lampu jalan di Desa Pendopo mati seminggu.")
    add(services, 1, *text, status="didisposisikan", category="25", opd="DISHUB", rahasia=True)
    add(services, 2, *text, status="diterima")
    published = add(services, 3, *text, status="didisposisikan", category="25", opd="DISHUB")
    everyone = suggest(services, *text)
    assert len(everyone.similar) == 3
    public = suggest(services, *text, audience=PUBLIC)
    assert [s.complaint_id for s in public.similar] == [published]


def test_a_liaison_sees_only_their_opds_complaints(services: Any) -> None:
    text = ("Jalan rusak di Desa Pendopo", "Jalan di Desa Pendopo rusak berlubang.")
    add(services, 1, *text, status="didisposisikan", category="8", opd="PUPR")
    add(services, 2, *text, status="didisposisikan", category="8", opd="PERKIM")
    liaison = Actor("penghubung-pupr", "pejabat_penghubung", "PUPR")
    found = suggest(services, *text, audience=service.audience_of(liaison))
    assert [s.tracking_code for s in found.similar] == ["T00000001"]


def test_a_complaint_is_not_its_own_duplicate_and_is_indexed_once(services: Any) -> None:
    own = add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.")
    assert not suggest(services, "Jalan rusak di Desa Pendopo", "Jalan berlubang.",
                       exclude=own).similar
    with services.uow() as uow:
        assert uow.session.scalar(select(ComplaintText.complaint_id)) == own


def test_the_worker_indexes_new_complaints_and_retrains_when_due(services: Any) -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["split"] == "train"][:60]
    for n, r in enumerate(rows):
        add(services, n + 1, r["title"], r["description"], status="didisposisikan",
            category=r["category"], opd=r["opd"], days_ago=10)
    assert service.refresh(services.uow, services.clock()).trained  # type: ignore[union-attr]
    with services.uow() as uow:
        assert len(uow.session.scalars(select(ComplaintText.complaint_id)).all()) == 60
    # Nothing new verified: no retraining, however much later.
    services.clock.set(services.clock() + timedelta(hours=5))
    assert service.refresh(services.uow, services.clock()) is None
    add(services, 100, "Jalan rusak", "jalan berlubang", category="8", opd="PUPR", days_ago=0)
    assert service.refresh(services.uow, services.clock()).trained  # type: ignore[union-attr]


def test_readings_of_old_closed_complaints_are_pruned(services: Any) -> None:
    from engine.suggest.similar import prune

    old = add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.", days_ago=10)
    add(services, 2, "Jalan rusak di Desa Pendopo", "Jalan berlubang parah.", days_ago=1)
    suggest(services, "Jalan rusak", "jalan berlubang di desa pendopo")
    with services.uow() as uow:
        uow.session.get(Complaint, old).status = "selesai"  # type: ignore[union-attr]
        uow.commit()
    services.clock.set(services.clock() + timedelta(days=95))
    with services.uow() as uow:
        assert prune(uow.session, services.clock()) == 1
        uow.commit()
        assert uow.session.scalars(select(ComplaintText.complaint_id)).all() == [old + 1]


def test_a_complaint_read_meanwhile_by_another_request_is_no_error(
        services: Any, monkeypatch: Any) -> None:
    first = add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.")

    def racing(session: Any, now: Any, classify: Any, limit: int = 500, *,
               newest_only: bool = False) -> int:
        # Another request has just written the reading this one is about to write.
        session.add(ComplaintText(complaint_id=first, words="jalan", villages="", districts="",
                                  category=None, token="y" * 32, indexed_at=now))
        session.flush()
        return 1

    with services.uow() as uow:
        uow.session.add(ComplaintText(complaint_id=first, words="jalan lubang", villages="",
                                      districts="", category=None, token="x" * 32,
                                      indexed_at=services.clock()))
        uow.session.flush()
        monkeypatch.setattr(service, "index_pending", racing)
        found = service.suggest(uow.session, "Jalan rusak", "jalan berlubang di pendopo", None,
                                CENTRAL, services.clock())
        uow.commit()
    assert [s.complaint_id for s in found.similar] == [first]


def test_an_archived_complaint_is_never_a_duplicate(services: Any) -> None:
    add(services, 1, "Lampu jalan mati di Desa Pendopo", "Lampu jalan mati.", status="diarsipkan")
    assert not suggest(services, "Lampu jalan mati di Desa Pendopo", "lampu mati").similar


def test_the_kept_window_follows_new_pruned_and_other_databases_readings(
        services: Any) -> None:
    from engine.suggest import similar

    first = add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.", days_ago=10)
    suggest(services, "Jalan rusak", "jalan berlubang di desa pendopo")
    with services.uow() as uow:
        assert [row[0] for row in similar.window(uow.session)] == [first]
    second = add(services, 2, "Jalan rusak di Desa Pendopo", "Jalan berlubang parah.")
    found = suggest(services, "Jalan rusak", "jalan berlubang di desa pendopo")
    assert {s.complaint_id for s in found.similar} == {first, second}
    with services.uow() as uow:
        uow.session.get(Complaint, first).status = "selesai"  # type: ignore[union-attr]
        uow.commit()
    services.clock.set(services.clock() + timedelta(days=95))
    with services.uow() as uow:
        similar.prune(uow.session, services.clock())
        uow.commit()
        assert [row[0] for row in similar.window(uow.session)] == [second]
    # Another database with the same ids (a restored backup): its own readings, not ours.
    with services.uow() as uow:
        uow.session.execute(ComplaintText.__table__.update().values(token="f" * 32))
        uow.commit()
        assert [row[1] for row in similar.window(uow.session)] == ["f" * 32]


def test_a_suggestion_looks_for_unread_complaints_along_the_primary_key_only(
        services: Any) -> None:
    """Mixed with the window's conditions, PostgreSQL's prepared plan read the whole window
    on every suggestion; the new ids are asked for alone, and nothing more when there are none."""
    from tests.sql_log import statements

    add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.")
    suggest(services, "Jalan rusak", "jalan berlubang")  # reads the complaint
    with statements(services) as seen:
        suggest(services, "Jalan rusak", "jalan berlubang")
    window_reads = [s for s in seen if "FROM complaint" in s and "complaint.description" in s]
    assert window_reads == []
    add(services, 2, "Lampu jalan mati di Desa Pendopo", "Lampu mati.")
    with statements(services) as seen:
        found = suggest(services, "Lampu jalan mati", "lampu mati di desa pendopo")
    reads = [s for s in seen if "FROM complaint" in s and "complaint.description" in s]
    assert len(reads) == 1 and "complaint.id IN" in reads[0]
    assert [s.tracking_code for s in found.similar][:1] == ["T00000002"]


def test_the_kept_window_is_not_extended_over_rows_that_changed_underneath(
        services: Any) -> None:
    """New readings were once appended to the kept rows whenever the totals matched, so a
    reading replaced below them (another database in the same process) stayed unseen."""
    from engine.suggest import similar

    first = add(services, 1, "Jalan rusak di Desa Pendopo", "Jalan berlubang.")
    suggest(services, "Jalan rusak", "jalan berlubang di desa pendopo")  # keeps reading 1
    table = ComplaintText.__table__
    with services.uow() as uow:
        uow.session.execute(table.update().values(token="0" * 32))  # another reading of 1
        uow.commit()
    second = add(services, 2, "Lampu jalan mati di Desa Pendopo", "Lampu mati.")
    third = add(services, 3, "Sampah menumpuk di Desa Pendopo", "Sampah tidak diangkut.")
    with services.uow() as uow:
        similar.index_pending(uow.session, services.clock(), lambda text: None, newest_only=True)
        for n, token in ((second, "f" * 32), (third, "e" * 32)):  # greater than any kept token
            uow.session.execute(table.update().where(table.c.complaint_id == n)
                                .values(token=token))
        uow.commit()
        assert {row[0]: row[1] for row in similar.window(uow.session)} == {
            first: "0" * 32, second: "f" * 32, third: "e" * 32}
