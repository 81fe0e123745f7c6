"""The reporter's answer written in an SMS or chat after the tracking code."""

from __future__ import annotations

import pytest

from engine.complaints.answer_words import split_answer
from engine.complaints.effects import reporter_answer


@pytest.mark.parametrize(("text", "expected"), [
    ("SELESAI", ("sudah", "")),
    ("sudah selesai, terima kasih", ("sudah", "terima kasih")),
    ("Selesai. Terima kasih banyak", ("sudah", "Terima kasih banyak")),
    ("BELUM jalan masih berlubang", ("belum", "jalan masih berlubang")),
    ("belum selesai: lampu masih mati", ("belum", "lampu masih mati")),
    ("Sudah saya cek, masih rusak", (None, "Sudah saya cek, masih rusak")),
    ("Terima kasih", (None, "Terima kasih")),
    ("selesainya kapan?", (None, "selesainya kapan?")),
    ("belumlah", (None, "belumlah")),
])
def test_only_the_first_words_answer(text: str, expected: tuple[str | None, str]) -> None:
    assert split_answer(text) == expected


@pytest.mark.parametrize(("message", "expected"), [
    ({"text": "", "answer": "sudah"}, "sudah"),
    ({"text": "Masih rusak", "answer": "belum"}, "belum"),
    ({"text": "Terima kasih", "answer": None}, ""),
    ({"text": "Pesan dari versi lama"}, ""),
    ({"answer": "mungkin"}, ""),
    ("bukan pesan", ""),
])
def test_the_diagram_reads_the_answer_of_a_reply(message: object, expected: str) -> None:
    assert reporter_answer(message) == expected
