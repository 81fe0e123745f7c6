"""Engine messages with variable parts: the Indonesian text as before, and its template and
parameters for the web layer to translate."""

from __future__ import annotations

import copy
import json
import pickle

from engine.channels.base import DELIVERY_ERRORS, SMTP_UNREACHABLE
from engine.errors import FormInvalidError
from engine.messages import N_, Message, from_json, parse
from engine.modeler.problems import Problem, Report


def test_a_message_is_its_indonesian_text() -> None:
    message = Message(N_("Alur ganda dari '%(source)s' ke '%(target)s'"), source="a", target="b")
    assert message == "Alur ganda dari 'a' ke 'b'" and str(message) == message
    assert f"{message}" == "Alur ganda dari 'a' ke 'b'" and json.dumps(message) == json.dumps(
        "Alur ganda dari 'a' ke 'b'")
    assert message.template == "Alur ganda dari '%(source)s' ke '%(target)s'"
    assert message.params == {"source": "a", "target": "b"}
    role = Message(N_("Peran tidak dikenal: %(role)s"), role="bupati")
    assert str(FormInvalidError({"role": role})) == "role: Peran tidak dikenal: bupati"


def test_a_message_survives_copies_and_json() -> None:
    inner = Message(N_("kosong"))
    outer = Message("%(what)s: %(message)s", what=Message(N_("Skrip")), message=inner)
    for twin in (copy.deepcopy(outer), pickle.loads(pickle.dumps(outer)),
                 from_json(json.loads(json.dumps(outer.as_json())))):
        assert twin == "Skrip: kosong" and twin.template == outer.template
        assert isinstance(twin.params["what"], Message) and twin.params["what"].template == "Skrip"


def test_a_problem_keeps_its_template_for_the_screens() -> None:
    problem = Problem("a.bpmn", "lint/x", Message(N_("'%(name)s' tidak punya alur masuk"),
                                                  name="Verifikasi"))
    saved = json.loads(json.dumps(Report([problem]).as_list()))[0]
    assert saved["message"] == "'Verifikasi' tidak punya alur masuk"
    assert saved["template"] == "'%(name)s' tidak punya alur masuk"
    assert saved["params"] == {"name": "Verifikasi"}
    assert "template" not in Problem("a.bpmn", "schema", "Element 'x': not expected").as_dict()


def test_stored_text_is_read_back_into_its_message() -> None:
    text = str(Message(SMTP_UNREACHABLE, error="[Errno 111] Connection refused"))
    found = parse(text, DELIVERY_ERRORS)
    assert found is not None and found.template == SMTP_UNREACHABLE
    assert found.params == {"error": "[Errno 111] Connection refused"}
    assert parse("HTTP 503: gateway down", DELIVERY_ERRORS) is None
    assert parse("Tidak ada penerima dengan alamat", DELIVERY_ERRORS) == \
        "Tidak ada penerima dengan alamat"
