"""Officers' accounts: sign-in with lockout, API tokens, and their administration. Uses reference
(an account's OPD) and the shared modules.
"""
