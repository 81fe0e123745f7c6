"""Fixtures for the forms tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def options() -> dict[str, object]:
    """Option lists in every accepted shape: pairs, plain values, a mapping."""
    return {
        "opds": [("dinkes", "Dinas Kesehatan"), ("dishub", "Dinas Perhubungan")],
        "categories": ["Infrastruktur", "Kesehatan", "Pendidikan"],
        "causes": {"sarana": "Sarana rusak", "layanan": "Layanan lambat"},
        "resolutions": [("dijawab", "Dijawab"), ("diperbaiki", "Diperbaiki")],
        "kecamatan": ["Tebing Tinggi", "Pendopo", "Muara Pinang"],
    }
