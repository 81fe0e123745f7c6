"""Fingerprinted static files: ``url_for('static', filename='app.js')`` gives
``/static/app.<digest>.js``, the digest naming the file's content, so browsers and nginx may keep
it for a year and an upgrade still reaches every browser at once. The plain name is still served.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Flask, Response
from werkzeug.security import safe_join

DIGEST_LENGTH = 12
FINGERPRINTED = re.compile(
    rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)$")
LONG_CACHE = "public, max-age=31536000, immutable"
# A plain name, or a digest that is no longer the file's (a page from before an upgrade): the
# browser asks again each time, so it never keeps an old script.
REVALIDATE = "no-cache"
# How long a file's digest is trusted before its size and mtime are looked at again: a page
# links a handful of files, and a stat for each on every page was a cost of its own.
RECHECK_SECONDS = 1.0


@lru_cache(maxsize=256)
def _name_parts(filename: str) -> tuple[str, str] | None:
    """(the name without its suffix, the suffix), or None when it has none: every page links the
    same few files, and taking a name apart was most of a link's cost."""
    name = PurePosixPath(filename)
    return (str(name.with_suffix("")), name.suffix) if name.suffix else None


class Fingerprints:
    """The content digest of each file in one static folder, read again when the file changes."""

    def __init__(self, folder: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = folder
        self.clock = clock
        self._known: dict[str, tuple[tuple[int, int], str]] = {}
        self._checked: dict[str, tuple[float, Path, str | None]] = {}

    def digest(self, filename: str) -> str | None:
        """The first hex digits of the file's SHA-256, or None when there is no such file;
        looked at again at most every RECHECK_SECONDS (a changed file within that)."""
        now = self.clock()
        checked = self._checked.get(filename)
        if checked and checked[1] == self.folder and now - checked[0] < RECHECK_SECONDS:
            return checked[2]
        digest = self._read_digest(filename)
        self._checked[filename] = (now, self.folder, digest)
        return digest

    def _read_digest(self, filename: str) -> str | None:
        found = safe_join(str(self.folder), filename)
        path = Path(found) if found else None
        if path is None or not path.is_file():
            return None
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        kept = self._known.get(filename)
        if kept and kept[0] == version:
            return kept[1]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
        self._known[filename] = (version, digest)
        return digest

    def url_name(self, filename: str) -> str:
        """``filename`` with its digest before the suffix; unchanged if it has none or is absent."""
        parts = _name_parts(filename)
        digest = self.digest(filename) if parts else None
        if parts is None or digest is None:
            return filename
        return f"{parts[0]}.{digest}{parts[1]}"

    def plain_name(self, requested: str) -> tuple[str, bool]:
        """(file to send, whether the requested digest is the file's current one)."""
        match = FINGERPRINTED.match(requested)
        if match is None:
            return requested, False
        plain = match["stem"] + match["suffix"]
        current = self._read_digest(plain)  # exact: a year's cache is promised on it
        if current is None:  # a real file whose name merely looks fingerprinted
            return requested, False
        return plain, current == match["digest"]


def init_app(app: Flask) -> None:
    """Fingerprint every ``url_for('static', ...)`` and serve both kinds of name."""
    assert app.static_folder is not None
    fingerprints = Fingerprints(Path(app.static_folder))

    def fingerprint(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and isinstance(values.get("filename"), str):
            values["filename"] = fingerprints.url_name(values["filename"])

    def serve(filename: str) -> Response:
        plain, current = fingerprints.plain_name(filename)
        response = app.send_static_file(plain)
        response.headers["Cache-Control"] = LONG_CACHE if current else REVALIDATE
        return response

    app.url_defaults(fingerprint)
    app.view_functions["static"] = serve
    app.extensions["alur_static"] = fingerprints
