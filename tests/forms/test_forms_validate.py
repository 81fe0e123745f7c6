"""Validation gives one plain message per field, in Indonesian or English."""

from __future__ import annotations

from typing import Any

import pytest

from forms import FORM_ERROR_KEY, load_form, validate

COMPLAINT: dict[str, Any] = {
    "title": "Lampu jalan mati",
    "description": "Lampu jalan di depan pasar mati sejak seminggu.",
    "name": "Siti",
    "phone": "081234567890",
}
VALID: dict[str, dict[str, Any]] = {
    "verifikasi": {"decision": "forward", "jenis": "pengaduan", "opd": "dinkes"},
    "tindak_lanjut": {"outcome": "answered", "response": "Sudah kami perbaiki hari ini."},
    "tanggapan_unit": {"draft": "Lampu sudah diganti."},
    "periksa_tanggapan": {"check": "post", "response": "Lampu sudah diganti."},
    "koordinasi": {
        "summary": "Ditelepon.",
        "contacted_at": "2026-03-17",
        "next_step": "dibantu_tim",
    },
    "pemberitahuan": {"acknowledged": True},
    "pengaduan_publik": COMPLAINT,
    "klarifikasi_pelapor": {"text": "Di Jalan Merdeka."},
    "balasan": {"text": "Terima kasih."},
}


@pytest.mark.parametrize("key", sorted(VALID))
def test_valid_data_has_no_errors(key: str, options: dict[str, Any]) -> None:
    assert validate(load_form(key), VALID[key], options) == {}


