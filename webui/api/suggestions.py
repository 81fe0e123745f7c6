"""Suggestions for officers: categories, OPDs and similar complaints for a text or a complaint."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from engine.errors import FormInvalidError
from engine.suggest.service import Suggestions, audience_of, for_complaint, suggest
from webui.wiring import services

from .caller import require_officer
from .common import bp, checked_code, json_object, reject_unknown

LIMITS = {"title": 150, "description": 5000, "kecamatan": 20}


def suggestions_json(found: Suggestions) -> dict[str, Any]:
    """The answer: each list ranked best first, at most five, scores between 0 and 1."""
    return {
        "categories": [{"code": c.code, "name": c.name, "score": c.score}
                       for c in found.categories],
        "opds": [{"code": o.code, "name": o.name, "score": o.score} for o in found.opds],
        "similar": [{"tracking_code": s.tracking_code, "title": s.title, "status": s.status,
                     "score": s.score, "likely_duplicate": s.likely_duplicate}
                    for s in found.similar],
        "source": found.source,
    }


@bp.post("/suggestions", endpoint="suggestions")
def suggestions() -> ResponseReturnValue:
    """Suggestions for a text that need not be a complaint yet."""
    actor = require_officer()
    audience = audience_of(actor)
    body = json_object()
    reject_unknown(body, LIMITS)
    values = _checked(body)
    with services().uow() as uow:
        found = suggest(uow.session, values["title"], values["description"],
                        values["kecamatan"] or None, audience, services().clock())
        uow.commit()  # keeps the matcher's reading of complaints it indexed on the way
    return jsonify(suggestions_json(found))


def _checked(body: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for name, limit in LIMITS.items():
        value = body.get(name, "")
        if value is None and name == "kecamatan":
            value = ""
        if not isinstance(value, str):
            errors[name] = "Harus berupa teks."
        elif len(value) > limit:
            errors[name] = f"Paling banyak {limit} karakter."
        else:
            values[name] = value.strip()
    if "title" not in errors and not values.get("title"):
        errors["title"] = "Wajib diisi."
    if errors:
        raise FormInvalidError(errors)
    return values


@bp.get("/complaints/<tracking_code>/similar", endpoint="similar")
def similar(tracking_code: str) -> ResponseReturnValue:
    """Suggestions for a stored complaint the officer may read (404 otherwise)."""
    actor = require_officer()
    code = checked_code(tracking_code)
    with services().uow() as uow:
        _, found = for_complaint(uow.session, code, actor, services().clock())
        uow.commit()
    return jsonify(suggestions_json(found))
