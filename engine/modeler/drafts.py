"""Analysts' drafts: each save is kept with its validation; a valid draft the team's Sekretaris
approved deploys as a version."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import audit
from engine.db import UnitOfWork
from engine.domain import SECRETARY_ROLE, Actor
from engine.errors import ConflictError, DefinitionError, ForbiddenError, NotFoundError
from engine.messages import N_, Message
from engine.workflow.definitions import MAIN_PROCESS, definition_files, deploy, latest_definition
from engine.workflow.form_versions import FormJson, FormSource, forms_of, store_forms
from engine.workflow.tables import ProcessDefinition

from .problems import Report
from .references import form_keys_of
from .tables import ModelerDraft
from .validation import FormCheck, parse_safely, validate_bundle

DEPLOY_ROLE = "analis"
# the draft's own forms -> a check of form file names (the web layer knows the forms package)
FormCheckFactory = Callable[[Mapping[str, FormJson]], FormCheck]


@dataclass(frozen=True)
class Bundle:
    """What an analyst edits: diagram files, edited forms, and the version it started from."""

    process_id: str
    files: dict[str, str]
    forms: dict[str, FormJson]
    base_definition_id: int | None = None

    def with_file(self, name: str, text: str) -> Bundle:
        """The bundle with one file added or replaced."""
        return replace(self, files={**self.files, name: text})

    def with_form(self, key: str, form: FormJson) -> Bundle:
        """The bundle with one form added or replaced."""
        return replace(self, forms={**self.forms, key: form})


@dataclass(frozen=True)
class Saved:
    """A saved draft and what validation said about it."""

    draft_id: int
    report: Report


def bundle_of_version(session: Session, definition: ProcessDefinition) -> Bundle:
    """A deployed version as a bundle to edit (its stored forms included)."""
    return Bundle(definition.process_id, dict(definition_files(definition)),
                  forms_of(session, definition.id), definition.id)


def bundle_of_draft(draft: ModelerDraft) -> Bundle:
    """A saved draft as a bundle."""
    forms = {k: FormJson.of(v) for k, v in json.loads(draft.forms).items()}
    return Bundle(draft.process_id, dict(json.loads(draft.files)), forms,
                  draft.base_definition_id)


def working_bundle(session: Session, process_id: str = MAIN_PROCESS) -> tuple[Bundle, int | None]:
    """(bundle, draft id): the newest draft not yet deployed, else the newest version."""
    latest = latest_definition(session, process_id)
    draft = session.scalars(
        select(ModelerDraft).where(ModelerDraft.process_id == process_id)
        .order_by(ModelerDraft.id.desc()).limit(1)).first()
    if draft is not None and draft.deployed_definition_id is None and (
            draft.created_at >= latest.deployed_at):
        return bundle_of_draft(draft), draft.id
    return bundle_of_version(session, latest), None


def save_draft(
    uow: UnitOfWork, bundle: Bundle, *, author: str, note: str, now: datetime,
    checks: FormCheckFactory,
) -> Saved:
    """Validate ``bundle`` and keep it as a new draft, problems and all."""
    report = validate_bundle(bundle.files, form_check=checks(bundle.forms),
                             process_id=bundle.process_id)
    with uow:
        draft = ModelerDraft(
            process_id=bundle.process_id, base_definition_id=bundle.base_definition_id,
            files=json.dumps(bundle.files, sort_keys=True),
            forms=json.dumps({k: f.as_dict() for k, f in bundle.forms.items()}, sort_keys=True),
            problems=json.dumps(report.as_list()), valid=report.ok, author=author,
            note=note, created_at=now,
        )
        uow.session.add(draft)
        uow.session.flush()
        uow.commit()
        return Saved(draft.id, report)


def get_draft(session: Session, draft_id: int) -> ModelerDraft:
    """A saved draft, or NotFoundError."""
    draft = session.get(ModelerDraft, draft_id)
    if draft is None:
        raise NotFoundError("Draf tidak ditemukan")
    return draft


def recent_drafts(
    session: Session, process_id: str = MAIN_PROCESS, limit: int = 20
) -> list[ModelerDraft]:
    """The newest drafts of a process."""
    return list(session.scalars(
        select(ModelerDraft).where(ModelerDraft.process_id == process_id)
        .order_by(ModelerDraft.id.desc()).limit(limit)))


def draft_problems(draft: ModelerDraft) -> list[dict[str, Any]]:
    """The problems found when the draft was saved."""
    return list(json.loads(draft.problems))


def deploy_draft(
    uow: UnitOfWork, draft_id: int, *, actor: Actor, note: str, now: datetime,
    checks: FormCheckFactory, form_source: FormSource,
) -> ProcessDefinition:
    """Deploy a valid draft the Sekretaris approved as the next version, with its forms; only
    analysts may."""
    if actor.role != DEPLOY_ROLE:
        raise ForbiddenError("Hanya analis yang boleh men-deploy diagram")
    with uow:
        session = uow.session
        draft = get_draft(session, draft_id)
        if draft.deployed_definition_id is not None:
            raise ConflictError("Draf ini sudah di-deploy")
        bundle = bundle_of_draft(draft)
        report = validate_bundle(bundle.files, form_check=checks(bundle.forms),
                                 process_id=bundle.process_id)
        errors = [p for p in report.problems if p.severity == "error"]
        if errors:
            raise DefinitionError(Message(N_("Draf masih punya %(n)s masalah; perbaiki dulu. "
                                             "Pertama: %(first)s"),
                                          n=len(errors), first=errors[0].message))
        _require_approval(draft, actor)
        definition = deploy(session, bundle.files, author=actor.username, note=note, now=now,
                            process_id=bundle.process_id, approved_by=draft.approved_by or "")
        forms = _snapshot(bundle, form_source)
        store_forms(session, definition.id, forms)
        draft.deployed_definition_id, draft.deployed_at = definition.id, now
        audit.record(session, actor, "definition_deployed", now, process_id=bundle.process_id,
                     version=definition.version, hash=definition.hash, note=note,
                     draft_id=draft.id, forms=sorted(forms), author=draft.author,
                     approved_by=draft.approved_by)
        try:
            uow.commit()
        except IntegrityError as exc:
            raise ConflictError("Versi lain baru saja di-deploy; coba lagi") from exc
        return definition


def _require_approval(draft: ModelerDraft, actor: Actor) -> None:
    """Four eyes: someone other than the deployer approved the draft."""
    if not draft.approved_by:
        raise ConflictError("Draf ini belum disetujui Sekretaris tim; minta persetujuannya dulu")
    if draft.approved_by == actor.username:
        raise ForbiddenError("Yang menyetujui draf tidak boleh juga men-deploy-nya")


def approve_draft(
    uow: UnitOfWork, draft_id: int, *, actor: Actor, note: str, now: datetime,
) -> ModelerDraft:
    """The team's Sekretaris approves a valid draft someone else wrote (four eyes)."""
    if actor.role != SECRETARY_ROLE:
        raise ForbiddenError("Hanya Sekretaris tim yang boleh menyetujui draf proses")
    with uow:
        draft = get_draft(uow.session, draft_id)
        if draft.deployed_definition_id is not None:
            raise ConflictError("Draf ini sudah di-deploy")
        if draft.approved_by:
            raise ConflictError("Draf ini sudah disetujui")
        if not draft.valid:
            raise ConflictError("Draf ini masih punya masalah; analis perlu memperbaikinya dulu")
        if draft.author == actor.username:
            raise ForbiddenError("Penyusun draf tidak boleh menyetujui drafnya sendiri")
        draft.approved_by, draft.approved_at = actor.username, now
        audit.record(uow.session, actor, "definition_draft_approved", now,
                     process_id=draft.process_id, draft_id=draft.id, author=draft.author,
                     note=note)
        uow.commit()
        return draft


def awaiting_approval(session: Session, process_id: str = MAIN_PROCESS,
                      limit: int = 20) -> list[ModelerDraft]:
    """Valid drafts not yet approved nor deployed, newest first: the Sekretaris' queue."""
    return list(session.scalars(
        select(ModelerDraft).where(ModelerDraft.process_id == process_id,
                                   ModelerDraft.valid.is_(True),
                                   ModelerDraft.approved_by.is_(None),
                                   ModelerDraft.deployed_definition_id.is_(None))
        .order_by(ModelerDraft.id.desc()).limit(limit)))


def _snapshot(bundle: Bundle, form_source: FormSource) -> dict[str, FormJson]:
    """Every form the bundle's user tasks use: the draft's edit, else the forms folder's."""
    trees = {name: parse_safely(name, text)[0] for name, text in bundle.files.items()}
    forms = {}
    for key in sorted(form_keys_of({n: t for n, t in trees.items() if t is not None})):
        found = bundle.forms.get(key) or form_source(key)
        if found is None:
            raise DefinitionError(Message(N_("Formulir %(key)s tidak ditemukan"), key=repr(key)))
        forms[key] = found
    return forms