CASES: list[tuple[str, Any, dict[str, str]]] = [
    ("verifikasi", {}, {"decision": "Wajib diisi.", "jenis": "Wajib diisi."}),
    ("verifikasi", {"decision": "forward", "jenis": "aspirasi"}, {"opd": "Wajib diisi."}),
    (
        "verifikasi",
        {"decision": "forward", "jenis": "aspirasi", "opd": ""},
        {"opd": "Wajib diisi."},
    ),
    ("verifikasi", {"decision": "archive", "jenis": "aspirasi"}, {"reason": "Wajib diisi."}),
    ("verifikasi", {"decision": "clarify", "jenis": "aspirasi"}, {"reason": "Wajib diisi."}),
    (
        "verifikasi",
        {"decision": "clarify", "jenis": "aspirasi", "reason": ""},
        {"reason": "Wajib diisi."},
    ),
    # A return to the national coordinator says why (duty e.5: "untuk diteruskan kembali").
    ("verifikasi", {"decision": "redirect_national", "jenis": "aspirasi"},
     {"reason": "Wajib diisi."}),
    ("verifikasi", {"decision": "redirect_national", "jenis": "aspirasi",
                    "reason": "Kewenangan provinsi."}, {}),
    (
        "verifikasi",
        {"decision": "tolak", "jenis": "aspirasi"},
        {"decision": "Pilihan tidak dikenal."},
    ),
    (
        "verifikasi",
        {**VALID["verifikasi"], "opd": "dinas_fiktif"},
        {"opd": "Pilihan tidak dikenal."},
    ),
    ("verifikasi", {**VALID["verifikasi"], "cause": "sihir"}, {"cause": "Pilihan tidak dikenal."}),
    (
        "verifikasi",
        {**VALID["verifikasi"], "anonim": "ya"},
        {"anonim": "Harus berupa ya atau tidak."},
    ),
    (
        "verifikasi",
        {**VALID["verifikasi"], "note": "x" * 2001},
        {"note": "Terlalu panjang (maksimal 2000 karakter)."},
    ),
    (
        "verifikasi",
        {**VALID["verifikasi"], "status": "selesai"},
        {"status": "Isian tidak dikenal."},
    ),
    ("tindak_lanjut", {"outcome": "answered"}, {"response": "Wajib diisi."}),
    (
        "tindak_lanjut",
        {"outcome": "answered", "response": "Oke"},
        {"response": "Terlalu pendek (minimal 10 karakter)."},
    ),
    ("tindak_lanjut", {"outcome": "to_unit"}, {}),
    ("tindak_lanjut", {"outcome": "not_our_authority"}, {"note": "Wajib diisi."}),
    (
        "tindak_lanjut",
        {"outcome": "answered", "response": "Sudah beres semua.", "resolution": "x"},
        {"resolution": "Pilihan tidak dikenal."},
    ),
    ("tanggapan_unit", {"draft": "pendek"}, {"draft": "Terlalu pendek (minimal 10 karakter)."}),
    (
        "periksa_tanggapan",
        {"check": "send_back", "response": "Lampu sudah diganti."},
        {"note": "Wajib diisi."},
    ),
    ("periksa_tanggapan", {"check": "post"}, {"response": "Wajib diisi."}),
    (
        "koordinasi",
        {"summary": "Ditelepon.", "next_step": "menunggu_opd", "contacted_at": "17/03/2026"},
        {"contacted_at": "Tanggal tidak valid (gunakan format TTTT-BB-HH)."},
    ),
    ("pemberitahuan", {"acknowledged": False}, {"acknowledged": "Wajib dicentang."}),
    ("pemberitahuan", {}, {"acknowledged": "Wajib diisi."}),
    (
        "pengaduan_publik",
        {**COMPLAINT, "title": "x" * 151},
        {"title": "Terlalu panjang (maksimal 150 karakter)."},
    ),
    (
        "pengaduan_publik",
        {**COMPLAINT, "email": "siti.example.com"},
        {"email": "Format email tidak valid."},
    ),
    (
        "pengaduan_publik",
        {**COMPLAINT, "email": "siti@example"},
        {"email": "Format email tidak valid."},
    ),
    ("pengaduan_publik", {**COMPLAINT, "nik": "12345"}, {"nik": "NIK harus 16 digit angka."}),
    (
        "pengaduan_publik",
        {**COMPLAINT, "nik": "16710a0101010001"},
        {"nik": "NIK harus 16 digit angka."},
    ),
    (
        "pengaduan_publik",
        {**COMPLAINT, "kecamatan": "Atlantis"},
        {"kecamatan": "Pilihan tidak dikenal."},
    ),
    (
        "pengaduan_publik",
        {**COMPLAINT, "description": "Terlalu singkat"},
        {"description": "Terlalu pendek (minimal 20 karakter)."},
    ),
    (
        "pengaduan_publik",
        {"title": "Judul", "description": COMPLAINT["description"]},
        {"name": "Wajib diisi.", "phone": "Wajib diisi."},
    ),
    (
        "pengaduan_publik",
        {"title": "Judul", "description": COMPLAINT["description"], "anonim": False},
        {"name": "Wajib diisi.", "phone": "Wajib diisi."},
    ),
    (
        "pengaduan_publik",
        {"title": "Judul", "description": COMPLAINT["description"], "anonim": True},
        {},
    ),
    (
        "pengaduan_publik",
        {**COMPLAINT, "attachments": ["a.jpg"] * 6},
        {"attachments": "Terlalu banyak (maksimal 5)."},
    ),
    ("klarifikasi_pelapor", {"text": "ya"}, {"text": "Terlalu pendek (minimal 5 karakter)."}),
    ("balasan", {"text": "x" * 3001}, {"text": "Terlalu panjang (maksimal 3000 karakter)."}),
    ("balasan", ["bukan", "objek"], {FORM_ERROR_KEY: "Isian tidak sesuai jenisnya."}),
]


@pytest.mark.parametrize(("key", "data", "expected"), CASES)
def test_invalid_data_gets_one_message_per_field(
    key: str, data: Any, expected: dict[str, str], options: dict[str, Any]
) -> None:
    assert validate(load_form(key), data, options) == expected


PHONES_OK = ["081234567890", "08123456789", "+6281234567890", "6281234567890", "0812345678"]
PHONES_BAD = ["12345", "0212345678", "08-1234-5678", "0812 3456 7890", "+6212345678",
              "08123456789012345", "08123456"]  # fmt: skip


@pytest.mark.parametrize("phone", PHONES_OK)
def test_indonesian_mobile_numbers_are_accepted(phone: str) -> None:
    assert validate(load_form("pengaduan_publik"), {**COMPLAINT, "phone": phone}) == {}


