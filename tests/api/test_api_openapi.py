"""The OpenAPI document names every API route and nothing else, is valid OpenAPI 3.1, and real
answers along a complaint's whole path match the bodies it documents."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from webui.api.openapi import openapi_document

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _routes(app) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule[len(PREFIX):])
        found |= {(method, path) for method in rule.methods - IGNORED_METHODS}
    return found


def test_every_api_route_is_documented_and_nothing_else(app, client) -> None:  # type: ignore[no-untyped-def]
    served = client.get(f"{PREFIX}/openapi.json").get_json()
    documented = {(method.upper(), path) for path, item in served["paths"].items()
                  for method in item if method != "parameters"}
    assert documented == _routes(app)
    assert served["servers"] == [{"url": PREFIX}]


def test_document_is_valid_openapi_3_1(app, services) -> None:  # type: ignore[no-untyped-def]
    document = openapi_document(Path(services.settings.forms_dir))
    assert document["openapi"] == "3.1.0"
    schemathesis.openapi.from_dict(document).validate()


def test_intake_schema_comes_from_the_form(services) -> None:  # type: ignore[no-untyped-def]
    intake = openapi_document(Path(services.settings.forms_dir))["components"]["schemas"][
        "Intake"]
    assert intake["properties"]["description"]["minLength"] == 20
    assert intake["properties"]["channel"]["enum"] == ["web", "mobile", "kotak", "loket"]
    assert "id_document" not in intake["properties"]
    assert intake["additionalProperties"] is False


class Contract:
    """Calls the app and checks each answer against the document's operation."""

    def __init__(self, client, schema) -> None:  # type: ignore[no-untyped-def]
        self.client = client
        self.schema = schema
        self.checked: set[tuple[str, str, int]] = set()

    def call(self, method: str, path: str, template: str, status: int, **kwargs: Any) -> Any:
        """Call ``path``, assert ``status``, validate the body against ``template``'s docs."""
        answer = self.client.open(PREFIX + path, method=method, **kwargs)
        assert answer.status_code == status, (method, path, answer.get_json())
        self.schema[template][method].validate_response(answer)
        self.checked.add((method, template, status))
        return answer.get_json()


def test_answers_along_a_whole_complaint_match_the_document(client, services, walk: Walk,
                                                            bearer) -> None:  # type: ignore[no-untyped-def]
    api = Contract(client, schemathesis.openapi.from_dict(
        openapi_document(Path(services.settings.forms_dir))))
    walk.user("tim_admin", name="admin")
    token = api.call("POST", "/auth/token", "/auth/token", 201,
                     json={"username": "admin", "password": "pw"})["token"]
    admin = {"Authorization": f"Bearer {token}"}
    api.call("POST", "/auth/token", "/auth/token", 401, json={"username": "x", "password": "y"})
    api.call("GET", "/opds", "/opds", 200)
    api.call("GET", "/categories", "/categories", 200)
    api.call("GET", "/regions?level=desa&parent=16.11.02", "/regions", 200)
    api.call("GET", "/regions?level=kota", "/regions", 422)
    receipt = api.call("POST", "/complaints", "/complaints", 201, json={
        "title": "Sampah", "description": "Sampah menumpuk di pasar sejak seminggu lalu.",
        "anonim": True})
    api.call("POST", "/complaints", "/complaints", 422, json={"title": ""})
    code, secret = receipt["tracking_code"], receipt["secret"]
    one = "/complaints/{tracking_code}"
    api.call("GET", f"/complaints/{code}", one, 404)
    api.call("GET", f"/complaints/{code}", one, 200, headers={"X-Complaint-Secret": secret})
    tasks = api.call("GET", "/tasks", "/tasks", 200, headers=admin)
    task = "/tasks/{task_id}"
    api.call("GET", f"/tasks/{tasks[0]['id']}", task, 200, headers=admin)
    api.call("POST", f"/tasks/{tasks[0]['id']}/claim", task + "/claim", 200, headers=admin)
    api.call("POST", f"/tasks/{tasks[0]['id']}/unclaim", task + "/unclaim", 200, headers=admin)
    api.call("POST", f"/tasks/{tasks[0]['id']}/complete", task + "/complete", 422,
             headers=admin, json={"decision": "forward"})
    api.call("POST", f"/tasks/{tasks[0]['id']}/complete", task + "/complete", 200,
             headers=admin, json=VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    api.call("GET", f"/complaints/{code}", one, 200)
    api.call("GET", f"/complaints/{code}", one, 200, headers=admin)
    api.call("POST", f"/complaints/{code}/replies", one + "/replies", 201,
             headers={"X-Complaint-Secret": secret}, json={"text": "Belum beres juga."})
    page = api.call("GET", "/instances?overdue=false", "/instances", 200, headers=admin)
    api.call("GET", "/instances?page=0", "/instances", 422, headers=admin)
    api.call("GET", f"/instances/{page['items'][0]['id']}", "/instances/{instance_id}", 200,
             headers=admin)
    api.call("GET", "/instances", "/instances", 403, headers=bearer("analis"))
    api.call("POST", "/suggestions", "/suggestions", 200, headers=admin,
             json={"title": "Sampah menumpuk", "description": "Sampah di pasar tidak diangkut"})
    api.call("POST", "/suggestions", "/suggestions", 422, headers=admin, json={"title": ""})
    api.call("POST", "/suggestions", "/suggestions", 401, json={"title": "Sampah"})
    api.call("GET", f"/complaints/{code}/similar", one + "/similar", 200, headers=admin)
    api.call("GET", "/openapi.json", "/openapi.json", 200)
    api.call("DELETE", "/auth/token", "/auth/token", 204, headers=admin)
    api.call("GET", "/tasks", "/tasks", 401, headers=admin)
    assert {(m, p) for m, p, _ in api.checked} >= _documented_operations(api.schema)


def _documented_operations(schema) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}


@pytest.mark.parametrize("path", ["/nothing-here", "/complaints/EL-22222222/everything"])
def test_unknown_api_paths_answer_in_json(client, path: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(PREFIX + path)
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "not_found"


def test_wrong_method_says_which_are_allowed(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.put(f"{PREFIX}/complaints")
    assert answer.status_code == 405
    assert "POST" in answer.headers["Allow"]
    assert answer.get_json()["error"]["code"] == "method_not_allowed"
