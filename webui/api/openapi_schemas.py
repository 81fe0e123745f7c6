"""The bodies of the API as JSON Schema, for the OpenAPI document's ``components``."""

from __future__ import annotations

import copy
from typing import Any

from engine.domain import JENIS, ROLES, STATUSES
from engine.monitor.instance_list import INSTANCE_STATUSES
from forms import FormDefinition
from webui.intake import COMPLAINT_FILES

from .intake import COUNTER_CHANNELS, PUBLIC_CHANNELS

Schema = dict[str, Any]
TEXT: Schema = {"type": "string"}
TEXT_OR_NULL: Schema = {"type": ["string", "null"]}
TIME: Schema = {"type": "string", "format": "date-time"}
TIME_OR_NULL: Schema = {"type": ["string", "null"], "format": "date-time"}
INT_OR_NULL: Schema = {"type": ["integer", "null"]}


def ref(name: str) -> Schema:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: list[str], optional: Schema | None = None, **props: Schema) -> Schema:
    """An object schema with ``props`` (all required unless named in ``optional``)."""
    return {"type": "object", "required": required,
            "properties": {**props, **(optional or {})}}


def strict(props: Schema, **extra: Any) -> Schema:
    """An object of ``props``, each required."""
    return {"type": "object", "required": list(props), "properties": props, **extra}


def array(items: Schema) -> Schema:
    """An array of ``items``."""
    return {"type": "array", "items": items}


def component_schemas(intake_form: FormDefinition) -> dict[str, Schema]:
    """Every body schema, by name."""
    return {
        **_common(), **_complaint(intake_form), **_task(), **_instance(), **_suggestions(),
    }


def _suggestions() -> dict[str, Schema]:
    score: Schema = {"type": "number", "minimum": 0, "maximum": 1}
    scored = strict({"code": TEXT, "name": TEXT, "score": score})
    similar = strict({"tracking_code": TEXT, "title": TEXT,
                      "status": {"type": "string", "enum": list(STATUSES)}, "score": score,
                      "likely_duplicate": {"type": "boolean"}})
    return {
        "SuggestionRequest": obj(
            ["title"], {"description": {"type": "string", "maxLength": 5000},
                        "kecamatan": {"type": ["string", "null"], "maxLength": 20}},
            title={"type": "string", "minLength": 1, "maxLength": 150})
        | {"additionalProperties": False},
        "Suggestions": strict({
            "categories": array(scored) | {"maxItems": 5},
            "opds": array(scored) | {"maxItems": 5},
            "similar": array(similar) | {"maxItems": 5},
            "source": {"type": "string", "enum": ["model", "kata_kunci"]}}),
    }


def _common() -> dict[str, Schema]:
    fields = {"type": "object", "additionalProperties": TEXT}
    return {
        "Error": strict({"error": obj(["code", "message", "request_id"], {"fields": fields},
                                      code=TEXT, message=TEXT, request_id=TEXT)}),
        "Credentials": {
            "type": "object", "required": ["username", "password"], "additionalProperties": False,
            "properties": {
                "username": {"type": "string", "minLength": 1, "maxLength": 80},
                "password": {"type": "string", "minLength": 1, "maxLength": 200},
                "code": {"type": "string", "maxLength": 20, "description": "The authenticator "
                         "code (or a recovery code) of an account with a second factor."}}},
        "Officer": strict({"username": TEXT, "full_name": TEXT,
                           "role": {"type": "string", "enum": list(ROLES)},
                           "opd": TEXT_OR_NULL}),
        "Token": strict({"token": TEXT, "expires_at": TIME, "user": ref("Officer")}),
        "Opd": strict({"code": TEXT, "name": TEXT}),
        "Category": strict({"code": TEXT, "name": TEXT, "parent": TEXT_OR_NULL}),
        "Region": strict({
            "code": {"type": "string", "description": "Kemendagri code, e.g. 16.11.01"},
            "name": TEXT, "level": {"type": "string", "enum": ["kecamatan", "desa", "kelurahan"]},
            "parent": {"type": "string", "description": "code of the kecamatan (or kabupaten)"},
            "latitude": {"type": ["number", "null"], "description": "centre point, if set"},
            "longitude": {"type": ["number", "null"]}}),
    }


