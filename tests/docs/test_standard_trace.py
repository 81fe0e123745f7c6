"""docs/standar.md traces the service standard to what implements it: the tests, settings, forms
and diagram elements it names exist, so the page cannot silently go stale."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "standar.md").read_text(encoding="utf-8")
TICKED = re.findall(r"`([^`]+)`", PAGE)
DIAGRAMS = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "processes").glob("*.bpmn"))
ELEMENT_IDS = set(re.findall(r'\bid="([^"]+)"', DIAGRAMS))


def test_every_named_test_exists() -> None:
    missing = []
    for ref in (t for t in TICKED if t.startswith("tests/")):
        path, _, name = ref.partition("::")
        file = ROOT / path
        if not file.exists() or (name and f"def {name}(" not in file.read_text("utf-8")):
            missing.append(ref)
    assert missing == []


def test_every_named_setting_exists() -> None:
    known = {f"ALUR_{f.name.upper()}" for f in fields(Settings)}
    named = {m for t in TICKED for m in re.findall(r"ALUR_[A-Z_]+", t)}
    assert named and named <= known, named - known


def test_every_named_form_exists() -> None:
    forms = {t for t in TICKED if re.fullmatch(r"[a-z_]+\.json", t)}
    assert forms and all((ROOT / "forms" / "schemas" / f).exists() for f in forms), forms


def test_every_named_diagram_element_exists() -> None:
    # Element ids are the ticked snake_case words the page puts in its diagram sentences.
    named = {t for t in TICKED if re.fullmatch(r"[a-z]+(_[a-z]+)+|[a-z]+", t)}
    claimed = {"mulai", "terima", "verifikasi", "keputusan_verifikasi", "saran_opd",
               "minta_klarifikasi", "tunggu_klarifikasi", "arsip_tidak_dilengkapi", "alihkan",
               "akhir_dialihkan", "arsipkan", "disposisi", "tindak_lanjut", "tanggapi",
               "susun_tanggapan", "periksa_tanggapan", "pengingat_verifikasi",
               "verifikasi_terlambat", "pengingat_tindak_lanjut", "tindak_lanjut_terlambat",
               "koordinasi_penghubung", "catat_tindak_lanjut", "tunggu_balasan",
               "batas_penutupan", "tutup", "selesai", "balasan_masuk", "buka_kembali",
               "lanjut_verifikasi", "bagi_pimpinan", "pemberitahuan_penanggung_jawab",
               "pemberitahuan_pengarah"}
    assert claimed <= named, claimed - named
    assert claimed <= ELEMENT_IDS, claimed - ELEMENT_IDS
