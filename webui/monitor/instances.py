"""The managers' instance list (filters, sort, pages) and the list of deployed versions."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from engine.calendar.store import load_calendar
from engine.channels.outbox_admin import failed_count
from engine.complaints.read_models import deadline_badge
from engine.domain import CHANNELS, MANAGER_ROLES, STATUSES
from engine.monitor import instance_list
from engine.monitor.instance_list import INSTANCE_STATUSES, SORTS, emptying_filters, list_instances
from engine.reference.options import option_lookup
from engine.workflow.tables import ProcessDefinition
from engine.workflow.versions import list_versions
from webui.auth import roles_required
from webui.labels import TASK, step_names
from webui.screen import now, officer
from webui.wiring import services

from .filters import current_filters, filter_from

bp = Blueprint("instances", __name__)
MANAGERS = tuple(sorted(MANAGER_ROLES))
# The filters' labels, to say which one emptied the list (the same words as the form's).
FILTER_LABELS = {
    "q": _l("Kode lacak"), "status": _l("Tahap"), "instance_status": _l("Status proses"),
    "channel": _l("Kanal"), "opd": _l("OPD"), "category": _l("Kategori"),
    "kecamatan": _l("Kecamatan"), "received_from": _l("Diterima sejak"),
    "received_to": _l("Diterima sampai"), "overdue": _l("Terlambat"),
    "step": _l("Menunggu di langkah"), "definition": _l("Versi diagram"),
}


@bp.get("/", endpoint="index")
@roles_required(*MANAGERS)
def instances() -> ResponseReturnValue:
    """The instance list: filters, sort on each column, pages, failed messages."""
    flt = filter_from(request.args)
    with services().uow() as uow:
        page = list_instances(uow.session, flt, officer(), now())
        calendar = load_calendar(uow.session)
        badges = {r.instance_id: deadline_badge(calendar, r.stage_due_at, now())
                  for r in page.rows}
        failed = failed_count(uow.session)
        emptied = emptying_filters(uow.session, flt, now()) if not page.total else []
        names = list_names(uow.session)
        version_label = _version_label(uow.session, flt.definition)
    return render_template(
        "monitor/list.html", page=page, badges=badges, flt=flt, failed=failed, names=names,
        emptied=emptied, filter_labels=FILTER_LABELS, without=_without,
        filters=current_filters(), statuses=STATUSES, instance_statuses=INSTANCE_STATUSES,
        channels=CHANNELS, sorts=tuple(SORTS), title=_("Pemantauan proses"),
        steps=_steps(flt.step), version_label=version_label,
        # Unfiltered lists beyond EXACT_UP_TO show an estimated total, labelled as such.
        counted_up_to=format_decimal(instance_list.EXACT_UP_TO),
        estimate=format_decimal(page.total))


def list_names(session: Session) -> dict[str, dict[str, str]]:
    """Code -> name of the OPDs, categories and kecamatan, as the list and its export show
    them."""
    lists = option_lookup(session)
    return {source: dict(lists[source]) for source in ("opds", "categories", "kecamatan")}


def _steps(current: str | None) -> dict[str, str]:
    """The diagram's tasks an instance can wait at, in words (an unknown one by its id)."""
    found = {spec: str(name) for spec, name in TASK.items()}
    if current and current not in found:
        found[current] = step_names(current)
    return found


def _version_label(session: Session, definition_id: int | None) -> tuple[str, int] | None:
    """(process, version) of the version the list is narrowed to, if any."""
    if definition_id is None:
        return None
    found = session.get(ProcessDefinition, definition_id)
    return (found.process_id, found.version) if found else None


def _without(name: str) -> dict[str, str]:
    """This request's filters less one (the link that clears it)."""
    return {k: v for k, v in current_filters().items() if k != name}


@bp.get("/versi")
@roles_required(*MANAGERS)
def versions() -> ResponseReturnValue:
    """Deployed versions with how many instances run on each."""
    with services().uow() as uow:
        found = list_versions(uow.session)
    return render_template("monitor/versions.html", versions=found)
