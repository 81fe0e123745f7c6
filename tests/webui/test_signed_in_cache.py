"""Who is signed in: read once per few seconds per worker, and at once after an admin's change."""

from __future__ import annotations

from tests.walk import Walk
from tests.webui.pages import Pages
from webui.auth import SignedIn, SignedInCache


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _officer(role: str) -> SignedIn:
    return SignedIn(7, "anggota", "Anggota", role, None)


def test_a_copy_is_used_for_ttl_seconds_then_read_again() -> None:
    ticks = Ticks()
    cache = SignedInCache(5.0, ticks)
    reads: list[int] = []
    role = ["anggota"]

    def load(user_id: int) -> SignedIn | None:
        reads.append(user_id)
        return _officer(role[0])

    assert cache.get(7, load) == _officer("anggota")
    role[0] = "tim_admin"  # changed in the database by another worker
    ticks.now += 4.9
    assert cache.get(7, load) == _officer("anggota") and reads == [7]
    ticks.now += 0.2
    assert cache.get(7, load) == _officer("tim_admin") and reads == [7, 7]
    cache.forget(7)
    assert cache.get(7, load) is not None and reads == [7, 7, 7]


def test_an_unknown_or_inactive_account_is_remembered_as_none_and_zero_reads_every_time() -> None:
    ticks = Ticks()
    reads: list[int] = []

    def load(user_id: int) -> SignedIn | None:
        reads.append(user_id)
        return None

    cache = SignedInCache(5.0, ticks)
    assert cache.get(3, load) is None and cache.get(3, load) is None
    assert reads == [3]
    uncached = SignedInCache(0.0, ticks)
    uncached.get(3, load)
    uncached.get(3, load)
    assert reads == [3, 3, 3]


def test_a_role_change_and_a_deactivation_apply_at_the_next_request(app, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("sysadmin")
    walk.user("anggota")
    admin, member = Pages(app.test_client()), Pages(app.test_client())
    admin.login("sysadmin")
    member.login("anggota")
    member.get("/admin/", status=403)
    member_id = walk.user("anggota").user_id
    admin.post(f"/admin/pengguna/{member_id}", {"full_name": "Anggota", "role": "sysadmin"},
               status=302)
    member.get("/admin/", status=302)  # a role change ends the member's sessions
    member.login("anggota")
    member.get("/admin/")  # signed in again: the new role
    admin.post(f"/admin/pengguna/{member_id}/aktif", {"active": "0"},
               page=f"/admin/pengguna/{member_id}", status=302)
    member.get("/petugas/", status=302)  # signed out: back to the sign-in page
