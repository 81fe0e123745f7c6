"""Indonesian text read as Indonesian: SMS spellings, stop words, Sastrawi stems, places."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.suggest.places import Place, PlaceIndex
from engine.suggest.text import dictionary_words, normalized, tokens, words

ROOT = Path(__file__).resolve().parents[2]


def places() -> PlaceIndex:
    with (ROOT / "engine/reference/data/wilayah-empat-lawang.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] != "kabupaten"]
    return PlaceIndex((Place(r["kode"], r["nama"], r["level"], r["kode"].rsplit(".", 1)[0])
                       for r in rows), common=dictionary_words())


def test_sms_spellings_are_written_out() -> None:
    assert words("jln yg rusak tdk diperbaiki sdh 2 bln") == [
        "jalan", "yang", "rusak", "tidak", "diperbaiki", "sudah", "2", "bulan"]


def test_stems_drop_affixes_and_stop_words_keep_negation() -> None:
    assert tokens("Jalannya berlubang dan tidak diperbaiki") == [
        "jalan", "lubang", "tidak", "baik"]
    # The same complaint in SMS shorthand reads the same.
    assert normalized("jln nya berlubang dan tdk diperbaiki") == normalized(
        "Jalan berlubang dan tidak diperbaiki")


def test_repeated_letters_and_reduplication_with_two() -> None:
    assert words("rusakkkk jalan2") == ["rusak", "jalan"]


def test_places_are_found_and_taken_out_of_the_words() -> None:
    found = places().find(words("Lampu jalan mati di Desa Pendopo sejak seminggu"))
    assert len(found.villages) == 1
    assert "pendopo" not in found.rest and "lampu" in found.rest


def test_a_misspelt_village_after_desa_is_still_that_village() -> None:
    index = places()
    right = index.find(words("jalan rusak di desa Padang Tepong"))
    typo = index.find(words("jalan rusak di desa Padang Tepon"))
    assert right.villages and typo.villages == right.villages


def test_a_village_named_like_a_word_needs_desa_before_it() -> None:
    index = places()
    assert not index.find(words("irigasi sawah kering")).villages
    assert index.find(words("irigasi di Desa Sawah kering")).villages


def test_kecamatan_named_gives_the_district() -> None:
    found = places().find(words("lampu jalan mati di Desa Muara Pinang"))
    assert "16.11.01" in found.districts
