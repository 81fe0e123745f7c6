"""Deploying drafts: versions with author, note and hash; forms versioned with the diagram."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.domain import Actor
from engine.errors import ConflictError, DefinitionError, ForbiddenError, FormInvalidError
from engine.modeler.drafts import (
    Bundle,
    FormCheckFactory,
    approve_draft,
    awaiting_approval,
    deploy_draft,
    save_draft,
)
from engine.modeler.tables import ModelerDraft
from engine.workflow.definitions import MAIN_PROCESS, bundle_hash
from engine.workflow.form_versions import FormJson, FormSource, forms_of
from engine.workflow.versions import list_versions
from tests.walk import Walk

from .bundles import MAIN, default_files, rename, replaced
from .deploying import deploy_files

ARCHIVE = {"decision": "archive", "jenis": "pengaduan", "reason": "Duplikat laporan."}


def test_new_complaints_start_on_the_new_version_old_ones_finish_on_theirs(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    old = walk.file().tracking_code
    first = walk.instance(old).definition_id
    files = rename(default_files(), "verifikasi", "Verifikasi laporan (versi 2)")
    v2 = deploy_files(walk, files, checks, source, note="Nama tugas baru")
    new = walk.file().tracking_code
    assert walk.instance(new).definition_id == v2.id != first
    assert walk.task(new, "verifikasi").title == "Verifikasi laporan (versi 2)"
    assert walk.task(old, "verifikasi").title == "Verifikasi laporan"
    walk.complete(old, "verifikasi", ARCHIVE)
    assert walk.instance(old).status == "completed"
    assert walk.instance(old).definition_id == first
    walk.complete(new, "verifikasi", ARCHIVE)
    assert walk.instance(new).status == "completed"
    assert (v2.version, v2.author, v2.note) == (2, "analis", "Nama tugas baru")
    assert v2.hash == bundle_hash(files)
    with walk.services.uow() as uow:
        versions = list_versions(uow.session)
        audit = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "definition_deployed")).one()
    assert [(v.version, v.total) for v in versions] == [(2, 1), (1, 1)]
    assert audit.actor == "analis" and json.loads(audit.detail)["version"] == 2


def test_forms_are_versioned_with_the_diagram(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    old = walk.file().tracking_code
    form = source("verifikasi")
    assert form is not None
    stricter = FormJson({**form.schema, "required": [*form.schema["required"], "note"]}, form.ui)
    v2 = deploy_files(walk, default_files(), checks, source, forms={"verifikasi": stricter})
    with walk.services.uow() as uow:
        stored = forms_of(uow.session, v2.id)
    assert stored["verifikasi"] == stricter
    assert stored["tindak_lanjut"] == source("tindak_lanjut")
    new = walk.file().tracking_code
    with pytest.raises(FormInvalidError) as invalid:
        walk.complete(new, "verifikasi", ARCHIVE)
    assert "note" in invalid.value.errors
    walk.complete(new, "verifikasi", {**ARCHIVE, "note": "Sudah dicek."})
    walk.complete(old, "verifikasi", ARCHIVE)  # the old version keeps the old form
    assert walk.status(old) == walk.status(new) == "diarsipkan"


def test_what_a_process_kept_of_a_version_never_stands_for_a_newer_one(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    # Versions and forms are kept by id once read (Runtime.deployed): the first completion
    # reads version 1's; a version deployed afterwards is used at once with its own form.
    walk.complete(walk.file().tracking_code, "verifikasi", ARCHIVE)
    old = walk.file().tracking_code
    form = source("verifikasi")
    assert form is not None
    stricter = FormJson({**form.schema, "required": [*form.schema["required"], "note"]}, form.ui)
    files = rename(default_files(), "verifikasi", "Verifikasi laporan (versi 2)")
    v2 = deploy_files(walk, files, checks, source, forms={"verifikasi": stricter})
    new = walk.file().tracking_code
    assert walk.instance(new).definition_id == v2.id
    with pytest.raises(FormInvalidError):
        walk.complete(new, "verifikasi", ARCHIVE)
    walk.complete(new, "verifikasi", {**ARCHIVE, "note": "Sudah dicek."})
    walk.complete(old, "verifikasi", ARCHIVE)
    assert walk.status(old) == walk.status(new) == "diarsipkan"
    kept = walk.services.runtime.deployed
    with walk.services.uow() as uow:
        assert kept.version(uow.session, v2.id).version == 2


def _save(walk: Walk, files: dict[str, str], checks: FormCheckFactory) -> int:
    bundle = Bundle(MAIN_PROCESS, files, {})
    return save_draft(walk.services.uow(), bundle, author="analis", note="", now=walk.clock(),
                      checks=checks).draft_id


def test_only_valid_drafts_of_analysts_deploy_once(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    broken = _save(walk, replaced(default_files(), MAIN, 'name="Ketua"', 'name="Bupati"'), checks)
    good = _save(walk, default_files(), checks)
    analyst, admin, secretary = walk.user("analis"), walk.user("sysadmin"), walk.user("sekretaris")

    def deploy(draft_id: int, actor):  # type: ignore[no-untyped-def]
        return deploy_draft(walk.services.uow(), draft_id, actor=actor, note="", now=walk.clock(),
                            checks=checks, form_source=source)

    with pytest.raises(ConflictError, match="masalah"):
        _approve(walk, broken, secretary)
    with pytest.raises(ConflictError, match="belum disetujui"):
        deploy(good, analyst)
    _approve(walk, good, secretary)
    with pytest.raises(ForbiddenError):
        deploy(good, admin)
    assert deploy(good, analyst).version == 2
    with pytest.raises(ConflictError):
        deploy(good, analyst)
    with pytest.raises(ConflictError, match="sudah di-deploy"):
        _approve(walk, good, secretary)


def test_deploy_checks_the_draft_again_even_when_approved(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    broken = _save(walk, replaced(default_files(), MAIN, 'name="Ketua"', 'name="Bupati"'), checks)
    with walk.services.uow() as uow:  # approved under rules that have since changed
        draft = uow.session.get(ModelerDraft, broken)
        assert draft is not None
        draft.approved_by = "sekretaris"
        uow.commit()
    with pytest.raises(DefinitionError, match="Lajur 'Bupati'"):
        deploy_draft(walk.services.uow(), broken, actor=walk.user("analis"), note="",
                     now=walk.clock(), checks=checks, form_source=source)


def test_four_eyes_nobody_approves_their_own_draft_and_both_names_stay(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    secretary, analyst = walk.user("sekretaris"), walk.user("analis")
    own = save_draft(walk.services.uow(), Bundle(MAIN_PROCESS, default_files(), {}),
                     author=secretary.username, note="", now=walk.clock(),
                     checks=checks).draft_id
    with pytest.raises(ForbiddenError, match="sendiri"):
        _approve(walk, own, secretary)
    good = _save(walk, default_files(), checks)
    for not_secretary in (analyst, walk.user("ketua"), walk.user("penanggung_jawab")):
        with pytest.raises(ForbiddenError):
            _approve(walk, good, not_secretary)
    with walk.services.uow() as uow:
        assert [d.id for d in awaiting_approval(uow.session)] == [good, own]
    _approve(walk, good, secretary)
    with pytest.raises(ConflictError, match="sudah disetujui"):
        _approve(walk, good, secretary)
    version = deploy_draft(walk.services.uow(), good, actor=analyst, note="v2", now=walk.clock(),
                           checks=checks, form_source=source)
    assert (version.author, version.approved_by) == ("analis", "sekretaris")
    with walk.services.uow() as uow:
        newest = list_versions(uow.session)[0]
        actions = [(e.action, e.actor) for e in uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action.like("definition_%")).order_by(AuditEntry.id))]
        assert [d.id for d in awaiting_approval(uow.session)] == [own]
    assert (newest.author, newest.approved_by) == ("analis", "sekretaris")
    assert actions == [("definition_draft_approved", "sekretaris"),
                       ("definition_deployed", "analis")]


def _approve(walk: Walk, draft_id: int, actor: Actor) -> None:
    approve_draft(walk.services.uow(), draft_id, actor=actor, note="", now=walk.clock())
