"""Validation on save: every problem type with its message, element id and line."""

from __future__ import annotations

import pytest

from engine.modeler.drafts import FormCheckFactory
from engine.modeler.validation import parse_safely, validate_bundle
from engine.workflow.form_versions import FormJson

from .bundles import DMN, FOLLOW_UP, MAIN, default_files, drop, edited, replaced

FILES = default_files()

CASES = [
    pytest.param(
        replaced(FILES, MAIN, '<bpmn:endEvent id="selesai" name="Laporan selesai">',
                 '<bpmn:endEvent id="selesai" name="Laporan selesai>'),
        "xml", None, "XML tidak valid", id="malformed-xml"),
    pytest.param(
        replaced(FILES, MAIN, '<bpmn:endEvent id="selesai" name="Laporan selesai">',
                 '<bpmn:fooTask id="aneh" name="Aneh" />\n'
                 '    <bpmn:endEvent id="selesai" name="Laporan selesai">'),
        "schema", "aneh", "Element 'bpmn:fooTask': This element is not expected",
        id="unknown-element"),
    pytest.param(
        replaced(FILES, MAIN, 'sourceRef="tutup" targetRef="selesai"',
                 'sourceRef="tutup" targetRef="tidak_ada"'),
        "parse", "tutup", "tidak_ada", id="spiff-parse-error"),
    pytest.param(
        replaced(FILES, MAIN, 'value="verifikasi.json"', 'value="hilang.json"'),
        "form", "verifikasi", "formJsonSchemaFilename 'hilang.json': berkas formulir tidak",
        id="missing-form-file"),
    pytest.param(
        replaced(FILES, MAIN, 'name="Ketua"', 'name="Kepala Dinas"'),
        "lane", "lajur_ketua", "Lajur 'Kepala Dinas' tidak sesuai peran", id="lane-without-role"),
    pytest.param(
        replaced(FILES, MAIN, 'set_status("diterima")\nnational = channel',
                 'set_status("diterima"\nnational = channel'),
        "script", "terima", "Skrip: galat sintaks", id="script-syntax-error"),
    pytest.param(
        replaced(FILES, MAIN, 'notify("dialihkan", "nasional")', '__import__("os").system("id")'),
        "script", "alihkan", '"__import__" is an invalid variable name', id="restricted-script"),
    pytest.param(
        replaced(FILES, MAIN, 'notify("dialihkan", "nasional")', 'open("/etc/passwd")'),
        "script", "alihkan", "fungsi tidak dikenal: open()", id="unknown-function"),
    pytest.param(
        replaced(FILES, MAIN, "add_working_days(verification_due, -1)",
                 "add_working_days(verification_due)"),
        "timer", "pengingat_verifikasi", "missing a required argument: 'n'",
        id="timer-wrong-arguments"),
    pytest.param(
        replaced(FILES, MAIN, ">verification_due</bpmn:timeDate>", ">P3D</bpmn:timeDate>"),
        "timer", "verifikasi_terlambat", 'tulis waktu sebagai teks dalam tanda kutip',
        id="timer-unquoted-literal"),
    pytest.param(
        replaced(FILES, MAIN, 'decision == "clarify"', 'decision = "clarify"'),
        "expression", "alur_klarifikasi", "Kondisi: galat sintaks", id="condition-syntax"),
    pytest.param(
        replaced(FILES, MAIN, 'name="dueDate" value="verification_due"',
                 'name="dueDate" value="verification_due +"'),
        "due_date", "verifikasi", "Batas waktu (dueDate): galat sintaks", id="due-date-syntax"),
    pytest.param(
        replaced(FILES, DMN, '<text>category</text>', '<text>category.__class__</text>'),
        "expression", "masukan_kategori", "tidak diizinkan", id="dmn-restricted"),
    pytest.param(
        replaced(FILES, MAIN, '<bpmn:endEvent id="selesai" name="Laporan selesai">',
                 '<bpmn:task id="yatim" name="Yatim" />\n'
                 '    <bpmn:endEvent id="selesai" name="Laporan selesai">'),
        "lint/no-disconnected", "yatim", "'Yatim' tidak punya alur masuk", id="unconnected"),
    pytest.param(
        replaced(FILES, MAIN, '<bpmn:sequenceFlow id="alur_arsipkan" name="Arsipkan" '
                 'sourceRef="keputusan_verifikasi" targetRef="arsipkan" />',
                 '<bpmn:sequenceFlow id="alur_arsipkan" name="Arsipkan" '
                 'sourceRef="keputusan_verifikasi" targetRef="arsipkan" />'
                 '<bpmn:sequenceFlow id="alur_arsipkan_2" sourceRef="keputusan_verifikasi" '
                 'targetRef="arsipkan" />'),
        "lint/conditional-flows", "alur_arsipkan_2", "tidak punya kondisi",
        id="flow-without-condition"),
    pytest.param(
        edited(FILES, FOLLOW_UP, lambda root: [drop(root, end) for end in
                                               ("akhir_dijawab", "akhir_tanpa_unit")]),
        "lint/end-event-required", "tindak_lanjut_opd", "tidak punya peristiwa akhir",
        id="no-end-event"),
]


