"""The difference between two versions, element by element."""

from __future__ import annotations

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
        'timerEventDefinition: "timeDate:add_working_days(verification_due, -1)" → '
        '"timeDate:add_working_days(verification_due, -2)"']
    assert set(changes) == {"baru", "pengingat_verifikasi"}
