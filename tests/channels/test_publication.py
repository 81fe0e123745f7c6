"""Publication: verified, non-rahasia reports and their follow-ups are on the public list."""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.pages import text_of


def test_forwarded_reports_and_their_follow_ups_are_public_secret_ones_never(
    walk: Walk, client  # type: ignore[no-untyped-def]
) -> None:
    public = walk.file(title="Lampu jalan mati").tracking_code
    secret = walk.file(title="Pungutan liar di kantor desa").tracking_code
    anonymous = walk.file(title="Sampah menumpuk", anonim=True, name="Nama Rahasia").tracking_code
    waiting = walk.file(title="Belum diverifikasi").tracking_code
    walk.complete(public, "verifikasi", VERIFY_FORWARD)
    walk.complete(public, "tanggapi", ANSWER)
    walk.complete(secret, "verifikasi", {**VERIFY_FORWARD, "rahasia": True})
    walk.complete(anonymous, "verifikasi", {**VERIFY_FORWARD, "anonim": True})
    listing = text_of(client.get("/laporan"))
    assert "Lampu jalan mati" in listing and "Sampah menumpuk" in listing
    assert "Pungutan liar" not in listing and "Belum diverifikasi" not in listing
    assert "Nama Rahasia" not in listing and "081234567890" not in listing
    page = text_of(client.get(f"/laporan/{public}"))
    assert ANSWER["response"] in page and "Warga Uji" not in page  # no name is ever published
    assert client.get(f"/laporan/{secret}").status_code == 404
    assert client.get(f"/laporan/{waiting}").status_code == 404
    assert "Nama Rahasia" not in text_of(client.get(f"/laporan/{anonymous}"))
