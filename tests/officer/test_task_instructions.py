"""A task's name and instructions from the diagram, in the reader's language: Indonesian, or
English where the diagram or the catalogue has them (else the Indonesian ones)."""

from __future__ import annotations

import pytest
from flask import Flask
from lxml import etree

from engine.complaints.projection import INSTRUCTIONS, INSTRUCTIONS_EN
from engine.complaints.tables import HumanTask
from engine.modeler.references import NS
from tests.modeler.bundles import default_files
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of
from webui.labels import task_instructions, task_title

SHIPPED = default_files()


def test_the_verification_page_speaks_the_readers_language(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    url = f"/petugas/tugas/{walk.task(code, 'verifikasi').id}"
    indonesian = text_of(pages.get(url))
    english = text_of(pages.get(url + "?lang=en"))
    assert "Periksa apakah laporan jelas dan lengkap" in indonesian
    assert "Check that the report is clear and complete" not in indonesian
    assert "Check that the report is clear and complete" in english
    assert "Periksa apakah laporan jelas dan lengkap" not in english


def test_a_task_made_after_a_restored_step_keeps_both_languages(walk: Walk) -> None:
    # The liaison's task comes from the OPD's called process, after the verification's step
    # restored the saved workflow and ran it on.
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    task = walk.task(code, "tanggapi")
    assert task.instructions.startswith("Tindak lanjuti laporan yang didisposisikan")
    assert task.instructions_en.startswith("Follow up the report assigned to your OPD")


@pytest.mark.parametrize(("lang", "english", "shown"), [
    ("en", "Check the report.", "Check the report."),
    ("en", "", "Periksa laporan."),  # a diagram without English words: the Indonesian ones
    ("id", "Check the report.", "Periksa laporan."),
])
def test_english_instructions_only_for_english_readers_and_only_when_written(
        app: Flask, lang: str, english: str, shown: str) -> None:
    task = HumanTask(instructions="Periksa laporan.", instructions_en=english)
    with app.test_request_context(f"/?lang={lang}"):
        assert task_instructions(task) == shown


@pytest.mark.parametrize("diagram", sorted(n for n in SHIPPED if n.endswith(".bpmn")))
def test_every_shipped_user_task_has_instructions_in_both_languages(diagram: str) -> None:
    tasks = etree.fromstring(SHIPPED[diagram].encode()).iterfind(".//bpmn:userTask", NS)
    for task in tasks:
        found = {name: task.findtext(f".//spiffworkflow:{name}", namespaces=NS) or ""
                 for name in (INSTRUCTIONS, INSTRUCTIONS_EN)}
        assert all(text.strip() for text in found.values()), (diagram, task.get("id"))


def test_a_renamed_task_shows_its_new_name_and_a_shipped_name_is_translated(
        app: Flask) -> None:
    with app.test_request_context("/"):
        assert task_title("verifikasi", "Verifikasi laporan masuk") == "Verifikasi laporan masuk"
        assert task_title("verifikasi", "Verifikasi laporan") == "Verifikasi laporan"
    with app.test_request_context("/?lang=en"):
        assert task_title("verifikasi", "Verifikasi laporan") == "Verify the report"
        notice = task_title("pemberitahuan_pengarah", "Pemberitahuan: eskalasi dari Anggota")
        assert notice == "Notice: escalated by a team member"
        # renamed by an analyst: the new name, though the catalogue knows the task's old one
        assert task_title("verifikasi", "Verifikasi laporan masuk") == "Verifikasi laporan masuk"
