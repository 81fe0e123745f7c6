"""The admin-editable lists of causes and resolutions, and what the forms offer from them."""

from __future__ import annotations

import pytest

from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.reference.code_lists import add_entry, list_entries, rename_entry, set_entry_active
from engine.reference.options import form_options
from tests.walk import wib
from webui.wiring import Services

ADMIN = Actor("sysadmin", "sysadmin")
NOW = wib("2026-03-02 09:00")


def test_seeded_lists(services: Services) -> None:
    with services.uow() as uow:
        causes = [e.code for e in list_entries(uow.session, "causes")]
        resolutions = [e.code for e in list_entries(uow.session, "resolutions")]
    assert "pelayanan_lambat" in causes and "lainnya" in causes
    assert "diperbaiki" in resolutions


def test_add_rename_retire_restore(services: Services) -> None:
    with services.uow() as uow:
        add_entry(uow.session, "causes", " Jalan_Rusak ", "Jalan rusak", ADMIN, NOW)
        uow.commit()
    with services.uow() as uow:
        rename_entry(uow.session, "causes", "jalan_rusak", "Jalan atau jembatan rusak", ADMIN,
                     NOW)
        set_entry_active(uow.session, "causes", "jalan_rusak", False, ADMIN, NOW)
        uow.commit()
    with services.uow() as uow:
        offered = dict(form_options(uow.session)["causes"])
        entry = [e for e in list_entries(uow.session, "causes") if e.code == "jalan_rusak"][0]
    assert "jalan_rusak" not in offered  # retired: no longer offered in the forms
    assert (entry.label, entry.active) == ("Jalan atau jembatan rusak", False)
    with services.uow() as uow:
        set_entry_active(uow.session, "causes", "jalan_rusak", True, ADMIN, NOW)
        uow.commit()
    with services.uow() as uow:
        assert dict(form_options(uow.session)["causes"])["jalan_rusak"] == (
            "Jalan atau jembatan rusak")


@pytest.mark.parametrize(("code", "label", "field"), [
    ("x", "Terlalu pendek", "code"),
    ("ada spasi", "Spasi", "code"),
    ("pelayanan_lambat", "Sudah ada", "code"),
    ("baru", "  ", "label"),
    ("baru", "x" * 201, "label"),
])
def test_invalid_entries(services: Services, code: str, label: str, field: str) -> None:
    with services.uow() as uow, pytest.raises(FormInvalidError) as caught:
        add_entry(uow.session, "causes", code, label, ADMIN, NOW)
    assert field in caught.value.errors


def test_unknown_list_or_entry(services: Services) -> None:
    with services.uow() as uow:
        with pytest.raises(NotFoundError):
            list_entries(uow.session, "categories")
        with pytest.raises(NotFoundError):
            rename_entry(uow.session, "resolutions", "tidak_ada", "X", ADMIN, NOW)
