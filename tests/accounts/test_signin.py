"""Accounts in the engine: passwords checked with lockout, OPD roles bound, bearer tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.accounts.signin import LockoutPolicy, LoginError, authenticate, create_user
from engine.accounts.tables import User
from engine.accounts.tokens import TokenAccount, issue_token, revoke_token, user_for_token
from engine.clock import FixedClock
from engine.errors import FormInvalidError
from webui.wiring import Services

POLICY = LockoutPolicy(attempts=3, minutes=15, account_attempts=6, account_seconds=60)
WRONG = "Nama pengguna atau kata sandi salah"
HOME, STRANGER = "10.0.0.5", "203.0.113.9"


def _account(services: Services, clock: FixedClock, role: str = "tim_admin") -> int:
    with services.uow() as uow:
        user = create_user(uow.session, "rina", "Rina", role, "kata-sandi-benar", clock())
        uow.commit()
        return user.id


def _sign_in(services: Services, clock: FixedClock, password: str, source: str = HOME,
             name: str = "rina") -> int:
    with services.uow() as uow:
        try:
            return authenticate(uow.session, name, password, clock(), POLICY, source).id
        finally:
            uow.commit()


def test_the_right_password_signs_in_and_a_wrong_one_says_nothing_more(
        services: Services, clock: FixedClock) -> None:
    user_id = _account(services, clock)
    assert _sign_in(services, clock, "kata-sandi-benar") == user_id
    with pytest.raises(LoginError, match=WRONG):
        _sign_in(services, clock, "salah")
    with services.uow() as uow, pytest.raises(LoginError, match=WRONG):
        authenticate(uow.session, "tidak-ada", "salah", clock(), POLICY)


def _refusal(services: Services, clock: FixedClock, password: str, source: str = HOME,
             name: str = "rina") -> str:
    with pytest.raises(LoginError) as refused:
        _sign_in(services, clock, password, source, name)
    return str(refused.value)


def test_repeated_failures_lock_that_address_out_for_a_while(
        services: Services, clock: FixedClock) -> None:
    _account(services, clock)
    answers = {_refusal(services, clock, "salah", STRANGER) for _ in range(POLICY.attempts)}
    locked = _refusal(services, clock, "kata-sandi-benar", STRANGER)
    # The same words for a wrong password, a locked name and a name that does not exist.
    unknown = {_refusal(services, clock, "salah", STRANGER, "tidak-ada") for _ in range(4)}
    assert answers == {locked} == unknown
    assert _sign_in(services, clock, "kata-sandi-benar", HOME)  # the officer's own address
    clock.advance(minutes=POLICY.minutes, seconds=1)
    assert _sign_in(services, clock, "kata-sandi-benar", STRANGER)


def test_failures_from_many_addresses_only_slow_the_name_down_briefly(
        services: Services, clock: FixedClock) -> None:
    _account(services, clock)
    for n in range(POLICY.account_attempts):
        _refusal(services, clock, "salah", f"198.51.100.{n}")
    _refusal(services, clock, "kata-sandi-benar", HOME)  # slowed down, even from home
    clock.advance(seconds=POLICY.account_seconds + 1)
    assert _sign_in(services, clock, "kata-sandi-benar", HOME)


def test_an_opd_role_must_name_its_opd(services: Services, clock: FixedClock) -> None:
    with services.uow() as uow, pytest.raises(FormInvalidError) as refused:
        create_user(uow.session, "budi", "Budi", "pejabat_penghubung", "sandi-budi", clock())
    assert set(refused.value.errors) == {"opd_code"}


def test_a_token_works_until_it_expires_or_is_revoked(
        services: Services, clock: FixedClock) -> None:
    user_id = _account(services, clock)
    with services.uow() as uow:
        user = uow.session.get_one(User, user_id)
        first, second = (issue_token(uow.session, user, clock(), hours=8) for _ in range(2))
        uow.commit()
    with services.uow() as uow:
        assert user_for_token(uow.session, first, clock()).id == user_id  # type: ignore[union-attr]
        assert revoke_token(uow.session, first, clock())
        assert not revoke_token(uow.session, "tidak-pernah-diberikan", clock())
        uow.commit()
    with services.uow() as uow:
        assert user_for_token(uow.session, first, clock()) is None
        assert user_for_token(uow.session, second, clock() + timedelta(hours=8)) is None
        assert user_for_token(uow.session, second, clock() + timedelta(hours=7)) is not None


def test_a_token_gives_its_account_and_opens_nothing_once_it_is_deactivated(
        services: Services, clock: FixedClock) -> None:
    with services.uow() as uow:
        user = create_user(uow.session, "rina", "Rina", "pejabat_penghubung", "kata-sandi-benar",
                           clock(), opd_code="DINKES")
        uow.session.flush()
        user_id, token = user.id, issue_token(uow.session, user, clock(), hours=8)
        uow.commit()
    with services.uow() as uow:
        assert user_for_token(uow.session, token, clock()) == TokenAccount(
            user_id, "rina", "Rina", "pejabat_penghubung", "DINKES")
        uow.session.get_one(User, user_id).active = False  # its tokens left as they are
        uow.commit()
    with services.uow() as uow:
        assert user_for_token(uow.session, token, clock()) is None
