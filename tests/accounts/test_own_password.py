"""Passwords the sysadmin chose are changed by their owner; a lock shows only while it holds."""

from __future__ import annotations

import pytest

from engine.accounts.admin import Account, add_user, change_own_password, reset_password, unlock
from engine.accounts.signin import (
    LockoutPolicy,
    LoginError,
    authenticate,
    create_user,
    current_lock,
)
from engine.accounts.tables import User
from engine.clock import FixedClock
from engine.domain import Actor
from engine.errors import FormInvalidError
from webui.wiring import Services

ADMIN = Actor("admin", "sysadmin", None, None)
POLICY = LockoutPolicy(attempts=3, minutes=15, account_attempts=6, account_seconds=60)


def test_a_new_account_and_a_reset_password_must_be_changed(
        services: Services, clock: FixedClock) -> None:
    with services.uow() as uow:
        user = add_user(uow.session, Account("rina", "Rina", "anggota", password="dari-admin"),
                        ADMIN, clock())
        assert user.must_change_password
        user.must_change_password = False
        reset_password(uow.session, user.id, ADMIN, clock())
        assert user.must_change_password
        own = create_user(uow.session, "budi", "Budi", "anggota", "pilihan-sendiri", clock())
        assert not own.must_change_password  # `alur users add`: typed by the owner


@pytest.mark.parametrize(("new", "repeat", "field"), [
    ("dari-admin", "dari-admin", "password"),  # the same as before
    ("pendek", "pendek", "password"),  # shorter than the rules allow
    ("sandi-baru-saya", "sandi-lain", "repeat"),  # typed twice differently
])
def test_a_new_password_must_differ_pass_the_rules_and_match(
        services: Services, clock: FixedClock, new: str, repeat: str, field: str) -> None:
    with services.uow() as uow:
        user = add_user(uow.session, Account("rina", "Rina", "anggota", password="dari-admin"),
                        ADMIN, clock())
        with pytest.raises(FormInvalidError) as refused:
            change_own_password(uow.session, user.id, new, repeat, clock())
        assert set(refused.value.errors) == {field}
        assert user.must_change_password


def test_a_changed_password_signs_in_and_clears_the_flag(
        services: Services, clock: FixedClock) -> None:
    with services.uow() as uow:
        user_id = add_user(uow.session, Account("rina", "Rina", "anggota",
                                                password="dari-admin"), ADMIN, clock()).id
        with pytest.raises(FormInvalidError):  # a signed-in change checks the current one
            change_own_password(uow.session, user_id, "sandi-baru-saya", "sandi-baru-saya",
                                clock(), current="salah")
        change_own_password(uow.session, user_id, "sandi-baru-saya", "sandi-baru-saya", clock())
        uow.commit()
    with services.uow() as uow:
        user = authenticate(uow.session, "rina", "sandi-baru-saya", clock(), POLICY)
        assert not user.must_change_password


def test_only_a_lock_that_still_holds_is_reported_and_unlock_lifts_it(
        services: Services, clock: FixedClock) -> None:
    with services.uow() as uow:
        user_id = create_user(uow.session, "rina", "Rina", "anggota", "kata-sandi", clock()).id
        uow.commit()
    for _ in range(POLICY.attempts):
        with services.uow() as uow, pytest.raises(LoginError):
            try:
                authenticate(uow.session, "rina", "salah", clock(), POLICY, "10.0.0.9")
            finally:
                uow.commit()
    with services.uow() as uow:
        assert current_lock(uow.session, "rina", clock()) is not None
    clock.advance(minutes=POLICY.minutes + 1)
    with services.uow() as uow:
        assert current_lock(uow.session, "rina", clock()) is None  # expired: not "locked"
    clock.advance(minutes=-(POLICY.minutes + 1))
    with services.uow() as uow:
        unlock(uow.session, user_id, ADMIN, clock())
        uow.commit()
    with services.uow() as uow:
        assert current_lock(uow.session, "rina", clock()) is None
        assert authenticate(uow.session, "rina", "kata-sandi", clock(), POLICY, "10.0.0.9")
        assert uow.session.get(User, user_id) is not None
