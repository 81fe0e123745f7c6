"""Officers' accounts: sign-in with lockout, API tokens, and their administration. Uses reference
(an account's OPD) and the shared modules. The second factor (TOTP and recovery codes) lives in
second_factor.
"""
