"""Save and deploy bundles as an analyst would, for tests."""

from __future__ import annotations

from engine.modeler.drafts import (
    Bundle,
    FormCheckFactory,
    approve_draft,
    deploy_draft,
    save_draft,
    working_bundle,
)
from engine.workflow.definitions import MAIN_PROCESS
from engine.workflow.form_versions import FormJson, FormSource
from engine.workflow.tables import ProcessDefinition
from tests.walk import Walk


def deploy_files(
    walk: Walk, files: dict[str, str], checks: FormCheckFactory, source: FormSource,
    forms: dict[str, FormJson] | None = None, note: str = "versi baru",
) -> ProcessDefinition:
    """Save ``files`` as a draft of the analyst, have the Sekretaris approve it, deploy it."""
    services = walk.services
    with services.uow() as uow:
        base, _ = working_bundle(uow.session)
    bundle = Bundle(MAIN_PROCESS, files, {**base.forms, **(forms or {})}, base.base_definition_id)
    analyst = walk.user("analis")
    saved = save_draft(services.uow(), bundle, author=analyst.username, note=note,
                       now=walk.clock(), checks=checks)
    assert saved.report.ok, saved.report.as_list()
    approve_draft(services.uow(), saved.draft_id, actor=walk.user("sekretaris"), note="",
                  now=walk.clock())
    return deploy_draft(services.uow(), saved.draft_id, actor=analyst, note=note,
                        now=walk.clock(), checks=checks, form_source=source)
