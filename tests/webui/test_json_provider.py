"""The app's JSON answers: Flask's choices, written by engine.json_text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import UUID

from flask import jsonify, render_template_string

from webui.json_provider import AppJSONProvider


def test_answers_keep_flasks_choices(app) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(app.json, AppJSONProvider)
    with app.test_request_context():
        answer = jsonify(zona="WIB", at=datetime(2026, 12, 7, 2, 30, tzinfo=UTC),
                         id=UUID(int=7), kota="Tebing Tinggi — Empat Lawang")
    text = answer.get_data(as_text=True)
    assert answer.mimetype == "application/json"
    assert text == ('{"at":"Mon, 07 Dec 2026 02:30:00 GMT","id":"00000000-0000-0000-0000-'
                    '000000000007","kota":"Tebing Tinggi — Empat Lawang","zona":"WIB"}\n')


def test_an_indented_answer_is_written_as_flask_writes_it(app) -> None:  # type: ignore[no-untyped-def]
    app.json.compact = False
    try:
        with app.test_request_context():
            text = jsonify(b=1, a=[2]).get_data(as_text=True)
    finally:
        app.json.compact = None
    assert text == json.dumps({"a": [2], "b": 1}, indent=2, sort_keys=True) + "\n"


def test_values_in_pages_are_still_escaped_for_html(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        page = render_template_string("{{ v|tojson }}", v={"t": "</script><b>&'"})
    assert "<" not in page and ">" not in page and "&'" not in page
    assert json.loads(page) == {"t": "</script><b>&'"}


def test_the_session_cookie_reads_back(client) -> None:  # type: ignore[no-untyped-def]
    with client.session_transaction() as session:
        session["catatan"] = {"kota": "Pendopo", "at": datetime(2026, 12, 7, tzinfo=UTC)}
    with client.session_transaction() as session:
        assert session["catatan"] == {"kota": "Pendopo", "at": datetime(2026, 12, 7, tzinfo=UTC)}
