"""The check refuses a condition, timer or script reading a variable that nothing provides on
any path to it (a form field removed, a typo), naming the element, the file and the variable;
the shipped diagrams and forms pass."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from engine.complaints import intake
from engine.modeler.data_flow import START_DATA
from engine.modeler.drafts import FormCheckFactory
from engine.modeler.problems import Problem
from engine.modeler.validation import validate_bundle
from engine.settings import ROOT
from engine.workflow.form_versions import FormJson

from .bundles import FOLLOW_UP, MAIN, default_files, replaced
from .test_views import _csrf

FILES = default_files()
FORMS = ROOT / "forms" / "schemas"


def form_without(key: str, *names: str) -> FormJson:
    """A shipped form with fields removed, as an analyst would in the form editor (schema,
    conditional rules, ui:order and the fields' UI options)."""
    schema = json.loads((FORMS / f"{key}.json").read_text("utf-8"))
    ui = json.loads((FORMS / f"{key}.ui.json").read_text("utf-8"))
    for name in names:
        schema["properties"].pop(name)
        schema["required"] = [r for r in schema.get("required", []) if r != name]
        ui.pop(name, None)
        ui["ui:order"] = [n for n in ui.get("ui:order", []) if n != name]
    schema.pop("allOf", None)
    for options in ui.values():
        if isinstance(options, dict):
            for rule in ("ui:show_when", "ui:title_when", "ui:title_when_en"):
                options.pop(rule, None)
    return FormJson(schema, ui)


def variable_problems(files: dict[str, str], checks: FormCheckFactory,
                      forms: dict[str, FormJson] | None = None) -> list[Problem]:
    report = validate_bundle(files, form_check=checks(forms or {}))
    return [p for p in report.problems if p.code == "variable"]


def test_the_shipped_diagrams_and_forms_pass(checks: FormCheckFactory) -> None:
    assert variable_problems(FILES, checks) == []


def test_a_decision_removed_from_the_verification_form_is_refused(
    checks: FormCheckFactory,
) -> None:
    forms = {"verifikasi": form_without("verifikasi", "decision")}
    report = validate_bundle(FILES, form_check=checks(forms))
    found = [p for p in report.problems if p.code == "variable"]
    assert not report.ok
    assert [(p.element_id, p.file, p.severity) for p in found] == [
        ("alur_teruskan", MAIN, "error"), ("alur_klarifikasi", MAIN, "error"),
        ("alur_alihkan", MAIN, "error")]
    assert found[0].message == (
        "Kondisi pada 'Teruskan ke OPD' (pengaduan.bpmn) membaca variabel 'decision', tetapi "
        "tidak ada formulir, skrip, tabel keputusan, pesan, data awal laporan, atau fungsi yang "
        "mengisinya di jalur mana pun menuju ke sana")
    assert 'decision == "forward"' in FILES[MAIN].splitlines()[found[0].line - 1]


def test_a_script_reading_a_removed_field_is_refused(checks: FormCheckFactory) -> None:
    found = variable_problems(FILES, checks, {"verifikasi": form_without("verifikasi", "reason")})
    assert [(p.element_id, p.message.split(" membaca")[0]) for p in found] == [
        ("minta_klarifikasi", "Skrip pada 'Minta klarifikasi pelapor' (pengaduan.bpmn)"),
        ("arsipkan", "Skrip pada 'Arsipkan laporan' (pengaduan.bpmn)")]


def test_a_condition_in_the_called_process_is_checked(checks: FormCheckFactory) -> None:
    found = variable_problems(FILES, checks,
                              {"periksa_tanggapan": form_without("periksa_tanggapan", "check")})
    assert [(p.element_id, p.file) for p in found] == [("alur_kembalikan_ke_unit", FOLLOW_UP)]
    assert "'check'" in found[0].message


def test_a_misspelt_timer_and_due_date_are_refused(checks: FormCheckFactory) -> None:
    files = replaced(FILES, MAIN, ">verification_due</bpmn:timeDate>",
                     ">verifikasi_due</bpmn:timeDate>")
    files = replaced(files, FOLLOW_UP, 'name="dueDate" value="followup_due"',
                     'name="dueDate" value="follow_up_due"')
    found = variable_problems(files, checks)
    assert [(p.element_id, p.file) for p in found] == [
        ("verifikasi_terlambat", MAIN), ("tanggapi", FOLLOW_UP)]
    assert found[0].message.startswith("Ekspresi timer pada 'Batas verifikasi lewat'")
    assert found[1].message.startswith("Batas waktu (dueDate) pada 'Tindak lanjuti laporan'")


def test_a_name_set_only_on_another_branch_is_refused(checks: FormCheckFactory) -> None:
    # archive_reason is set where a complaint is archived, never before the decision.
    files = replaced(FILES, MAIN, 'decision == "clarify"',
                     'decision == "clarify" and archive_reason == ""')
    found = variable_problems(files, checks)
    assert [(p.element_id, "'archive_reason'" in p.message) for p in found] == [
        ("alur_klarifikasi", True)]


def test_names_from_start_data_functions_messages_decisions_and_loops_pass(
    checks: FormCheckFactory,
) -> None:
    # channel: start data; reporter_answer: a function; balasan: a message; opd_saran: the
    # decision table; outcome: the called process's form and script.
    files = replaced(FILES, MAIN, 'decision == "clarify"',
                     'decision == "clarify" and channel != "x" and opd_saran != "x"')
    files = replaced(files, MAIN, 'reporter_answer(balasan) == "belum"',
                     'reporter_answer(balasan) == "belum" and outcome != "x"')
    assert variable_problems(files, checks) == []


def test_a_form_that_cannot_be_read_adds_no_variable_problem(checks: FormCheckFactory) -> None:
    files = replaced(FILES, MAIN, 'value="verifikasi.json"', 'value="hilang.json"')
    assert variable_problems(files, checks) == []
    assert [p.code for p in validate_bundle(files).problems if p.code == "variable"] == []


def test_the_start_data_list_is_what_a_complaint_starts_with() -> None:
    complaint = SimpleNamespace(id=1, tracking_code="X", channel="web", category_code="4",
                                received_at=datetime(2025, 1, 6, tzinfo=UTC), title="t",
                                anonim=False, rahasia=False)
    runtime = SimpleNamespace(settings=SimpleNamespace(clarification_days=5,
                                                       national_routing_days=2))
    assert set(intake._start_data(runtime, complaint)) == START_DATA  # type: ignore[arg-type]


def test_the_form_editor_says_what_a_removed_field_breaks(
    sign_in: Callable[[str], Any],
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    form = form_without("verifikasi", "decision")
    saved = client.post("/analis/formulir/verifikasi", data={
        "csrf_token": token, "schema": json.dumps(form.schema), "ui": json.dumps(form.ui)})
    assert saved.status_code == 302
    page = client.get(saved.location).get_data(as_text=True)
    assert "3 masalah harus diperbaiki sebelum deploy." in page
    assert "membaca variabel &#39;decision&#39;" in page
    draft_id = int(saved.location.rsplit("=", 1)[1])
    editor = client.get(f"/analis/pemodel?draft={draft_id}").get_data(as_text=True)
    assert 'class="problems-bad"' in editor and 'data-element="alur_teruskan"' in editor
