"""SMS text: GSM-7 where possible, counted in septets or UTF-16 units, split without damage."""

from __future__ import annotations

import pytest

from engine.channels.phone import to_local, to_msisdn
from engine.channels.sms_text import is_gsm, length, prepare, shorten, split, to_gsm

FOLLOW_UP = (
    "Terima kasih atas laporan Bapak/Ibu. Dinas Kesehatan telah menambah dua dokter jaga di "
    "Puskesmas Tebing Tinggi mulai Senin, 9 Maret 2026; loket pendaftaran kini dibuka pukul "
    "07.00 WIB dan antrean dapat diambil melalui nomor WhatsApp puskesmas. Bila masih ada "
    "kendala, silakan sampaikan kembali melalui LAPOR!"
)


def test_typography_is_replaced_so_indonesian_text_stays_gsm() -> None:
    text = "Jalan “Lintas” rusak – mohon diperbaiki… ‘segera’"
    assert not is_gsm(text)
    assert to_gsm(text) == 'Jalan "Lintas" rusak - mohon diperbaiki... \'segera\''
    assert is_gsm(to_gsm(text))


def test_a_short_message_is_one_part() -> None:
    sms = prepare("LAPOR! Empat Lawang: laporan EL-7KQ39XPA sudah diterima.", 4)
    assert sms.encoding == "GSM-7" and sms.parts == [sms.text]


def test_exactly_160_septets_is_one_part_161_is_two_of_153() -> None:
    assert len(split("a" * 160)) == 1
    parts = split("a" * 161)
    assert [len(p) for p in parts] == [153, 8]


def test_extension_characters_count_twice_and_are_never_cut() -> None:
    assert length("harga 5€ [promo]") == len("harga 5€ [promo]") + 3
    text = "a" * 152 + "€" + "b" * 10
    parts = split(text)
    assert parts[0] == "a" * 152  # the euro sign (two septets) would not fit in 153
    assert parts[1].startswith("€")
    assert "".join(parts) == text


def test_a_long_indonesian_follow_up_splits_into_concatenated_parts() -> None:
    sms = prepare(FOLLOW_UP, 4)
    assert sms.encoding == "GSM-7"
    assert len(sms.parts) == 3
    assert all(length(p) <= 153 for p in sms.parts)
    assert "".join(sms.parts) == sms.text == FOLLOW_UP


def test_one_emoji_makes_it_ucs2_and_surrogate_pairs_stay_whole() -> None:
    text = "Terima kasih 🙏 " + "x" * 60
    assert not is_gsm(text)
    assert length(text) == len(text) + 1  # the emoji is two UTF-16 code units
    parts = split("y" * 66 + "🙏" + "z" * 10)
    assert parts[0] == "y" * 66 and parts[1].startswith("🙏")
    assert prepare(text, 4).encoding == "UCS-2"


def test_too_long_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = " ".join(["perbaikan"] * 200)
    cut = shorten(text, 2)
    assert cut.endswith("perbaikan...")
    assert len(split(cut)) == 2
    assert prepare(text, 2).text == cut


def test_lines_are_joined_and_spaces_trimmed() -> None:
    assert prepare("  Baris satu\n\n  baris dua  \n", 4).text == "Baris satu baris dua"


@pytest.mark.parametrize(("raw", "msisdn"), [
    ("081234567890", "+6281234567890"),
    ("6281234567890", "+6281234567890"),
    ("+62 812-3456-7890", "+6281234567890"),
    ("0711 123456", None),
    ("", None),
    (None, None),
])
def test_mobile_numbers_in_one_shape(raw: str | None, msisdn: str | None) -> None:
    assert to_msisdn(raw) == msisdn
    if msisdn:
        assert to_local(msisdn) == "081234567890"
