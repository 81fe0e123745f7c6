"""Sessions that end (ASVS 3): the cookie names a server-side session, so sign-out, a password
reset, a role change or deactivation end it wherever the cookie was copied; idle and absolute
timeouts; the Secure flag whenever the request came over HTTPS."""

from __future__ import annotations

from datetime import timedelta

from engine.accounts.admin import Account, reset_password, set_user_active, update_user
from tests.walk import Walk
from tests.webui.pages import Pages
from webui.wiring import Services

MONITOR = "/pemantauan/"


def _copied_cookie(pages: Pages) -> str:
    cookie = pages.client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _opens(app, cookie: str, path: str = MONITOR) -> bool:  # type: ignore[no-untyped-def]
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get(path).status_code == 200  # type: ignore[no-any-return]


def test_sign_out_ends_the_session_for_a_copied_cookie(app, pages: Pages, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    pages.login("tim_admin")
    copied = _copied_cookie(pages)
    assert _opens(app, copied)
    pages.logout()
    assert not _opens(app, copied)


def test_idle_and_absolute_timeouts(app, pages: Pages, walk: Walk, services: Services) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    settings = services.settings
    pages.login("tim_admin")
    walk.clock.advance(minutes=settings.session_idle_minutes - 1)
    assert _opens(app, _copied_cookie(pages))  # used in time: still open, and stamped
    walk.clock.advance(minutes=settings.session_idle_minutes + 1)
    assert not _opens(app, _copied_cookie(pages))
    pages.login("tim_admin")
    lifetime = timedelta(hours=settings.session_max_hours)
    step = timedelta(minutes=settings.session_idle_minutes - 1)
    used = timedelta()
    while used + step < lifetime:  # busy all day, never idle
        walk.clock.advance(seconds=step.total_seconds())
        used += step
        assert _opens(app, _copied_cookie(pages))
    walk.clock.advance(seconds=(lifetime - used).total_seconds() + 1)
    assert not _opens(app, _copied_cookie(pages))


def _account_change(walk: Walk, services: Services, change: str) -> None:
    admin = walk.user("sysadmin")
    target = walk.user("ketua")
    with services.uow() as uow:
        if change == "reset":
            reset_password(uow.session, target.user_id, admin, walk.clock())
        elif change == "role":
            update_user(uow.session, target.user_id,
                        Account(username="ketua", full_name="Ketua", role="anggota"),
                        admin, walk.clock())
        else:
            set_user_active(uow.session, target.user_id, False, admin, walk.clock())
        uow.commit()


def test_reset_role_change_and_deactivation_end_every_session(app, walk: Walk,  # type: ignore[no-untyped-def]
                                                              services: Services) -> None:
    for change in ("reset", "role", "deactivate"):
        walk.user("ketua")
        browsers = [Pages(app.test_client()) for _ in range(2)]
        with services.uow() as uow:  # the password "pw" again after a reset
            from engine.accounts.signin import hash_password
            from engine.accounts.tables import User

            user = uow.session.query(User).filter_by(username="ketua").one()
            user.password_hash, user.active, user.role = hash_password("pw"), True, "ketua"
            user.must_change_password = False  # as if ketua had chosen "pw" after the reset
            uow.commit()
        for browser in browsers:
            browser.login("ketua")
        cookies = [_copied_cookie(b) for b in browsers]
        assert all(_opens(app, c) for c in cookies)
        _account_change(walk, services, change)
        assert not any(_opens(app, c) for c in cookies), change


def test_the_reporters_access_is_held_on_the_server(app, pages: Pages, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file()
    code = receipt.tracking_code
    pages.post("/lacak", {"code": code, "secret": receipt.secret}, status=302)
    copied = _copied_cookie(pages)
    status = f"/lacak/{code}"
    other = app.test_client()
    other.set_cookie("session", copied)
    assert "Warga Uji" in other.get(status).get_data(as_text=True)  # the reporter's own page
    stored = app.session_interface.get_signing_serializer(app).loads(copied)
    assert code not in str(stored) and "sid" in stored  # the cookie holds only a token
    pages.post(f"/lacak/{code}/selesai", page=status, status=302)
    other = app.test_client()
    other.set_cookie("session", copied)
    assert "Warga Uji" not in other.get(status).get_data(as_text=True)


def test_the_cookie_is_secure_whenever_the_request_came_over_https(make_app, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    app = make_app()
    client = app.test_client()
    plain = client.get("/petugas/masuk")
    secure = client.get("/petugas/masuk", base_url="https://lapor.example")
    cookies = [r.headers.get("Set-Cookie", "") for r in (plain, secure)]
    assert "Secure" not in cookies[0] and "Secure" in cookies[1]


def test_abandoned_sessions_are_purged_at_the_next_sign_in(pages: Pages, walk: Walk,  # type: ignore[no-untyped-def]
                                                           services: Services) -> None:
    from sqlalchemy import func, select

    from engine.accounts.tables import UserSession

    walk.user("tim_admin")
    pages.login("tim_admin")
    walk.clock.advance(minutes=services.settings.session_idle_minutes + 1)
    pages.client.delete_cookie("session")  # the browser was closed
    pages.login("tim_admin")
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(UserSession)) == 1
