"""The built wheel is complete: an installed `alur` runs without the checkout."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds a wheel and installs it into a fresh virtualenv

# What the checkout keeps outside Python modules, each with one file the wheel must carry.
SHIPPED = {
    "diagrams": "engine/processes/pengaduan.bpmn",
    "decision table": "engine/processes/opd_dari_kategori.dmn",
    "form schema": "forms/schemas/pengaduan_publik.json",
    "compiled translation": "webui/translations/en/LC_MESSAGES/messages.mo",
    "vendored browser library": "webui/static/vendor/",
    "migration": "engine/store/migrations/versions/",
    "reference data": "engine/reference/data/opd-empat-lawang.csv",
    "routing keywords": "engine/suggest/data/kata-kunci.csv",
    "page template": "webui/templates/",
    "message template": "engine/channels/templates/",
}
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "dist", "instance", "tests", "docs", "bench",
    "*.egg-info", "__pycache__", ".*_cache", "test-artifacts")

# Run by the installed interpreter, in a folder that is not the checkout.
PROBE = r"""
import re
import sys
from pathlib import Path
from engine.settings import Settings
import engine, forms, webui
from webui import create_app

here = Path(sys.prefix)
for package in (engine, forms, webui):
    assert Path(package.__file__).is_relative_to(here), package.__file__
settings = Settings.from_env()
for folder in (settings.processes_dir, settings.forms_dir):
    assert Path(folder).is_relative_to(here) and Path(folder).is_dir(), folder
client = create_app().test_client()
home = client.get("/")
assert home.status_code == 200, home.status_code
text = home.get_data(as_text=True)
assert "LAPOR" in text
english = client.get("/?lang=en").get_data(as_text=True)
assert english != text, "the compiled English catalogue is not used"
form = client.get("/lapor")
assert form.status_code == 200, form.status_code
assert "<form" in form.get_data(as_text=True), "the complaint form is missing"
script = re.search(r'"(/static/vendor/[^"]+\.[0-9a-f]{12}\.css)"', text)
assert script, "no fingerprinted vendored style sheet on the home page"
served = client.get(script.group(1))
assert served.status_code == 200 and served.data, script.group(1)
served.close()
print("installed app answers")
"""


def _copy_sources(target: Path) -> Path:
    """The checkout's buildable files (with the compiled and vendored ones) in ``target``."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=NOT_SOURCES)
    return target


def _venv(folder: Path) -> Path:
    """A virtualenv without pip whose packages come from this one (so nothing is downloaded)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    found = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    # A plain path line: the running venv's packages, but not its editable install of Alur.
    Path(found, "dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    return python


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_carries_everything_and_installed_alur_runs(tmp_path: Path) -> None:
    if not (ROOT / "webui" / "static" / "vendor" / ".installed").exists():
        pytest.fail("the browser libraries are not vendored: run `make setup` first")
    sources = _copy_sources(tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALUR_", "PYTHONPATH"))}
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "--no-index", "--wheel-dir", str(tmp_path / "dist"), str(sources)], tmp_path, env)
    wheel = next((tmp_path / "dist").glob("alur-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    missing = [what for what, path in SHIPPED.items()
               if not any(name.startswith(path) for name in names)]
    assert not missing, f"the wheel lacks: {', '.join(missing)}"

    python = _venv(tmp_path / "venv")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
          "--no-deps", "--no-index", str(wheel)], tmp_path, env)
    shutil.rmtree(sources)  # nothing may be read from a source tree any more
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    env.update(ALUR_DATABASE_URL=f"sqlite:///{site_dir / 'alur.sqlite3'}",
               ALUR_SECRET_KEY="wheel-test-secret-0123456789abcdef0123456789")
    alur = str(python.parent / "alur")
    _run([alur, "db", "upgrade"], site_dir, env)
    _run([alur, "demo"], site_dir, env)
    assert "installed app answers" in _run([str(python), "-c", PROBE], site_dir, env)
    assert not (ROOT / "instance" / "uploads" / "wheel").exists()
    assert sorted(p.name for p in site_dir.iterdir()) in (["alur.sqlite3"],
                                                          ["alur.sqlite3", "instance"])
