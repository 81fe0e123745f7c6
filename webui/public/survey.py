"""The reporter answers the satisfaction survey (SKM) after closure.

One page, no JavaScript: the tracking code and the secret prove who answers, then the nine
questions of PermenPANRB 14/2017 and a free suggestion. One answer per complaint.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.errors import FormInvalidError, NotFoundError
from engine.evaluation.survey import (
    SUGGESTION_MAX,
    SurveyAnsweredError,
    SurveyNotOpenError,
    submit_survey,
    survey_state,
)
from engine.evaluation.tables import ELEMENTS
from webui.screen import no_store
from webui.wiring import services

from .survey_texts import ELEMENT_TITLES, QUESTIONS

bp = Blueprint("survey", __name__, url_prefix="/survei")


def _page(values: dict[str, Any], errors: dict[str, str] | None = None,
          message: str | None = None, status: int = 200) -> ResponseReturnValue:
    body = render_template("survey/form.html", values=values, errors=errors or {},
                           message=message, elements=ELEMENTS, questions=QUESTIONS,
                           titles=ELEMENT_TITLES, saran_max=SUGGESTION_MAX)
    return no_store(body, status)


@bp.get("/")
def form() -> ResponseReturnValue:
    """The questionnaire (``?kode=`` fills in the tracking code from the invitation; a link
    sent through national LAPOR! also carries ``token``, which stands in for the secret)."""
    values = {"kode": request.args.get("kode", "").strip(),
              "token": request.args.get("token", "").strip()}
    if values["kode"]:
        with services().uow() as uow:
            state = survey_state(uow.session, values["kode"])
        if state in CLOSED_MESSAGES:  # say so before the nine questions, not after
            body = render_template("survey/closed.html", message=CLOSED_MESSAGES[state](),
                                   code=values["kode"], state=state)
            return no_store(body)
    return _page(values)


CLOSED_MESSAGES = {
    "not_yet": lambda: _("Survei untuk laporan ini belum dibuka: survei dapat diisi setelah "
                         "laporan selesai ditangani. Kami akan mengirim tautannya saat itu."),
    "answered": lambda: _("Survei untuk laporan ini sudah diisi. Terima kasih."),
}


@bp.post("/")
def answer() -> ResponseReturnValue:
    """Record the answer; the form comes back with every problem named by its field."""
    values = {k: v for k, v in request.form.items() if k not in ("secret", "csrf_token")}
    answers = {e: request.form.get(e, "") for e in ELEMENTS}
    try:
        submit_survey(services().uow(), services().runtime, request.form.get("kode", ""),
                      request.form.get("secret", ""), answers, request.form.get("saran", ""),
                      token=request.form.get("token", ""))
    except NotFoundError:
        return _page(values, {"secret": _("Kode pelacakan atau kode rahasia salah.")},
                     status=422)
    except FormInvalidError as exc:
        errors = {k: _field_error(k) for k in exc.errors}
        return _page(values, errors, status=422)
    except SurveyAnsweredError:
        return _page(values, message=_("Survei untuk laporan ini sudah diisi. Terima kasih."),
                     status=409)
    except SurveyNotOpenError:
        return _page(values, message=_("Survei dapat diisi setelah laporan selesai ditangani."),
                     status=409)
    return no_store(render_template("survey/thanks.html"))


def _field_error(name: str) -> str:
    if name == "saran":
        return _("Saran paling banyak %(n)d karakter.", n=SUGGESTION_MAX)
    return _("Pilih salah satu jawaban.")
