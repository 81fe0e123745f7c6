"""The regency on the map: its bounding box (setting ``region_bounds``) and the check that a
pinned point lies inside it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.errors import FormInvalidError
from engine.messages import N_, Message
from engine.settings import Settings


@dataclass(frozen=True)
class Bounds:
    """A box of WGS84 degrees."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        """True when the point lies inside the box (edges included)."""
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.south + self.north) / 2, (self.west + self.east) / 2


def region_bounds(settings: Settings) -> Bounds:
    """The regency's box from the settings (south,west,north,east)."""
    south, west, north, east = (float(part) for part in settings.region_bounds.split(","))
    return Bounds(south, west, north, east)


def check_point(latitude: float | None, longitude: float | None, settings: Settings) -> None:
    """Refuse half a point, a non-number, or a point outside the regency (FormInvalidError)."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise FormInvalidError({missing: Message(N_("Isi lintang dan bujur bersama-sama."))})
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
               for v in (latitude, longitude)):
        raise FormInvalidError({"latitude": Message(N_("Lintang dan bujur harus berupa angka."))})
    box = region_bounds(settings)
    if not box.contains(latitude, longitude):
        raise FormInvalidError({"latitude": Message(
            N_("Titik %(lat)s, %(lng)s berada di luar wilayah kabupaten (lintang %(south)s "
               "s.d. %(north)s, bujur %(west)s s.d. %(east)s)."),
            lat=latitude, lng=longitude, south=box.south, north=box.north, west=box.west,
            east=box.east)})