def _place(named: Schema) -> Schema:
    number = {"type": ["number", "null"]}
    return {"type": ["object", "null"], "required": ["kecamatan", "desa", "latitude", "longitude"],
            "properties": {"kecamatan": named, "desa": named, "latitude": number,
                           "longitude": number},
            "description": "Where it happened. The point is exact for officers and the reporter; "
                           "the public gets it rounded to 2 decimals (about 1 km) for an "
                           "anonymous report, 4 otherwise, and never for a rahasia one."}


def _intake(form: FormDefinition, multipart: bool) -> Schema:
    schema = {k: v for k, v in copy.deepcopy(form.schema).items() if k != "$schema"}
    props = schema["properties"]
    for name in COMPLAINT_FILES:
        props.pop(name, None)
    for prop in props.values():
        # The validator checks an address by the field's pattern; "format: email" there
        # only asks for an "@", so the document states the pattern alone.
        if prop.get("format") == "email":
            del prop["format"]
    props["channel"] = {"type": "string", "enum": [*PUBLIC_CHANNELS, *COUNTER_CHANNELS],
                        "default": "web",
                        "description": "web/mobile for everyone; kotak/loket for Front Office"}
    if multipart:
        _as_form_fields(schema)
    return schema


def _as_form_fields(schema: Schema) -> None:
    # A posted form sends every field as text and a blank one for each left empty; blank
    # means "not given", and check boxes say true or false.
    props, required = schema["properties"], set(schema.get("required", ()))
    for name, prop in list(props.items()):
        if name not in required and prop.get("type") == "string":
            props[name] = {"anyOf": [prop, {"type": "string", "maxLength": 0}]}
    for name in ("anonim", "rahasia"):
        props[name] = {"type": "string", "enum": ["true", "false"]}
    binary = {"type": "string", "format": "binary"}
    props["id_document"] = binary
    props["attachments"] = array(binary)
    schema.pop("if", None)
    schema.pop("else", None)


def _complaint(intake_form: FormDefinition) -> dict[str, Schema]:
    named = {"type": ["object", "null"], "required": ["code", "name"],
             "properties": {"code": TEXT, "name": TEXT_OR_NULL}}
    document = strict({"id": {"type": "integer"}, "filename": TEXT, "content_type": TEXT})
    private = {
        "registration_no": TEXT, "channel": TEXT,
        "jenis": {"type": ["string", "null"], "enum": [*JENIS, None]},
        "anonim": {"type": "boolean"}, "rahasia": {"type": "boolean"},
        "incident_date": {"type": ["string", "null"], "format": "date"},
        "archive_reason": TEXT_OR_NULL,
        "attachments": array(strict({"id": {"type": "integer"}, "filename": TEXT,
                                     "content_type": TEXT, "size": {"type": "integer"}})),
    }
    status = {"type": "string", "enum": list(STATUSES)}
    return {
        "Intake": _intake(intake_form, multipart=False),
        "IntakeMultipart": _intake(intake_form, multipart=True),
        "Receipt": strict({"tracking_code": TEXT, "secret": TEXT, "status": status,
                           "registration_no": TEXT}),
        "ReplayedReceipt": strict({
            "tracking_code": TEXT, "status": status, "registration_no": TEXT,
            "secret": TEXT_OR_NULL | {"description": "The secret of the first answer; null "
                                      "once the replay window has passed (docs/api.md)"}}),
        "Reporter": {"type": ["object", "null"], "required": ["name"], "properties": {
            "name": TEXT_OR_NULL, "phone": TEXT_OR_NULL, "email": TEXT_OR_NULL,
            "nik": TEXT_OR_NULL, "documents": array(document),
            "missing_document": {"type": "boolean", "description": (
                "A named report still lacks the KTP/SIM/KTM copy (identitas belum "
                "dilengkapi); shown to whom may see the identity.")}},
            "description": "Null for the public: the reporter's name is never published.",
            "additionalProperties": False},
        "TimelineEntry": strict({"at": TIME, "status": status, "note": TEXT}),
        "FollowUp": strict({"at": TIME, "kind": TEXT, "author": TEXT, "text": TEXT}),
        "Complaint": obj(
            ["tracking_code", "status", "title", "description", "category", "opd",
             "kecamatan", "place", "received_at", "deadline", "closed_at", "timeline",
             "follow_ups", "reporter"], private,
            tracking_code=TEXT, status=status, title=TEXT, description=TEXT, category=named,
            opd=named, kecamatan=TEXT_OR_NULL, place=_place(named), received_at=TIME,
            deadline=TIME_OR_NULL, closed_at=TIME_OR_NULL, timeline=array(ref("TimelineEntry")),
            follow_ups=array(ref("FollowUp")), reporter=ref("Reporter")),
        "Reply": {"type": "object", "additionalProperties": False, "properties": {
            "text": {"type": "string", "minLength": 5, "maxLength": 3000,
                     "description": "The message; the reason when resolved is false; "
                                    "optional when resolved is true."},
            "resolved": {"type": "boolean",
                         "description": "The reporter's answer after a follow-up: true "
                                        "closes the report (the survey opens), false reopens "
                                        "it to the OPD. Leave it out for a plain message, "
                                        "which neither closes nor reopens."}}},
        "ReplyResult": strict({
            "reopened": {"type": "boolean"}, "closed": {"type": "boolean"},
            "outcome": {"type": "string",
                        "enum": ["closed", "reopened", "resumed", "recorded"]},
            "status": status}),
    }


