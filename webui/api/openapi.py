"""The OpenAPI 3.1 document of API v1, built here in one place, and the route serving it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Response

import forms
from engine.complaints.intake import INTAKE_FORM
from engine.domain import CHANNELS, STATUSES
from engine.monitor.instance_list import (
    INSTANCE_STATUSES,
    MAX_PAGE,
    MAX_PER_PAGE,
    SORT_KEYS,
    TEXT_LIMITS,
)
from webui.wiring import services

from .common import MAX_TEXT_BODY, bp
from .complaints import SECRET_HEADER
from .idempotency import HEADER, KEY_PATTERN, REPLAYED_HEADER, SECRET_REPLAY
from .openapi_schemas import Schema, array, component_schemas, ref

PUBLIC: list[dict[str, list[str]]] = [{}, {"bearerAuth": []}]
OFFICER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
ERRORS = {400: "Malformed request (the body is not a JSON object)",
          401: "No valid bearer token (or sign-in refused)",
          403: "The caller's role may not do this", 404: "Not found, or not visible to the caller",
          409: "Someone else changed it first; reload and try again",
          413: "The request is too large", 422: "Invalid data; `fields` names each problem",
          429: "Too many requests from this address; retry after `Retry-After` seconds"}


def _op(summary: str, ok: int, body: Schema | None, errors: tuple[int, ...],
        security: list[dict[str, list[str]]], **extra: Any) -> dict[str, Any]:
    responses: dict[str, Any] = {str(ok): {"description": "OK"}}
    if body is not None:
        responses[str(ok)]["content"] = {"application/json": {"schema": body}}
    for status in errors:
        responses[str(status)] = {"description": ERRORS[status], "content": {
            "application/json": {"schema": ref("Error")}}}
    return {"summary": summary, "security": security, "responses": responses, **extra}


def _json_body(schema: Schema) -> dict[str, Any]:
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": schema}}}}


def _path_param(name: str, schema: Schema) -> dict[str, Any]:
    return {"parameters": [{"name": name, "in": "path", "required": True, "schema": schema}]}


def _query(name: str, schema: Schema, description: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def _instance_filters() -> list[dict[str, Any]]:
    return [
        _query("status", {"type": "string", "enum": list(STATUSES)}, "complaint status"),
        _query("instance_status", {"type": "string", "enum": list(INSTANCE_STATUSES)}),
        _query("opd", {"type": "string", "maxLength": TEXT_LIMITS["opd"]}, "OPD code"),
        _query("category", {"type": "string", "maxLength": TEXT_LIMITS["category"]},
               "category code"),
        _query("channel", {"type": "string", "enum": list(CHANNELS)}),
        _query("overdue", {"type": "boolean"}, "the current stage's deadline has passed"),
        _query("received_from", {"type": "string", "format": "date"}, "first day, WIB"),
        _query("received_to", {"type": "string", "format": "date"}, "last day, WIB"),
        _query("q", {"type": "string", "maxLength": TEXT_LIMITS["q"]},
               "tracking code or its beginning"),
        _query("step", {"type": "string", "maxLength": TEXT_LIMITS["step"]},
               "id of a diagram task the instance waits at (an open human task)"),
        _query("definition", {"type": "integer", "minimum": 1},
               "id of the diagram version the instance runs"),
        _query("sort", {"type": "string", "enum": list(SORT_KEYS)}, "'-' for descending"),
        _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
        _query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}),
    ]


def _submit_operation(intake: dict[str, Any]) -> dict[str, Any]:
    """``POST /complaints``: with its Idempotency-Key, the replay's 200 and the key's 409."""
    operation = _op(
        "File a complaint; the secret in the answer is shown only once. A named report on "
        "web, mobile or loket needs the id_document (multipart; 422 on id_document "
        "without it). Send an Idempotency-Key to retry safely: the same request again files "
        "nothing and answers 200 with the same complaint", 201, ref("Receipt"),
        (400, 401, 409, 413, 422, 429), PUBLIC, **intake,
        parameters=[{"name": HEADER, "in": "header", "required": False, "schema": {
            "type": "string", "minLength": 8, "maxLength": 100, "pattern": KEY_PATTERN},
            "description": "A key the client makes for one report (a random UUID) and sends "
                           "again with every retry of it"}])
    responses = operation["responses"]
    hours = int(SECRET_REPLAY.total_seconds() // 3600)
    responses["200"] = {
        "description": f"A retry: the {HEADER} and the whole request are those of a complaint "
                       "already filed, which is answered again (nothing new is filed); its "
                       f"secret only within {hours} hours of filing, null afterwards",
        "headers": {REPLAYED_HEADER: {"required": True,
                                      "schema": {"type": "string", "enum": ["true"]}}},
        "content": {"application/json": {"schema": ref("ReplayedReceipt")}}}
    for status, description in (
            ("400", f"The body is not a JSON object, or the {HEADER} is not 8-100 visible "
                    "ASCII characters"),
            ("409", f"The {HEADER} already filed a complaint for another request (other "
                    "content or another caller)"),
            ("413", f"Over {MAX_TEXT_BODY // 1024 // 1024} MB without files (JSON, "
                    "url-encoded), or over the upload limit")):
        responses[status]["description"] = description
    return operation


def _paths() -> dict[str, Any]:
    code = _path_param("tracking_code", {"type": "string", "maxLength": 20})
    task = _path_param("task_id", {"type": "string", "format": "uuid"})
    instance = _path_param("instance_id", {"type": "integer", "minimum": 1})
    intake = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": ref("Intake")},
        "multipart/form-data": {"schema": ref("IntakeMultipart")}}}}
    return {
        "/auth/token": {
            "post": _op("Sign in: a bearer token for a username and password", 201,
                        ref("Token"), (400, 401, 422, 429), [], **_json_body(ref("Credentials"))),
            "delete": _op("Revoke the presented bearer token", 204, None, (401,), OFFICER),
        },
        "/opds": {"get": _op("Active OPDs", 200, array(ref("Opd")), (401,), PUBLIC)},
        "/categories": {"get": _op("Active report categories", 200, array(ref("Category")),
                                   (401,), PUBLIC)},
        "/regions": {"get": _op(
            "Kecamatan and desa/kelurahan with their Kemendagri codes and parent, by code. "
            "Wherever a kecamatan or desa is accepted, its code or its name is (case, spacing "
            "and a 'Kec.'/'Desa' prefix forgiven); an unknown one is refused (422) with the "
            "close names in the message", 200, array(ref("Region")), (401, 422), PUBLIC,
            parameters=[_query("level", {"type": "string", "enum": ["kecamatan", "desa"]},
                               "only kecamatan, or only desa and kelurahan"),
                        _query("parent", {"type": "string", "maxLength": 20},
                               "code of the kecamatan whose desa to list")])},
        "/complaints": {"post": _submit_operation(intake)},
        "/complaints/{tracking_code}": {**code, "get": _op(
            f"A complaint: with {SECRET_HEADER} its reporter's view, with a token the officer's "
            "view, else the public view of a published complaint", 200, ref("Complaint"),
            (401, 404, 429), [{}, {"complaintSecret": []}, {"bearerAuth": []}])},
        "/complaints/{tracking_code}/replies": {**code, "post": _op(
            "Reply on the follow-up page (the reporter with the secret, or Tim Admin); the "
            "reporter may say whether the problem is solved", 201,
            ref("ReplyResult"), (400, 401, 403, 404, 409, 422, 429),
            [{"complaintSecret": []}, {"bearerAuth": []}], **_json_body(ref("Reply")))},
        "/suggestions": {"post": _op(
            "Categories, OPDs and similar complaints for a text, each best first, at most 5 "
            "(officers; a liaison sees only their OPD's complaints)", 200, ref("Suggestions"),
            (400, 401, 403, 422), OFFICER, **_json_body(ref("SuggestionRequest")))},
        "/complaints/{tracking_code}/similar": {**code, "get": _op(
            "Suggestions and likely duplicates for a complaint the officer may read", 200,
            ref("Suggestions"), (401, 403, 404), OFFICER)},
        "/tasks": {"get": _op(
            "Open tasks of the caller's role (and OPD), soonest deadline first; a Link header "
            "with rel=next when more follow", 200, array(ref("Task")), (401, 422),
            OFFICER, parameters=[
                _query("mine", {"type": "boolean"}, "only claimed by me"),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 500},
                       "tasks per answer (default 100)"),
                _query("offset", {"type": "integer", "minimum": 0, "maximum": 10**9},
                       "tasks to skip")])},
        "/tasks/{task_id}": {**task, "get": _op(
            "One task with its form and its complaint", 200, ref("TaskDetail"), (401, 404),
            OFFICER)},
        "/tasks/{task_id}/claim": {**task, "post": _op(
            "Claim the task", 200, ref("Task"), (401, 403, 404, 409), OFFICER)},
        "/tasks/{task_id}/unclaim": {**task, "post": _op(
            "Give the task back to the role's inbox", 200, ref("Task"), (401, 404, 409),
            OFFICER)},
        "/tasks/{task_id}/complete": {**task, "post": _op(
            "Complete the task with its form data", 200, ref("TaskCompleted"),
            (400, 401, 403, 404, 409, 422), OFFICER, **_json_body(ref("FormData")))},
        "/instances": {"get": _op(
            "Process instances for managers, filtered and paginated", 200, ref("InstancePage"),
            (401, 403, 422), OFFICER, parameters=_instance_filters())},
        "/instances/{instance_id}": {**instance, "get": _op(
            "One process instance with its tasks and audit trail", 200, ref("InstanceDetail"),
            (401, 403, 404), OFFICER)},
        "/openapi.json": {"get": _op("This document", 200, {"type": "object"}, (401,),
                                     PUBLIC)},
    }


def openapi_document(forms_dir: Path) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every /api/v1 route."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Alur — SP4N LAPOR! API", "version": "1",
                 "description": "Times are ISO 8601 in WIB (+07:00). Errors are "
                                "{\"error\": {\"code\", \"message\", \"request_id\", "
                                "\"fields\"?}}."},
        "servers": [{"url": bp.url_prefix}],
        "paths": _paths(),
        "components": {
            "schemas": component_schemas(forms.load_form(INTAKE_FORM, forms_dir)),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "complaintSecret": {"type": "apiKey", "in": "header", "name": SECRET_HEADER},
            },
        },
    }


@bp.get("/openapi.json", endpoint="openapi")
def openapi() -> Response:
    """The OpenAPI document."""
    document = openapi_document(Path(services().settings.forms_dir))
    return Response(json.dumps(document, ensure_ascii=False), mimetype="application/json")
