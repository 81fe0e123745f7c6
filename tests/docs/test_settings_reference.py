"""The settings table in docs/deploy.md is the one generated from engine/settings.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from engine.settings import settings_reference

ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "settings_reference", ROOT / "scripts" / "settings_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_deploy_guide_has_the_generated_settings_table() -> None:
    generator = _generator()
    document = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert generator.START in document and generator.END in document
    inside = document.split(generator.START, 1)[1].split(generator.END, 1)[0]
    assert inside.strip() == generator.table().strip(), (
        "docs/deploy.md's settings table is stale: run "
        "`.venv/bin/python scripts/settings_reference.py --write`")


def test_every_setting_is_in_the_table_with_a_meaning() -> None:
    table = _generator().table()
    for variable, _default, meaning in settings_reference():
        assert f"`{variable}`" in table
        assert meaning.strip(), f"{variable} has no meaning in engine/settings.py"
