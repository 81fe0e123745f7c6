"""The guides exist for every role in both languages and their links and screenshots resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAIRS = {  # Indonesian guide -> English guide
    "warga.md": "citizen.md",
    "front-office.md": "front-office.md",
    "tim-admin.md": "tim-admin.md",
    "pejabat-penghubung.md": "liaison-officer.md",
    "tim-pengelola.md": "management.md",
    "analis.md": "analyst.md",
    "sysadmin.md": "sysadmin.md",
}
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
GUIDES = sorted([*(DOCS / "panduan").glob("*.md"), *(DOCS / "guide").glob("*.md"),
                 DOCS / "README.md", DOCS / "deploy.md", DOCS / "standar.md"])


@pytest.mark.parametrize(("indonesian", "english"), sorted(PAIRS.items()))
def test_every_role_has_a_guide_in_both_languages(indonesian: str, english: str) -> None:
    id_text = (DOCS / "panduan" / indonesian).read_text(encoding="utf-8")
    en_text = (DOCS / "guide" / english).read_text(encoding="utf-8")
    assert f"../guide/{english}" in id_text
    assert f"../panduan/{indonesian}" in en_text
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    assert f"panduan/{indonesian}" in index and f"guide/{english}" in index


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: str(p.relative_to(DOCS)))
def test_links_and_screenshots_resolve(guide: Path) -> None:
    missing = []
    for target in LINK.findall(guide.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        if not (guide.parent / target).resolve().exists():
            missing.append(target)
    assert missing == [], f"{guide.name} points at missing files (screenshots: run "
    "`.venv/bin/pytest -q tests/docs/test_screenshots.py --screenshots docs/img`)"
