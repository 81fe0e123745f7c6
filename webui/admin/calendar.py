"""System administration of the working calendar: the year as month grids, and overrides."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.grid import year_grid
from engine.calendar.overrides import (
    add_override,
    delete_override,
    list_overrides,
    repeated_fact,
    repeated_facts,
)
from engine.calendar.store import load_calendar
from engine.errors import FormInvalidError
from webui.auth import restrict
from webui.dates import month_name, weekday_names
from webui.i18n import current_lang
from webui.screen import now, officer, parse_day, today
from webui.texts import engine_text
from webui.wiring import services

bp = Blueprint("calendar", __name__, url_prefix="/admin/kalender")
restrict(bp, "sysadmin")

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year() -> int:
    year = request.args.get("year", type=int) or today().year
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@bp.get("/")
def index() -> ResponseReturnValue:
    """The year's calendar with holidays and cuti bersama marked, and the override table."""
    return _page(_year())


def _page(year: int, values: dict[str, Any] | None = None,
          errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        months = year_grid(load_calendar(uow.session), year)
        overrides = list_overrides(uow.session, year)
    lang = current_lang()
    return render_template(
        "admin/calendar.html", year=year, months=months, overrides=overrides,
        repeated=repeated_facts(overrides),
        month_names={m: month_name(m, lang) for m in range(1, 13)},
        weekdays=weekday_names(lang), values=values or {}, errors=errors or {}), status


@bp.post("/")
def add() -> ResponseReturnValue:
    """Declare a day off (e.g. a new cuti bersama) or a working day, with its basis."""
    day = parse_day(request.form.get("day"))
    working = request.form.get("working") == "1"
    note = request.form.get("note", "")
    try:
        if day is None:
            raise FormInvalidError({"day": _("Pilih tanggal.")})
        with services().uow() as uow:
            replaced = add_override(uow.session, day, working, note, officer(), now())
            uow.commit()
    except FormInvalidError as exc:
        year = day.year if day is not None else _year()
        return _page(year, request.form.to_dict(), exc.errors, 422)
    flash(_("Tanggal %(day)s disimpan.", day=day.isoformat()))
    if replaced is not None:
        flash(_("Koreksi %(day)s yang sebelumnya diganti; dasarnya dulu: „%(note)s“ (tetap "
                "tercatat di log audit).", day=day.isoformat(), note=replaced), "warning")
    repeated = repeated_fact(day, working)
    if repeated is not None:  # kept (it may anticipate a change), but the admin should know
        flash(_("Perhatian: %(fact)s Koreksi ini tidak mengubah apa pun; hapus bila tidak "
                "diperlukan.", fact=engine_text(repeated)), "warning")
    return redirect(url_for(".index", year=day.year))


@bp.post("/<day>/hapus")
def remove(day: str) -> ResponseReturnValue:
    """Drop an override: the holiday list decides about that day again."""
    found = parse_day(day)
    if found is None:
        return redirect(url_for(".index"))
    with services().uow() as uow:
        delete_override(uow.session, found, officer(), now())
        uow.commit()
    flash(_("Koreksi tanggal %(day)s dihapus.", day=found.isoformat()))
    return redirect(url_for(".index", year=found.year))
