"""Migrating running instances: a dry run first, then each movable one in its own transaction."""

from __future__ import annotations

import json

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.modeler.drafts import FormCheckFactory
from engine.modeler.migration import migrate, preview
from engine.workflow.form_versions import FormSource
from tests.walk import VERIFY_FORWARD, Walk

from .bundles import default_files, rename, without_liaison_task
from .deploying import deploy_files

ARCHIVE = {"decision": "archive", "jenis": "pengaduan", "reason": "Duplikat laporan."}


def test_a_batch_moves_except_the_instance_waiting_on_a_removed_task(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    first, second, stuck = (walk.file().tracking_code for _ in range(3))
    walk.complete(stuck, "verifikasi", VERIFY_FORWARD)  # now waits at "tanggapi"
    v1 = walk.instance(first).definition_id
    files = without_liaison_task(rename(default_files(), "verifikasi", "Verifikasi (v2)"))
    v2 = deploy_files(walk, files, checks, source)
    ids = [walk.instance(code).id for code in (first, second, stuck)]
    uows, rt = walk.services.uow, walk.services.runtime

    dry = preview(uows, rt, ids, v2.id)
    assert [m.movable for m in dry] == [True, True, False]
    assert dry[2].reasons == ["Menunggu di 'Tindak lanjuti laporan' yang tidak ada lagi di versi 2"]
    assert dry[0].waiting[0] == "Verifikasi laporan" and dry[0].from_version == 1
    assert {walk.instance(c).definition_id for c in (first, second, stuck)} == {v1}

    result = migrate(uows, rt, ids, v2.id, walk.user("analis"))
    assert [m.tracking_code for m in result.moved] == [first, second]
    assert [m.tracking_code for m in result.skipped] == [stuck] and result.failed == []
    assert walk.instance(first).definition_id == walk.instance(second).definition_id == v2.id
    assert walk.instance(stuck).definition_id == v1
    assert walk.task(first, "verifikasi").title == "Verifikasi (v2)"
    assert walk.task(stuck, "tanggapi").title == "Tindak lanjuti laporan"
    with walk.services.uow() as uow:
        rows = list(uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "instance_migrated").order_by(AuditEntry.id)))
    assert [(r.instance_id, r.actor) for r in rows] == [(ids[0], "analis"), (ids[1], "analis")]
    assert json.loads(rows[0].detail)["to_version"] == 2
    walk.complete(first, "verifikasi", ARCHIVE)  # the moved instance runs on
    assert walk.instance(first).status == "completed"
    assert preview(uows, rt, [ids[1]], v2.id)[0].reasons[0].startswith("Sudah di versi 2")


def test_a_moved_instance_keeps_its_timers(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    code = walk.file().tracking_code
    due_before = walk.instance(code).next_timer_at
    v2 = deploy_files(walk, rename(default_files(), "mulai", "Laporan diterima"), checks, source)
    result = migrate(walk.services.uow, walk.services.runtime, [walk.instance(code).id], v2.id,
                     walk.user("analis"))
    assert len(result.moved) == 1
    assert walk.instance(code).next_timer_at == due_before
    walk.assert_round_trip(code)
