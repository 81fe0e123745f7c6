"""What every map on the pages needs: the tile server, its credit line and the regency's box
(settings ``map_tiles_url``, ``map_tiles_attribution``, ``region_bounds``)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engine.reference.bounds import region_bounds
from webui.wiring import services


def map_config() -> dict[str, Any]:
    """The data-* attributes of a map element."""
    settings = services().settings
    box = region_bounds(settings)
    return {"data-tiles": settings.map_tiles_url,
            "data-attribution": settings.map_tiles_attribution,
            "data-bounds": f"{box.south},{box.west},{box.north},{box.east}"}


def init_app(app: Flask) -> None:
    """Make ``map_config`` a template global."""
    app.jinja_env.globals["map_config"] = map_config
