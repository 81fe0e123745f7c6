"""The second factor in the engine: enrolment, codes accepted once, recovery codes, lockout."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from engine.accounts.second_factor import (
    RECOVERY_CODES,
    SecretBox,
    confirm_enrolment,
    is_enrolled,
    new_recovery_codes,
    pending_secret,
    reset_second_factor,
    unused_recovery_codes,
    verify,
)
from engine.accounts.sessions import SessionPolicy, find_session, start_session
from engine.accounts.signin import LockoutPolicy, LoginError, create_user
from engine.accounts.tables import User
from engine.audit import AuditEntry
from engine.clock import FixedClock
from engine.complaints.demo import create_demo_accounts, enrol_demo_second_factor
from engine.domain import Actor
from webui.wiring import Services

POLICY = LockoutPolicy(attempts=3, minutes=15, account_attempts=6, account_seconds=60)
BOX = SecretBox("a-key-of-the-tests-0123456789abcdef")
HOME = "10.0.0.5"


def _enrolled(services: Services, clock: FixedClock) -> tuple[int, str, list[str]]:
    """An enrolled Tim Admin: id, the authenticator secret, the recovery codes."""
    with services.uow() as uow:
        user = create_user(uow.session, "rina", "Rina", "tim_admin", "kata-sandi-benar", clock())
        secret = pending_secret(uow.session, user, BOX)
        codes = confirm_enrolment(uow.session, user, pyotp.TOTP(secret).at(clock()), BOX,
                                  clock(), POLICY, HOME)
        uow.commit()
        return user.id, secret, codes


def _verify(services: Services, clock: FixedClock, user_id: int, code: str) -> None:
    with services.uow() as uow:
        try:
            verify(uow.session, uow.session.get(User, user_id), code, BOX, clock(), POLICY, HOME)
        finally:
            uow.commit()  # a refusal counts, as it does on the sign-in page


def test_enrolment_keeps_the_offered_secret_sealed_until_a_right_code_confirms_it(
        services: Services, clock: FixedClock) -> None:
    with services.uow() as uow:
        user = create_user(uow.session, "rina", "Rina", "tim_admin", "kata-sandi-benar", clock())
        secret = pending_secret(uow.session, user, BOX)
        assert pending_secret(uow.session, user, BOX) == secret  # a reload shows the same QR
        assert user.totp_secret and secret not in user.totp_secret  # not in plain text
        with pytest.raises(LoginError):
            confirm_enrolment(uow.session, user, "000000", BOX, clock(), POLICY, HOME)
        assert not is_enrolled(user)
        codes = confirm_enrolment(uow.session, user, pyotp.TOTP(secret).at(clock()), BOX,
                                  clock(), POLICY, HOME)
        assert is_enrolled(user) and len(set(codes)) == RECOVERY_CODES
        assert unused_recovery_codes(uow.session, user.id) == RECOVERY_CODES
        with pytest.raises(ValueError):  # another app key cannot read it
            SecretBox("another-key-0123456789abcdef012345").open(user.totp_secret)


def test_a_code_is_accepted_once_and_a_phone_a_step_off_still_works(
        services: Services, clock: FixedClock) -> None:
    user_id, secret, _ = _enrolled(services, clock)  # enrolment used the current step
    totp = pyotp.TOTP(secret)
    with pytest.raises(LoginError):
        _verify(services, clock, user_id, totp.at(clock()))  # replay of the enrolment code
    clock.advance(seconds=30)
    _verify(services, clock, user_id, totp.at(clock()))
    with pytest.raises(LoginError):
        _verify(services, clock, user_id, totp.at(clock()))  # the same step again
    clock.advance(seconds=60)
    _verify(services, clock, user_id, totp.at(clock() - timedelta(seconds=30)))  # a slow phone
    clock.advance(seconds=120)
    with pytest.raises(LoginError):
        _verify(services, clock, user_id, totp.at(clock() - timedelta(seconds=90)))  # too old


def test_wrong_codes_count_towards_the_sign_in_lockout(
        services: Services, clock: FixedClock) -> None:
    user_id, secret, _ = _enrolled(services, clock)
    clock.advance(seconds=30)
    for _ in range(POLICY.attempts):
        with pytest.raises(LoginError):
            _verify(services, clock, user_id, "123456" if pyotp.TOTP(secret).at(clock())
                    != "123456" else "654321")
    with pytest.raises(LoginError):  # locked: even the right code is refused for a while
        _verify(services, clock, user_id, pyotp.TOTP(secret).at(clock()))
    clock.advance(minutes=POLICY.minutes + 1)
    _verify(services, clock, user_id, pyotp.TOTP(secret).at(clock()))


def test_a_recovery_code_works_once_and_new_ones_replace_the_old(
        services: Services, clock: FixedClock) -> None:
    user_id, _, codes = _enrolled(services, clock)
    _verify(services, clock, user_id, codes[0].upper())  # typed in capitals still counts
    with pytest.raises(LoginError):
        _verify(services, clock, user_id, codes[0])
    with services.uow() as uow:
        assert unused_recovery_codes(uow.session, user_id) == RECOVERY_CODES - 1
        renewed = new_recovery_codes(uow.session, uow.session.get(User, user_id), clock())
        uow.commit()
    with pytest.raises(LoginError):
        _verify(services, clock, user_id, codes[1])
    _verify(services, clock, user_id, renewed[1])


def test_the_sysadmin_resets_a_lost_phone_audited_and_every_session_ends(
        services: Services, clock: FixedClock) -> None:
    user_id, _, _ = _enrolled(services, clock)
    admin = Actor("admin", "sysadmin", None, None)
    with services.uow() as uow:
        token = start_session(uow.session, user_id, clock())
        reset_second_factor(uow.session, uow.session.get(User, user_id), admin, clock())
        uow.commit()
    with services.uow() as uow:
        user = uow.session.get(User, user_id)
        assert user is not None and not is_enrolled(user) and user.totp_secret is None
        assert unused_recovery_codes(uow.session, user_id) == 0
        assert find_session(uow.session, token, clock(), SessionPolicy()) is None
        actions = set(uow.session.scalars(select(AuditEntry.action)))
        assert {"totp_enrolled", "totp_reset"} <= actions


def test_demo_accounts_of_the_required_roles_share_the_documented_secret(
        services: Services, clock: FixedClock) -> None:
    create_demo_accounts(services.uow(), "alur-demo", clock())
    secret = services.settings.demo_totp_secret
    roles = frozenset({"tim_admin", "front_office", "sysadmin"})
    assert enrol_demo_second_factor(services.uow(), roles, secret, BOX, clock()) == 3
    assert enrol_demo_second_factor(services.uow(), roles, secret, BOX, clock()) == 0
    with services.uow() as uow:
        enrolled = {u.username for u in uow.session.scalars(select(User)) if is_enrolled(u)}
        assert enrolled == {"tim-admin", "front-office", "sysadmin"}
        tim_admin = uow.session.scalars(select(User).where(User.username == "tim-admin")).one()
        verify(uow.session, tim_admin, pyotp.TOTP(secret).at(clock()), BOX, clock(), POLICY,
               HOME)


def test_after_a_new_secret_key_only_recovery_codes_still_work(
        services: Services, clock: FixedClock) -> None:
    user_id, secret, codes = _enrolled(services, clock)
    clock.advance(seconds=30)
    with services.uow() as uow:
        user = uow.session.get(User, user_id)
        other = SecretBox("a-new-secret-key-0123456789abcdef0123")
        with pytest.raises(LoginError):  # refused, not a crash
            verify(uow.session, user, pyotp.TOTP(secret).at(clock()), other, clock(), POLICY,
                   HOME)
        verify(uow.session, user, codes[0], other, clock(), POLICY, HOME)
