"""The officers' inbox, and a complaint as the officer's role may see it."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.calendar.periods import parse_period
from engine.calendar.working_days import WIB
from engine.complaints.inbox import INBOX_PAGE, InboxFilter, PageLine, read_inbox_page
from engine.complaints.opd_reports import GROUPS, OPD_PAGE, opd_complaints, opd_group_counts
from engine.complaints.read_models import history, view_complaint
from engine.complaints.reporter import deliver_reply, find_complaint
from engine.complaints.team_tasks import ASSIGNEE_ROLE, open_tasks_for
from engine.domain import FINAL_STATUSES, OPD_ROLES
from engine.errors import FormInvalidError
from engine.evaluation.release import released_periods
from webui.auth import roles_required
from webui.officer.inbox_cards import NOTICE_PREFIX, cards_markup, filter_row
from webui.officer.opd_names import opd_name
from webui.page_work import one_unit_of_work, page_uow
from webui.screen import now, officer
from webui.wiring import services

bp = Blueprint("inbox", __name__, url_prefix="/petugas")


@bp.get("/", endpoint="index")
@one_unit_of_work
@roles_required()
def inbox_page() -> ResponseReturnValue:
    """Ready tasks for my role (and OPD), soonest deadline first, with filters."""
    actor = officer()
    if actor.role == "kepala_opd":  # reads the OPD's complaints, works on no task
        return redirect(url_for(".opd"))
    args = request.args
    filters = InboxFilter(stage=args.get("stage", ""), category=args.get("category", ""),
                          overdue=args.get("overdue") == "1", mine=args.get("mine") == "1",
                          q=args.get("q", "").strip())
    page = max(1, args.get("page", 1, type=int) or 1)
    first = (page - 1) * INBOX_PAGE
    with page_uow() as uow:  # the session row was read in it
        # One row more than a page tells whether a next page exists, without counting.
        choices, rows, badge = read_inbox_page(uow.session, actor, filters, now(),
                                               limit=INBOX_PAGE + 1, offset=first)
        team = open_tasks_for(uow.session, actor) if actor.role == ASSIGNEE_ROLE else []
        opd = opd_name(uow.session, actor.opd_code)  # a kept copy: no statement most pages
    paging = {"page": page, "first": first + 1, "last": first + min(len(rows), INBOX_PAGE),
              "more": len(rows) > INBOX_PAGE, "query": _filter_args(filters)}
    cards = rows[:INBOX_PAGE]
    return render_template("officer/inbox.html", cards=cards_markup(cards, badge, actor.user_id),
                           count=len(cards), filters=filters,
                           has_notices=_has_notices(rows),
                           filter_row=filter_row(filters, choices.stages, choices.categories),
                           paging=paging, team=team, today=now().astimezone(WIB).date(),
                           opd_name=opd)


@bp.get("/opd", endpoint="opd")
@one_unit_of_work
@roles_required(*sorted(OPD_ROLES))
def opd() -> ResponseReturnValue:
    """The complaints routed to my OPD, to keep sight of: all, or one group (open, at the
    liaison, with the unit teknis, answered, late); open ones first, soonest deadline first."""
    actor = officer()
    # "terbuka=1" is the older link of the open-only filter.
    group = request.args.get("kelompok") or ("terbuka" if request.args.get("terbuka") else "")
    if group not in GROUPS:
        group = ""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    with page_uow() as uow:
        rows = opd_complaints(uow.session, actor, now(), group=group,
                              limit=OPD_PAGE + 1, offset=(page - 1) * OPD_PAGE)
        counts = opd_group_counts(uow.session, actor, now())
        reports = [(parse_period(code), release) for code, release
                   in released_periods(uow.session)] if actor.role == "kepala_opd" else []
    return render_template("officer/opd.html", rows=rows[:OPD_PAGE], page=page,
                           more=len(rows) > OPD_PAGE, group=group, counts=counts,
                           groups=OPD_GROUPS, places=OPD_PLACES, reports=reports)


# The list's groups in words, in the order of engine.complaints.opd_reports.GROUPS.
OPD_GROUPS = {"": _l("Semua"), "terbuka": _l("Belum selesai"),
              "penghubung": _l("Di pejabat penghubung"), "unit_teknis": _l("Di unit teknis"),
              "dijawab": _l("Sudah dijawab"), "terlambat": _l("Terlambat")}
# Where a complaint sits, in words (OpdComplaintLine.place).
OPD_PLACES = {"penghubung": _l("di pejabat penghubung"), "unit_teknis": _l("di unit teknis"),
              "dijawab": _l("sudah dijawab"), "selesai": _l("selesai"),
              "lain": _l("di Tim Admin")}


def _has_notices(rows: list[PageLine]) -> bool:
    """Whether the rows read hold a notice (the form to acknowledge notices is shown then).

    As before, the row read beyond the page counts too: a page whose only notice is on the
    next one shows the form without a notice to tick.
    """
    return any(row.spec_name.startswith(NOTICE_PREFIX) for row in rows)


def _filter_args(filters: InboxFilter) -> dict[str, str]:
    """The inbox filters as query arguments, for the links to other pages."""
    found = {"q": filters.q, "stage": filters.stage, "category": filters.category,
             "overdue": "1" if filters.overdue else "", "mine": "1" if filters.mine else ""}
    return {k: v for k, v in found.items() if v}


@bp.get("/laporan/<code>")
@one_unit_of_work
@roles_required()
def complaint(code: str) -> ResponseReturnValue:
    """A complaint as my role may see it, with its full history."""
    return _complaint_page(code)


def _complaint_page(code: str, reply: str = "", errors: dict[str, Any] | None = None
                    ) -> str:
    actor = officer()
    with page_uow() as uow:
        found = find_complaint(uow.session, code)
        view = view_complaint(uow.session, found, actor, now())
        trail = history(uow.session, found)
        uow.commit()
    may_reply = actor.role in REPLY_ROLES and view.complaint.status not in FINAL_STATUSES
    return render_template("officer/complaint.html", view=view, trail=trail,
                           may_reply=may_reply, reply=reply, reply_errors=errors or {})


REPLY_ROLES = frozenset({"tim_admin"})


@bp.post("/laporan/<code>/balas")
@roles_required(*REPLY_ROLES)
def reply(code: str) -> ResponseReturnValue:
    """Tim Admin's reply on the follow-up page (prosedur c: it stops the closure and reopens
    the follow-up of the same OPD, as a reporter's reply does)."""
    text = (request.form.get("text") or "").strip()
    with services().uow() as uow:
        current = find_complaint(uow.session, code).status
    if current in FINAL_STATUSES:
        flash(_("Laporan ini sudah ditutup; balasan tidak dapat dikirim lagi."), "error")
        return redirect(url_for(".complaint", code=code))
    try:
        reopened = deliver_reply(services().uow(), services().runtime, code, text, officer())
    except FormInvalidError as exc:
        return _complaint_page(code, text, exc.errors), 422
    flash(_("Balasan terkirim; tindak lanjut dibuka kembali.") if reopened
          else _("Balasan terkirim."))
    return redirect(url_for(".complaint", code=code))
