"""Complaints per kecamatan and per desa for the managers' dashboard."""

from __future__ import annotations

from datetime import timedelta

from engine.monitor.places import counts_by_place
from tests.walk import VERIFY_FORWARD, Walk


def _figures(walk: Walk, kecamatan: str | None = None) -> dict[str | None, tuple[int, int, int]]:
    with walk.services.uow() as uow:
        rows = counts_by_place(uow.session, walk.clock() + timedelta(days=30), kecamatan)
    return {r.code: (r.received, r.open, r.overdue) for r in rows if r.received}


def test_counts_per_kecamatan_with_the_overdue_ones(walk: Walk) -> None:
    walk.file(kecamatan="16.11.04", desa="16.11.04.1010")
    walk.file(kecamatan="Tebing Tinggi")
    late = walk.file(kecamatan="16.11.09").tracking_code
    walk.complete(late, "verifikasi", VERIFY_FORWARD)
    walk.file()
    figures = _figures(walk)
    # A month on, every open stage is past its deadline.
    assert figures == {"16.11.04": (2, 2, 2), "16.11.09": (1, 1, 1), None: (1, 1, 1)}
    with walk.services.uow() as uow:
        every = counts_by_place(uow.session, walk.clock())
    assert [r.code for r in every][:10] == [f"16.11.{n:02d}" for n in range(1, 11)]
    assert every[-1].code is None and every[-1].overdue == 0  # nothing late yet today


def test_counts_per_desa_inside_one_kecamatan(walk: Walk) -> None:
    walk.file(kecamatan="16.11.04", desa="Kupang")
    walk.file(kecamatan="16.11.04")
    assert _figures(walk, "16.11.04") == {"16.11.04.1010": (1, 1, 1), None: (1, 1, 1)}
