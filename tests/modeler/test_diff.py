"""The difference between two versions, element by element."""

from __future__ import annotations

import re

from engine.modeler.diff import diff_files, diff_versions
from engine.modeler.drafts import FormCheckFactory
from engine.workflow.form_versions import FormJson, FormSource
from tests.walk import Walk

from .bundles import FOLLOW_UP, MAIN, default_files, rename, without_liaison_task
from .deploying import deploy_files


def test_added_removed_and_changed_elements_are_listed_with_what_changed(
    walk: Walk, checks: FormCheckFactory, source: FormSource,
) -> None:
    v1 = walk.instance(walk.file().tracking_code).definition_id
    files = without_liaison_task(rename(default_files(), "verifikasi", "Verifikasi (v2)"))
    form = source("verifikasi")
    assert form is not None
    changed_form = FormJson({**form.schema, "title": "Verifikasi v2"}, form.ui)
    v2 = deploy_files(walk, files, checks, source, forms={"verifikasi": changed_form})
    with walk.services.uow() as uow:
        diff = diff_versions(uow.session, v1, v2.id, source)
    by_id = {(c.file, c.element_id): c for c in diff.elements}
    renamed = by_id[(MAIN, "verifikasi")]
    assert (renamed.kind, renamed.type) == ("changed", "userTask")
    assert renamed.details == ['name: "Verifikasi laporan" → "Verifikasi (v2)"']
    assert by_id[(FOLLOW_UP, "tanggapi")].kind == "removed"
    assert by_id[(FOLLOW_UP, "alur_tanggapi_cara_tindak_lanjut")].kind == "removed"
    rerouted = by_id[(FOLLOW_UP, "alur_gabung_tanggapi_tanggapi")]
    assert rerouted.details == ['targetRef: "tanggapi" → "cara_tindak_lanjut"']
    assert (diff.from_version, diff.to_version) == (1, 2)
    assert diff.forms == [("tindak_lanjut", "removed"), ("verifikasi", "changed")]


def test_a_new_element_and_a_changed_timer() -> None:
    old = default_files()
    new = {**old, MAIN: old[MAIN].replace(
        "add_working_days(verification_due, -1)", "add_working_days(verification_due, -2)")
        .replace('<bpmn:endEvent id="selesai" name="Laporan selesai">',
                 '<bpmn:task id="baru" name="Langkah baru" />\n'
                 '    <bpmn:endEvent id="selesai" name="Laporan selesai">')}
    changes = {c.element_id: c for c in diff_files(old, new)}
    assert changes["baru"].kind == "added" and changes["baru"].name == "Langkah baru"
    assert changes["pengingat_verifikasi"].details == [
        'timerEventDefinition: "timeDate: add_working_days(verification_due, -1)" → '
        '"timeDate: add_working_days(verification_due, -2)"']
    assert set(changes) == {"baru", "pengingat_verifikasi"}


def _verification_with(extension: str) -> dict[str, str]:
    """The default bundle with ``extension`` added to the verification task's extensions."""
    old = default_files()
    marker = '<spiffworkflow:property name="dueDate" value="verification_due" />'
    assert old[MAIN].count(marker) == 1
    return {**old, MAIN: old[MAIN].replace(
        marker + "\n        </spiffworkflow:properties>",
        marker + "\n        </spiffworkflow:properties>\n" + extension)}


def test_a_script_added_beside_a_tasks_form_properties_is_shown_in_full() -> None:
    # The approval bypass found in exploratory testing: the diff listed only a task's
    # properties, so a postScript forcing every verification to "archive" read "0 changes".
    old = default_files()
    new = _verification_with(
        '        <spiffworkflow:postScript>decision = "archive"\n'
        'reason = "Tidak relevan"</spiffworkflow:postScript>')
    changes = diff_files(old, new)
    assert [(c.element_id, c.kind) for c in changes] == [("verifikasi", "changed")]
    [detail] = changes[0].details
    assert detail.startswith("extensionElements:\n")
    assert '+ postScript:\n+   decision = "archive"\n+   reason = "Tidak relevan"' in detail
    assert all(line.startswith(("extensionElements:", "  ", "+ ")) for line in
               detail.splitlines()), detail  # nothing was removed, nothing left out before


def test_a_changed_instruction_is_shown_whole_not_cut_where_it_changed() -> None:
    old = default_files()
    tail = "atau arsipkan dengan alasan."
    new = {**old, MAIN: old[MAIN].replace(tail, "atau arsipkan tanpa alasan.")}
    [change] = diff_files(old, new)
    [detail] = change.details
    assert "- instructionsForEndUser: Periksa apakah laporan jelas" in detail
    assert detail.count(tail) == 1 and "atau arsipkan tanpa alasan." in detail
    assert "…" not in detail.replace("\n…\n", "")  # only as the gap between hunks


def test_every_changed_line_of_a_script_is_shown_with_its_neighbours() -> None:
    old = default_files()
    assert 'set_status("diterima")' in old[MAIN]
    new = {**old, MAIN: old[MAIN].replace(
        'set_status("diterima")\nnational', 'set_status("selesai")\nnational')}
    [change] = diff_files(old, new)
    assert change.element_id == "terima"
    lines = change.details[0].splitlines()
    assert lines[0] == "script:"
    assert '- set_status("diterima")' in lines and '+ set_status("selesai")' in lines
    assert '  national = channel == "nasional"' in lines


def test_an_id_given_twice_does_not_hide_either_element() -> None:
    old = default_files()
    new = {**old, MAIN: old[MAIN].replace(
        '<bpmn:endEvent id="selesai" name="Laporan selesai">',
        '<bpmn:scriptTask id="terima" name="Catat penerimaan"><bpmn:script>x = 1</bpmn:script>'
        '</bpmn:scriptTask>\n    <bpmn:endEvent id="selesai" name="Laporan selesai">')}
    changes = diff_files(old, new)
    assert [(c.element_id, c.kind, c.type) for c in changes] == [
        ("terima′", "added", "scriptTask")]


def test_an_extension_attribute_and_a_change_outside_every_element_are_shown() -> None:
    old = default_files()
    with_attribute = {**old, MAIN: old[MAIN].replace(
        '<bpmn:scriptTask id="terima"', '<bpmn:scriptTask spiffworkflow:extra="1" id="terima"')}
    [change] = diff_files(old, with_attribute)
    assert change.details == ['spiffworkflow:extra: — → "1"']
    root_id = re.search(r'<bpmn:definitions [^>]*id="([^"]+)"', old[MAIN])
    assert root_id is not None
    no_ids = {**old, MAIN: old[MAIN].replace(f' id="{root_id.group(1)}"', "", 1)}
    outside = {**old, MAIN: no_ids[MAIN].replace(
        "<bpmn:process ", "<bpmn:documentation>baru</bpmn:documentation>\n  <bpmn:process ", 1)}
    [change] = diff_files(no_ids, outside)
    assert (change.element_id, change.kind) == ("definitions", "changed")
    assert "+   documentation: baru" in change.details[0]


def test_layout_alone_is_no_change() -> None:
    old = default_files()
    moved = {**old, MAIN: re.sub(r'(<dc:Bounds x=")(\d+)', lambda m: m.group(1) + str(
        int(m.group(2)) + 10), old[MAIN], count=3)}
    assert moved != old and diff_files(old, moved) == []
