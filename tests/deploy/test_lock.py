"""The Python lock files cover pyproject.toml's dependencies, so the two cannot drift apart."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
FIX = "run `make lock` and commit requirements.lock and requirements-test.lock"


def _project() -> dict:  # type: ignore[type-arg]
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]  # type: ignore[no-any-return]


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def _drift(requirements: list[str], pins: dict[str, str]) -> list[str]:
    """Each requirement the lock misses or pins outside its range, said in words."""
    problems = []
    for line in requirements:
        wanted = Requirement(line)
        name = canonicalize_name(wanted.name)
        if name not in pins:
            problems.append(f"{wanted.name} is missing")
        elif not wanted.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{wanted.name}=={pins[name]} is outside {wanted.specifier}")
    return problems


def test_runtime_lock_covers_the_dependencies() -> None:
    problems = _drift(_project()["dependencies"], _pins("requirements.lock"))
    assert not problems, f"requirements.lock: {'; '.join(problems)}: {FIX}"


def test_test_lock_covers_dependencies_and_test_extras() -> None:
    project = _project()
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    problems = _drift(wanted, _pins("requirements-test.lock"))
    assert not problems, f"requirements-test.lock: {'; '.join(problems)}: {FIX}"


def test_both_locks_pin_the_same_versions_with_hashes() -> None:
    runtime, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    differ = sorted(f"{name} {runtime[name]} / {test.get(name)}" for name in runtime
                    if test.get(name) != runtime[name])
    assert not differ, f"the two locks disagree: {', '.join(differ)}: {FIX}"
    for lock in ("requirements.lock", "requirements-test.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert len(HASH.findall(text)) >= len(PIN.findall(text)), f"{lock} lacks hashes: {FIX}"
        assert "setuptools==" in text, f"{lock} lacks the build backend: {FIX}"


def test_drift_names_what_is_missing() -> None:
    problems = _drift(["pyotp>=2.9", "flask>=9"], {"flask": "3.1.3"})
    assert problems == ["pyotp is missing", "flask==3.1.3 is outside >=9"]


def test_every_hashed_install_takes_the_lock_as_it_is() -> None:
    """Installs from a lock pass --no-deps: the lock is the closure, so pip has nothing to resolve.

    Resolving anyway, pip 23 fetched a newer release for an extra (fonttools[woff]) than the lock
    pins and refused it for lacking a hash, which stopped a fresh `make setup`.
    """
    installs = [(name, line.strip()) for name in ("Makefile", "Dockerfile", "docs/deploy.md")
                for line in (ROOT / name).read_text(encoding="utf-8").splitlines()
                if "--require-hashes -r" in line]
    assert {name for name, _ in installs} == {"Makefile", "Dockerfile", "docs/deploy.md"}
    resolving = [f"{name}: {line}" for name, line in installs if "--no-deps" not in line]
    assert not resolving, resolving
