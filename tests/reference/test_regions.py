"""Reading a kecamatan or desa from its code or its name, with close names for unknown ones."""

from __future__ import annotations

import csv

import pytest

from engine.errors import FormInvalidError
from engine.reference.regions import (
    Place,
    RegionEntry,
    RegionIndex,
    list_regions,
    name_key,
    set_centre,
)
from engine.reference.seed import SEED_DIR
from webui.wiring import Services


def _seed_index() -> RegionIndex:
    with (SEED_DIR / "wilayah-empat-lawang.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["level"] != "kabupaten"]
    return RegionIndex([RegionEntry(r["kode"], r["nama"], r["level"],
                                    r["kode"].rsplit(".", 1)[0]) for r in rows])


INDEX = _seed_index()


@pytest.mark.parametrize("written", [
    "16.11.04", "1611.04", "161104", "Tebing Tinggi", "tebing tinggi", "  TEBING   TINGGI ",
    "Kec. Tebing Tinggi", "Kec.Tebing Tinggi", "kecamatan tebing tinggi", "TebingTinggi",
])
def test_a_kecamatan_by_code_or_name(written: str) -> None:
    assert INDEX.read(written, None).kecamatan == "16.11.04"


def test_names_and_levels_do_not_mix() -> None:
    # Pendopo is a kecamatan and a kelurahan (in Kecamatan Pendopo): each where it belongs.
    assert INDEX.read("Pendopo", "Kel. Pendopo").desa == "16.11.02.1030"
    assert INDEX.read("Pendopo Barat", None).kecamatan == "16.11.10"


def test_a_desa_alone_gives_its_kecamatan() -> None:
    place = INDEX.read(None, "desa niur")
    assert (place.kecamatan, place.desa) == ("16.11.01", "16.11.01.2014")
    assert INDEX.read("", "16.11.01.2014").kecamatan == "16.11.01"


def test_an_unknown_kecamatan_names_the_close_ones() -> None:
    with pytest.raises(FormInvalidError) as caught:
        INDEX.read("Tebing Tingi", None)
    message = caught.value.errors["kecamatan"]
    assert "Tebing Tingi" in message and "Tebing Tinggi" in message
    assert message.template.startswith("Kecamatan tidak dikenal")


def test_a_name_nothing_like_any_lists_every_kecamatan() -> None:
    with pytest.raises(FormInvalidError) as caught:
        INDEX.read("Jakarta Selatan", None)
    message = caught.value.errors["kecamatan"]
    assert "Pilih salah satu" in message
    assert all(name in message for name in ("Muara Pinang", "Saling", "Ulu Musi"))


def test_a_repeated_desa_name_needs_its_kecamatan() -> None:
    with pytest.raises(FormInvalidError) as caught:
        INDEX.read(None, "Talang Padang")
    assert "beberapa desa" in caught.value.errors["desa"]
    assert "Kec." in caught.value.errors["desa"]
    place = INDEX.read("Talang Padang", "Talang Padang")
    assert place.desa is not None and place.desa.startswith("16.11.06.")


def test_a_desa_of_another_kecamatan_is_refused() -> None:
    with pytest.raises(FormInvalidError) as caught:
        INDEX.read("Saling", "Niur")
    assert "tidak berada di Kecamatan Saling" in caught.value.errors["desa"]


def test_a_misspelt_desa_names_the_close_ones() -> None:
    with pytest.raises(FormInvalidError) as caught:
        INDEX.read(None, "Batu Jungol")
    assert "Batu Jungul (Kec. Muara Pinang, 16.11.01.2001)" in caught.value.errors["desa"]


def test_nothing_written_is_no_place() -> None:
    place = INDEX.read("  ", None)
    assert (place.kecamatan, place.desa) == (None, None)


@pytest.mark.parametrize(("written", "key"), [
    ("Kec. Muara  Pinang", "muarapinang"), ("DS. Niur", "niur"),
    ("Kelumpang Jaya", "kelumpangjaya"),
])
def test_name_key(written: str, key: str) -> None:
    assert name_key(written) == key


def test_seeded_regions_are_listed(services: Services) -> None:
    with services.uow() as uow:
        kecamatan = list_regions(uow.session, "kecamatan")
        villages = list_regions(uow.session, "desa", "16.11.02")
    assert len(kecamatan) == 10 and kecamatan[0].code == "16.11.01"
    assert all(v.parent == "16.11.02" and v.level in ("desa", "kelurahan") for v in villages)
    assert "16.11.02.1030" in [v.code for v in villages]


def test_the_admin_sets_and_clears_a_kecamatan_centre(services: Services) -> None:
    from engine.domain import Actor
    from engine.errors import NotFoundError
    from tests.walk import wib

    admin, now = Actor("sysadmin", "sysadmin"), wib("2026-03-02 09:00")
    with services.uow() as uow:
        set_centre(uow.session, "16.11.04", -3.6213, 103.0711, admin, now, services.settings)
        uow.commit()
    with services.uow() as uow:
        centre = list_regions(uow.session, "kecamatan")[3]
        assert (centre.code, centre.latitude, centre.longitude) == ("16.11.04", -3.6213, 103.0711)
        with pytest.raises(FormInvalidError):  # Palembang is not in Empat Lawang
            set_centre(uow.session, "16.11.04", -2.99, 104.75, admin, now, services.settings)
        with pytest.raises(NotFoundError):  # a desa has no centre of its own here
            set_centre(uow.session, "16.11.04.1010", -3.62, 103.07, admin, now, services.settings)
        set_centre(uow.session, "16.11.04", None, None, admin, now, services.settings)
        uow.commit()
    with services.uow() as uow:
        assert list_regions(uow.session, "kecamatan")[3].latitude is None


def test_the_index_is_kept_while_the_regions_stay_and_rebuilt_at_once_when_not(
        services: Services) -> None:
    from sqlalchemy import delete, update

    from engine.reference.tables import Region

    with services.uow() as uow:
        first = RegionIndex.load(uow.session)
        assert RegionIndex.load(uow.session) is first  # the same rows: no rebuilding
        uow.session.execute(update(Region).where(Region.code == "16.11.04")
                            .values(name="Tebing Baru"))
        uow.session.add(Region(code="16.11.04.9999", name="Desa Percobaan", level="desa",
                               parent_code="16.11.04"))
        uow.session.flush()
        changed = RegionIndex.load(uow.session)
        assert changed is not first
        assert changed.read("Tebing Baru", "Percobaan") == Place("16.11.04", "16.11.04.9999")
        with pytest.raises(FormInvalidError):
            changed.read("Tebing Tinggi", None)
        uow.session.execute(update(Region).where(Region.code == "16.11.04")
                            .values(name="Tebing Tinggi"))
        uow.session.execute(delete(Region).where(Region.code == "16.11.04.9999"))
        uow.session.flush()
        back = RegionIndex.load(uow.session)
        assert back.read("Tebing Tinggi", None).kecamatan == "16.11.04"
        assert "16.11.04.9999" not in back.entries
        uow.commit()


@pytest.mark.parametrize(("text", "kecamatan", "desa"), [
    ("Jalan di Desa Niur, Kec. Muara Pinang rusak parah sejak bulan lalu.", "16.11.01",
     "16.11.01.2014"),
    ("Lampu jalan di kecamatan tebing tinggi mati semua", "16.11.04", None),
    ("Jembatan ds. batu jungul putus", "16.11.01", "16.11.01.2001"),
    ("Desa Talang Padang kec talang padang banjir", "16.11.06", None),  # two such desa
    ("Di desa kami jalannya rusak", None, None),  # "kami" is no desa: no place, no refusal
    ("Desa Niur kec. Saling", "16.11.09", None),  # they disagree: the kecamatan stays
])
def test_a_place_named_in_free_text(text: str, kecamatan: str | None, desa: str | None) -> None:
    from engine.reference.regions import place_in_text

    place = place_in_text(INDEX, text)
    assert (place.kecamatan, place.desa) == (kecamatan, desa)


@pytest.mark.parametrize(("kecamatan", "desa"), [(None, None), ("", " "), ("  ", None)])
def test_no_place_written_is_no_place_without_reading_the_regions(
        kecamatan: str | None, desa: str | None) -> None:
    from engine.reference.regions import read_place

    assert INDEX.read(kecamatan, desa) == Place(None, None)
    assert read_place(None, kecamatan, desa) == Place(None, None)  # type: ignore[arg-type]