@pytest.mark.parametrize("phone", PHONES_BAD)
def test_other_phone_numbers_are_rejected(phone: str) -> None:
    errors = validate(load_form("pengaduan_publik"), {**COMPLAINT, "phone": phone})
    assert set(errors) == {"phone"}
    assert errors["phone"].startswith("Nomor telepon tidak valid")


ENGLISH: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    (
        "verifikasi",
        {"decision": "forward", "jenis": "aspirasi"},
        {"opd": "This field is required."},
    ),
    ("verifikasi", {**VALID["verifikasi"], "opd": "dinas_fiktif"}, {"opd": "Unknown choice."}),
    ("verifikasi", {**VALID["verifikasi"], "extra": 1}, {"extra": "Unknown field."}),
    (
        "pengaduan_publik",
        {**COMPLAINT, "title": "x" * 151},
        {"title": "Too long (at most 150 characters)."},
    ),
    ("pengaduan_publik", {**COMPLAINT, "email": "nope"}, {"email": "Invalid email address."}),
    ("pengaduan_publik", {**COMPLAINT, "nik": "1"}, {"nik": "The NIK must be 16 digits."}),
    (
        "pengaduan_publik",
        {**COMPLAINT, "phone": "1"},
        {"phone": "Invalid phone number (for example 081234567890 or +6281234567890)."},
    ),
    ("pemberitahuan", {"acknowledged": False}, {"acknowledged": "Please tick this box."}),
    (
        "tindak_lanjut",
        {"outcome": "answered", "response": "Oke"},
        {"response": "Too short (at least 10 characters)."},
    ),
]


@pytest.mark.parametrize(("key", "data", "expected"), ENGLISH)
def test_messages_in_english(
    key: str, data: dict[str, Any], expected: dict[str, str], options: dict[str, Any]
) -> None:
    assert validate(load_form(key), data, options, lang="en") == expected


@pytest.mark.parametrize("lang", ["en", "en-US", "en_GB", "EN"])
def test_english_language_tags_are_understood(lang: str) -> None:
    errors = validate(load_form("balasan"), {}, lang=lang)
    assert errors == {"text": "This field is required."}


@pytest.mark.parametrize("lang", ["id", "id-ID", "jv", ""])
def test_other_languages_fall_back_to_indonesian(lang: str) -> None:
    assert validate(load_form("balasan"), {}, lang=lang) == {"text": "Wajib diisi."}


def test_option_lists_not_given_are_not_checked() -> None:
    data = {**VALID["verifikasi"], "opd": "dinas_fiktif"}
    assert validate(load_form("verifikasi"), data) == {}
    assert validate(load_form("verifikasi"), data, {"categories": ["Kesehatan"]}) == {}


@pytest.mark.parametrize(
    "shape",
    [
        [("dinkes", "Dinas Kesehatan")],
        [["dinkes", "Dinas Kesehatan"]],
        {"dinkes": "Dinas Kesehatan"},
    ],
)
def test_options_accept_pairs_and_mappings_and_check_values_not_labels(shape: Any) -> None:
    form = load_form("verifikasi")
    assert validate(form, VALID["verifikasi"], {"opds": shape}) == {}
    label = {**VALID["verifikasi"], "opd": "Dinas Kesehatan"}
    assert validate(form, label, {"opds": shape}) == {"opd": "Pilihan tidak dikenal."}


def test_options_accept_plain_values() -> None:
    assert validate(load_form("verifikasi"), VALID["verifikasi"], {"opds": ["dinkes"]}) == {}


def test_errors_come_in_display_order() -> None:
    errors = validate(load_form("pengaduan_publik"), {"zzz": 1, "nik": "1"})
    assert list(errors) == ["title", "description", "name", "phone", "nik", "zzz"]


def test_the_most_useful_message_wins_for_a_field() -> None:
    data = {**VALID["verifikasi"], "opd": "x" * 200}
    errors = validate(load_form("verifikasi"), data, {"opds": ["dinkes"]})
    assert list(errors) == ["opd"]
