"""Settings refuse mistakes: a value that cannot be read stops the start with its name and what
it accepts, instead of silently keeping a default (issue: `ALUR_SMS_MODE=Live` stayed in dev)."""

from __future__ import annotations

import pytest

from engine.settings import SecretKeyError, Settings, SettingsError


def test_choices_are_read_whatever_their_case() -> None:
    settings = Settings.from_env({"ALUR_SMS_MODE": "Live", "ALUR_SMTP_SECURITY": " TLS "})
    assert (settings.sms_mode, settings.smtp_security) == ("live", "tls")


@pytest.mark.parametrize(("raw", "value"), [("true", 1), ("Yes", 1), ("on", 1), ("1", 1),
                                            ("false", 0), ("off", 0), ("0", 0), ("tidak", 0)])
def test_switches_take_the_usual_spellings(raw: str, value: int) -> None:
    assert Settings.from_env({"ALUR_SECURE_COOKIES": raw}).secure_cookies == value


def test_every_unreadable_value_is_named_with_what_it_accepts() -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"ALUR_SMS_MODE": "production", "ALUR_SECURE_COOKIES": "maybe",
                           "ALUR_WORKER_BATCH": "many", "ALUR_WORKER_INTERVAL": "soon"})
    message = str(refused.value)
    assert "ALUR_SMS_MODE='production': expected one of dev, live" in message
    assert "ALUR_SECURE_COOKIES='maybe': expected 1 or 0" in message
    assert "ALUR_WORKER_BATCH='many': expected a whole number" in message
    assert "ALUR_WORKER_INTERVAL='soon': expected a number" in message


def test_a_count_is_not_a_switch() -> None:
    assert Settings.from_env({"ALUR_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    with pytest.raises(SettingsError):
        Settings.from_env({"ALUR_TRUSTED_PROXIES": "true"})


def test_a_bad_key_is_a_settings_error_too() -> None:
    assert issubclass(SecretKeyError, SettingsError)


@pytest.mark.parametrize("uri", ["memory://", "redis://10.0.0.5:6379/0", "rediss://cache:6380",
                                 "redis+unix:///run/redis/redis.sock",
                                 "redis+sentinel://10.0.0.5:26379/alur"])
def test_the_rate_limit_store_takes_memory_or_redis(uri: str) -> None:
    assert Settings.from_env({"ALUR_RATELIMIT_STORAGE": uri}).ratelimit_storage == uri


@pytest.mark.parametrize("uri", ["redis", "127.0.0.1:6379", "redis://", "memcached://m:11211",
                                 "postgresql://db/alur"])
def test_a_rate_limit_store_alur_cannot_reach_is_refused(uri: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"ALUR_RATELIMIT_STORAGE": uri})
    assert "ALUR_RATELIMIT_STORAGE" in str(refused.value)
    assert "expected memory:// or a Redis address" in str(refused.value)
