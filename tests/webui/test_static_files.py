"""Static files: fingerprinted URLs cached for a year, plain names still served."""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask import url_for

from webui.static_files import RECHECK_SECONDS

LONG = "public, max-age=31536000, immutable"


def _static_url(app, filename: str) -> str:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        return url_for("static", filename=filename)


def _fetch(client, url: str):  # type: ignore[no-untyped-def]
    """The response, read whole and closed (a static file is sent from an open file)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def _use_folder(app, folder: Path) -> None:  # type: ignore[no-untyped-def]
    app.static_folder = str(folder)
    app.extensions["alur_static"].folder = folder


def test_pages_link_fingerprinted_static_files(client) -> None:  # type: ignore[no-untyped-def]
    page = _fetch(client, "/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"?]+)"', page)
    assert links, "the home page links no static file"
    assert all(re.search(r"\.[0-9a-f]{12}\.\w+$", link) for link in links), links


def test_fingerprinted_url_is_cached_long_and_plain_name_still_served(app, client) -> None:  # type: ignore[no-untyped-def]
    url = _static_url(app, "favicon.svg")
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.svg", url)
    fingerprinted = _fetch(client, url)
    plain = _fetch(client, "/static/favicon.svg")
    assert fingerprinted.status_code == plain.status_code == 200
    assert fingerprinted.data == plain.data == Path(app.static_folder, "favicon.svg").read_bytes()
    assert fingerprinted.headers["Cache-Control"] == LONG
    assert "immutable" not in plain.headers["Cache-Control"]


def test_url_changes_with_content_and_old_url_still_answers(app, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "js").mkdir()
    script = tmp_path / "js" / "app.min.js"
    script.write_text("console.log('versi 1');\n")
    _use_folder(app, tmp_path)
    fingerprints = app.extensions["alur_static"]
    fingerprints.clock = lambda: 100.0
    first = _static_url(app, "js/app.min.js")
    assert re.fullmatch(r"/static/js/app\.min\.[0-9a-f]{12}\.js", first)
    assert _fetch(client, first).headers["Cache-Control"] == LONG

    script.write_text("console.log('versi 2, setelah pemutakhiran');\n")
    os.utime(script, ns=(1, 2))  # a new mtime, as a copy during an upgrade gives
    fingerprints.clock = lambda: 100.0 + RECHECK_SECONDS / 2
    assert _static_url(app, "js/app.min.js") == first  # looked at again only after a while
    fingerprints.clock = lambda: 100.0 + RECHECK_SECONDS
    second = _static_url(app, "js/app.min.js")
    assert second != first
    new = _fetch(client, second)
    assert new.headers["Cache-Control"] == LONG and b"versi 2" in new.data
    stale = _fetch(client, first)  # a page rendered before the upgrade: current file, not kept
    assert stale.status_code == 200 and b"versi 2" in stale.data
    assert stale.headers["Cache-Control"] == "no-cache"
    assert _fetch(client, "/static/js/app.min.js").data == new.data


def test_missing_files_and_odd_names(app, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "LICENSE").write_text("teks lisensi")
    looks_fingerprinted = tmp_path / "data.0123456789ab.json"
    looks_fingerprinted.write_text("{}")
    _use_folder(app, tmp_path)
    assert _static_url(app, "LICENSE") == "/static/LICENSE"  # no suffix: left as it is
    assert _static_url(app, "tidak-ada.js") == "/static/tidak-ada.js"
    assert _fetch(client, "/static/tidak-ada.0123456789ab.js").status_code == 404
    assert _fetch(client, "/static/../pyproject.toml").status_code == 404
    odd = _fetch(client, "/static/data.0123456789ab.json")
    assert odd.status_code == 200 and odd.data == b"{}"