def _task() -> dict[str, Schema]:
    assignee = {"type": ["object", "null"], "required": ["id", "name"],
                "properties": {"id": {"type": "integer"}, "name": TEXT}}
    choice = strict({"value": TEXT, "label": TEXT})
    form = {"type": ["object", "null"], "required": ["key", "title", "schema", "ui", "options"],
            "properties": {"key": TEXT, "title": TEXT, "schema": {"type": "object"},
                           "ui": {"type": "object"},
                           "options": {"type": "object", "additionalProperties": array(choice)}}}
    task = strict({
        "id": TEXT, "name": TEXT, "spec": TEXT, "lane": TEXT, "role": TEXT, "opd": TEXT_OR_NULL,
        "tracking_code": TEXT, "complaint_title": TEXT, "complaint_status": TEXT,
        "created_at": TIME, "due_at": TIME_OR_NULL, "overdue": {"type": "boolean"},
        "working_days_left": INT_OR_NULL, "assignee": assignee, "claimed_at": TIME_OR_NULL,
        "form": TEXT_OR_NULL})
    detail = {"allOf": [ref("Task"), strict({"instructions": TEXT, "instructions_en": TEXT_OR_NULL,
                                             "form_definition": form,
                                             "complaint": ref("Complaint")})]}
    done = strict({"id": TEXT, "completed": {"type": "boolean"}, "tracking_code": TEXT,
                   "status": {"type": "string", "enum": list(STATUSES)}})
    return {"Task": task, "TaskDetail": detail, "FormData": {"type": "object"},
            "TaskCompleted": done}


def _instance() -> dict[str, Schema]:
    state = {"type": "string", "enum": list(INSTANCE_STATUSES)}
    row = strict({
        "id": {"type": "integer"}, "instance_status": state, "tracking_code": TEXT,
        "registration_no": TEXT, "status": {"type": "string", "enum": list(STATUSES)},
        "title": TEXT, "channel": TEXT, "category": TEXT_OR_NULL, "opd": TEXT_OR_NULL,
        "received_at": TIME, "updated_at": TIME, "deadline": TIME_OR_NULL,
        "overdue": {"type": "boolean"}, "working_days_left": INT_OR_NULL,
        "open_tasks": {"type": "integer"}})
    page = strict({"items": array(ref("InstanceRow")), "total": {"type": "integer"},
                   "total_exact": {"type": "boolean"},
                   "page": {"type": "integer"}, "per_page": {"type": "integer"},
                   "pages": {"type": "integer"}, "next_page": INT_OR_NULL})
    audit = strict({"at": TIME, "actor": TEXT, "actor_role": TEXT, "action": TEXT,
                    "task_spec": TEXT_OR_NULL, "from_status": TEXT_OR_NULL,
                    "to_status": TEXT_OR_NULL, "detail": {"type": "object"}})
    detail = strict({
        "id": {"type": "integer"}, "status": state, "error_message": TEXT_OR_NULL,
        "process_id": TEXT, "definition_version": {"type": "integer"}, "created_at": TIME,
        "updated_at": TIME, "next_timer_at": TIME_OR_NULL, "tasks": array(ref("Task")),
        "history": array(ref("AuditEntry")), "complaint": ref("Complaint")})
    return {"InstanceRow": row, "InstancePage": page, "AuditEntry": audit,
            "InstanceDetail": detail}
