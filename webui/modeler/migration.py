"""Migration of running instances to a newer version: filter, dry run, then move."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.domain import STATUSES
from engine.modeler.migration import Movability, migrate, preview
from engine.modeler.running import running_instances
from engine.workflow.versions import list_versions
from webui.screen import officer
from webui.wiring import services

bp = Blueprint("migration", __name__, url_prefix="/migrasi")


def _ids(values: list[str]) -> list[int]:
    return sorted({int(v) for v in values if v.isdigit()})


def _page(
    checked: list[Movability] | None = None, moved: Any = None, status: int = 200
) -> ResponseReturnValue:
    args = request.values
    version = args.get("version", type=int)
    ids = _ids(args.getlist("ids")) or _ids(args.get("ids_csv", "").split(","))
    with services().uow() as uow:
        versions = list_versions(uow.session)
        rows = running_instances(uow.session, version=version, status=args.get("status") or None,
                                 ids=ids if request.method == "GET" else None)
    target = args.get("target", type=int) or (versions[0].id if versions else None)
    return render_template(
        "modeler/migration.html", versions=versions, rows=rows, statuses=STATUSES,
        version=version, status_filter=args.get("status", ""), target=target,
        selected=set(ids) if ids else {r.instance_id for r in rows}, checked=checked,
        moved=moved), status


@bp.get("/", endpoint="index")
def index() -> ResponseReturnValue:
    """Running instances filtered by version and status (or ?ids= from the monitoring list)."""
    return _page()


@bp.post("/uji", endpoint="preview")
def dry_run() -> ResponseReturnValue:
    """The dry run: which chosen instances can move to the target version, and why not."""
    ids, target = _ids(request.form.getlist("ids")), request.form.get("target", type=int)
    if not ids or not target:
        flash(_("Pilih instans dan versi tujuan."), "error")
        return _page(status=422)
    checked = preview(services().uow, services().runtime, ids, target)
    return _page(checked=checked)


@bp.post("/jalankan", endpoint="run")
def run() -> ResponseReturnValue:
    """Move the movable instances, each in its own transaction; the rest stay."""
    ids, target = _ids(request.form.getlist("ids")), request.form.get("target", type=int)
    if not ids or not target:
        flash(_("Pilih instans dan versi tujuan."), "error")
        return _page(status=422)
    result = migrate(services().uow, services().runtime, ids, target, officer())
    flash(_("%(moved)s instans dipindahkan, %(left)s tidak dapat dipindahkan, %(failed)s gagal.",
            moved=len(result.moved), left=len(result.skipped), failed=len(result.failed)))
    return _page(moved=result)
