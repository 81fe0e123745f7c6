"""Migration of running instances to a newer version: filter, tick, dry run, confirm, move.

Only the ticked instances are tested and moved, or every instance the filter shows after the
analyst explicitly chose "all" (``scope=all``); nothing is ticked by default.
"""

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
ALL = "all"


def _ids(values: list[str]) -> list[int]:
    return sorted({int(v) for v in values if v.isdigit()})


def _filtered(version: int | None, status: str | None, ids: list[int] | None = None) -> Any:
    with services().uow() as uow:
        return running_instances(uow.session, version=version, status=status or None, ids=ids)


def _page(
    chosen: list[int], checked: list[Movability] | None = None, moved: Any = None,
    status: int = 200,
) -> ResponseReturnValue:
    args = request.values
    version = args.get("version", type=int)
    asked = _ids(args.getlist("ids")) or _ids(args.get("ids_csv", "").split(","))
    with services().uow() as uow:
        versions = list_versions(uow.session)
    rows = _filtered(version, args.get("status"), asked if request.method == "GET" else None)
    target = args.get("target", type=int) or (versions[0].id if versions else None)
    target_version = next((v.version for v in versions if v.id == target), None)
    movable = [c for c in checked or [] if c.movable]
    return render_template(
        "modeler/migration.html", versions=versions, rows=rows, statuses=STATUSES,
        version=version, status_filter=args.get("status", ""), target=target,
        target_version=target_version, selected=set(chosen), scope=args.get("scope", ""),
        checked=checked, movable=movable, moved=moved), status


def _chosen() -> list[int]:
    """The instances the analyst chose: the ticked ones, or all the filter shows after "all"."""
    form = request.form
    if form.get("scope") == ALL:
        rows = _filtered(form.get("version", type=int), form.get("status"))
        return [r.instance_id for r in rows]
    return _ids(form.getlist("ids"))


@bp.get("/", endpoint="index")
def index() -> ResponseReturnValue:
    """Running instances filtered by version and status (?ids= from monitoring ticks them)."""
    return _page(_ids(request.args.getlist("ids"))
                 or _ids(request.args.get("ids_csv", "").split(",")))


def _refusal(ids: list[int]) -> ResponseReturnValue:
    if not ids:
        flash(_("Centang instans yang akan dipindahkan, atau pilih \"semua yang tersaring\"."),
              "error")
    else:
        flash(_("Pilih versi tujuan."), "error")
    return _page(ids, status=422)


@bp.post("/uji", endpoint="preview")
def dry_run() -> ResponseReturnValue:
    """The dry run: which chosen instances can move to the target version, and why not."""
    ids, target = _chosen(), request.form.get("target", type=int)
    if not ids or not target:
        return _refusal(ids)
    return _page(ids, checked=preview(services().uow, services().runtime, ids, target))


@bp.post("/jalankan", endpoint="run")
def run() -> ResponseReturnValue:
    """Move the movable chosen instances, each in its own transaction; the rest stay."""
    ids, target = _chosen(), request.form.get("target", type=int)
    if not ids or not target:
        return _refusal(ids)
    result = migrate(services().uow, services().runtime, ids, target, officer())
    flash(_("%(moved)s instans dipindahkan, %(left)s tidak dapat dipindahkan, %(failed)s gagal.",
            moved=len(result.moved), left=len(result.skipped), failed=len(result.failed)))
    return _page(ids, moved=result)