@pytest.mark.parametrize(("files", "code", "element_id", "message"), CASES)
def test_each_problem_is_reported_with_element_and_line(
    files: dict[str, str], code: str, element_id: str | None, message: str,
    checks: FormCheckFactory,
) -> None:
    report = validate_bundle(files, form_check=checks({}))
    found = [p for p in report.problems if p.code == code and message in p.message]
    assert found, [p.as_dict() for p in report.problems]
    assert not report.ok
    if element_id is not None:
        assert found[0].element_id == element_id
    assert found[0].line is not None and found[0].line > 1


def test_line_numbers_point_at_the_element(checks: FormCheckFactory) -> None:
    files = replaced(FILES, MAIN, 'name="Ketua"', 'name="Kepala Dinas"')
    problem = validate_bundle(files, form_check=checks({})).problems[0]
    assert 'name="Kepala Dinas"' in files[MAIN].splitlines()[problem.line - 1]


def test_the_default_diagrams_have_no_problem(checks: FormCheckFactory) -> None:
    report = validate_bundle(FILES, form_check=checks({}))
    assert report.problems == [] and report.ok


def test_an_invalid_json_schema_in_the_draft_is_reported(checks: FormCheckFactory) -> None:
    broken = FormJson({"type": "object", "properties": {"x": {"type": "teks"}}}, {})
    report = validate_bundle(FILES, form_check=checks({"verifikasi": broken}))
    problem = next(p for p in report.problems if p.code == "form")
    assert problem.element_id == "verifikasi"
    assert "JSON Schema tidak sah di properties/x/type" in problem.message and not report.ok


def test_warnings_do_not_block(checks: FormCheckFactory) -> None:
    files = replaced(FILES, MAIN, '<bpmn:userTask id="verifikasi" name="Verifikasi laporan">',
                     '<bpmn:userTask id="verifikasi">')
    report = validate_bundle(files, form_check=checks({}))
    assert [(p.code, p.severity, p.element_id) for p in report.problems] == [
        ("lint/label-required", "warning", "verifikasi")]
    assert report.ok


def test_instructions_without_english_ones_are_a_warning(checks: FormCheckFactory) -> None:
    tag = "spiffworkflow:instructionsForEndUserEn"
    first = FILES[MAIN].index(f"<{tag}>")  # the verification's, the diagram's first user task
    english = FILES[MAIN][first:FILES[MAIN].index(f"</{tag}>", first) + len(tag) + 3]
    files = replaced(FILES, MAIN, english, "")
    report = validate_bundle(files, form_check=checks({}))
    assert [(p.code, p.severity, p.element_id) for p in report.problems] == [
        ("instructions", "warning", "verifikasi")]
    assert "belum punya instruksi dalam bahasa Inggris" in report.problems[0].message
    assert report.ok


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol3;</bpmn:definitions>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
<bpmn:process id="pengaduan"><bpmn:documentation>&xxe;</bpmn:documentation></bpmn:process>
</bpmn:definitions>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entities_are_rejected(text: str, checks: FormCheckFactory) -> None:
    root, problems = parse_safely("x.bpmn", text)
    assert root is None
    assert problems[0].code == "xml" and "DOCTYPE" in problems[0].message
    assert problems[0].line == 2
    report = validate_bundle({**FILES, MAIN: text}, form_check=checks({}))
    assert not report.ok and "passwd" not in str(report.as_list()).replace("file:///etc", "")


def test_oversized_files_and_bad_names_are_rejected(checks: FormCheckFactory) -> None:
    root, problems = parse_safely("x.bpmn", "<a>" + "x" * (3 * 1024 * 1024) + "</a>")
    assert root is None and "lebih besar" in problems[0].message
    report = validate_bundle({**FILES, "../evil.bpmn": FILES[MAIN]}, form_check=checks({}))
    assert any(p.code == "file" for p in report.problems) and not report.ok
