"""docs/architecture.md shows the packages and arrows the code has today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_architecture_picture_matches_the_code() -> None:
    result = subprocess.run([sys.executable, "scripts/architecture.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
