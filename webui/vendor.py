"""Copies the pinned browser libraries listed in vendor.txt out of node_modules."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

LIST = Path(__file__).with_name("vendor.txt")


def copy_vendor(node_modules: Path, target: Path) -> int:
    """Copy every listed file; returns how many were copied."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for line in LIST.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, dest = line.split()
        src = node_modules / source
        if not src.exists():
            raise SystemExit(f"missing {src}: run `npm ci`")
        shutil.copyfile(src, target / dest)
        count += 1
    return count


if __name__ == "__main__":
    copy_vendor(Path(sys.argv[1]), Path(sys.argv[2]))
