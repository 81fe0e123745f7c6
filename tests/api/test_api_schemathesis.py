"""Schemathesis drives every documented operation through the WSGI app: no 500, and every
answer conforms to the OpenAPI document (status codes, content types, headers, bodies);
schema-violating requests are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from engine.settings import Settings
from tests.walk import VERIFY_FORWARD, Walk
from webui.api.openapi import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document(Path(Settings().forms_dir)))
# A request can match the schema and still name a category, OPD or task that does not
# exist, or a channel the caller's role may not use: the API rightly answers 404/422.
NOT_CHECKED = [positive_data_acceptance]


@pytest.fixture
def seeded(walk: Walk) -> None:
    """A published complaint and an anonymous one waiting for verification."""
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.file(anonim=True, name=None, phone=None)


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case, app, bearer, seeded) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin", name="schemathesis") if case.operation.security else {}
    case.operation.schema.app = app  # the app of this test, for the checks' own probes too
    case.call_and_validate(app=app, headers=headers, excluded_checks=NOT_CHECKED)


# Every other role, OPD roles of the seeded complaints' OPD: no 500 and no answer the document
# does not list (a 403 or 404 where the role may not see or do a thing is listed).
OTHER_ROLES = [("ketua", None), ("anggota", None), ("penanggung_jawab", None),
               ("front_office", None), ("sysadmin", None), ("analis", None),
               ("pejabat_penghubung", "DINKES"), ("unit_teknis", "DINKES")]


@pytest.fixture
def role_headers(bearer) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """A token of each of OTHER_ROLES."""
    return [bearer(role, opd, name=f"st-{role}") for role, opd in OTHER_ROLES]


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_for_every_role(case, app, role_headers, seeded) -> None:  # type: ignore[no-untyped-def]
    case.operation.schema.app = app
    for headers in role_headers if case.operation.security else [{}]:
        case.call_and_validate(app=app, headers=headers, excluded_checks=NOT_CHECKED)
