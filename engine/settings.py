"""The one settings module: every setting, its default and its meaning."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENGINE = Path(__file__).resolve().parent
# The folder holding the installed packages: a checkout, or site-packages for an installed wheel.
ROOT = ENGINE.parent
# Writable files (development database, uploads, development key): the checkout's instance/
# when run from a checkout, else ./instance of the working directory, never site-packages.
INSTANCE = (ROOT if (ROOT / "pyproject.toml").is_file() else Path.cwd()) / "instance"
MIN_SECRET_KEY_LENGTH = 32
# Keys printed in this repository's files and guides, or guessed first: anyone knowing one could
# sign a session cookie or a survey link, so none of them is accepted.
KNOWN_SECRET_KEYS = frozenset({
    "dev-only-change-me", "change-me", "changeme", "change_me", "secret", "secret-key",
    "secretkey", "test-secret", "dev", "development", "alur", "alur-demo", "password",
})


# Where `alur serve` listens unless told otherwise: what messages link to without ALUR_PUBLIC_URL.
LOCAL_URL = "http://127.0.0.1:5000"


def _setting(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Runtime settings, read from ``ALUR_*`` environment variables."""

    database_url: str = _setting(
        f"sqlite:///{INSTANCE / 'alur.sqlite3'}",
        "SQLAlchemy URL of the database (SQLite file by default; postgresql+psycopg://... in "
        "production).",
    )
    processes_dir: str = _setting(
        str(ENGINE / "processes"), "Folder of the default BPMN/DMN diagrams, deployed by upgrade "
        "(the repository's processes/, shipped inside the engine package)."
    )
    forms_dir: str = _setting(
        str(ROOT / "forms" / "schemas"), "Folder with the JSON Schema form files."
    )
    uploads_dir: str = _setting(
        str(INSTANCE / "uploads"), "Folder for uploaded files (outside the static folder)."
    )
    now: str = _setting("", "Pin the clock to this ISO instant for the whole app (demos, tests).")
    secret_key: str = _setting(
        "", "Secret key signing sessions, CSRF tokens and survey links: at least 32 random "
        "characters, the same on every web process and worker. An empty, short or publicly "
        "known key stops start-up, unless ALUR_DEVELOPMENT=1.")
    development: int = _setting(
        0, "1 on a developer's own machine only (`make run` sets it): an empty, short or known "
        "secret key is then replaced by a random one made once and kept in "
        "ALUR_SECRET_KEY_FILE. Never in production.")
    secret_key_file: str = _setting(
        str(INSTANCE / "secret_key"),
        "Where development mode keeps its random secret key (outside the repository's files).")
    demo_password: str = _setting("alur-demo", "Password of the demo accounts made by `alur demo`.")
    worker_interval: float = _setting(
        5.0, "Longest sleep of `alur worker` between two sweeps; it wakes sooner when a timer "
        "falls due.")
    worker_batch: int = _setting(100, "Due instances one worker leases per sweep.")
    ready_worker_intervals: int = _setting(
        6, "/readyz fails when no worker swept within this many ALUR_WORKER_INTERVAL "
        "(a stopped or stuck `alur worker`).")
    ready_outbox_minutes: int = _setting(
        15, "/readyz fails when an outbound message waits this many minutes past its due time.")
    log_format: str = _setting(
        "text", "How the web processes (gunicorn) and workers write their logs: text, one "
        "readable line per event; json, one JSON object per line (time, level, logger, message, "
        "request_id or worker and sweep_id) for a log collector.")
    metrics_token: str = _setting(
        "", "Bearer token Prometheus (or Zabbix) sends to read /metrics; empty: /metrics answers "
        "only requests from the machine itself (127.0.0.1, ::1).")
    clarification_days: int = _setting(
        10, "Working days a reporter has to answer a request for clarification (our choice)."
    )
    national_routing_days: int = _setting(
        2, "Working days Tim Admin has to route a complaint forwarded by national LAPOR!, inside "
        "the 5 working days of coordination that count from national's forwarding (our choice).")
    token_hours: int = _setting(24 * 30, "Lifetime of an API bearer token, in hours.")
    login_attempts: int = _setting(
        5, "Wrong passwords for one username from one client address that lock that address "
        "out of that username (known or not: the answer is the same).")
    lockout_minutes: int = _setting(
        15, "How long such a lock lasts; failures older than this are forgotten.")
    login_account_attempts: int = _setting(
        20, "Wrong passwords for one username from all addresses together that slow it down.")
    login_account_seconds: int = _setting(
        60, "How long that slow-down lasts: short, so no stranger can keep an officer out.")
    session_idle_minutes: int = _setting(
        30, "A signed-in browser unused this long is signed out (server-side session).")
    session_max_hours: int = _setting(
        12, "A sign-in lasts at most this long, however busy (server-side session).")
    totp_required_roles: str = _setting(
        "tim_admin,front_office,sysadmin", "Roles that must sign in with a second factor (a "
        "code from an authenticator app, TOTP), comma separated; by default the roles that can "
        "see reporters' identities and ID copies, and the sysadmin. Officers of other roles may "
        "enrol on their own. Empty: nobody is asked to enrol (tests only, never in production).")
    demo_totp_secret: str = _setting(
        "ALURDEMOEMPATLAWANGLAPORXQ234567", "Authenticator secret (base32) of the demo accounts "
        "whose role needs a second factor, made by `alur demo`: add it once to an authenticator "
        "app to sign in as any of them. Public, like the demo password: never in production.")
    max_upload_mb: int = _setting(10, "Largest accepted upload, in megabytes.")
    id_document_optional_online: int = _setting(
        0, "1 lets a named report on the portal and the API come without the copy of the "
        "KTP/SIM/KTM the service standard requires (the counter still asks for it); for an agency "
        "whose reporters have no way to photograph a card. Such reports show 'identitas belum "
        "dilengkapi' to Tim Admin.")
    trusted_proxies: int = _setting(
        0, "How many reverse proxies (nginx) stand before the app; their X-Forwarded-* is trusted."
    )
    secure_cookies: int = _setting(
        0, "1 when the site is served over HTTPS: session cookies then travel only over TLS. "
        "Requests that arrive over HTTPS (directly, or as the trusted proxy says) get Secure "
        "cookies either way.")
    # Channels: outbox, SMS 1708, email, national LAPOR! exchange. docs/channels.md.
    public_url: str = _setting(
        "", "Public address of the portal, e.g. https://lapor.empatlawangkab.go.id: every link "
        "Alur gives out starts with it, in messages (SMS, email, chat, the national exchange) "
        "and on pages (the receipt and its QR code). Set it in production. Empty: pages link to "
        "the address the browser asked for, messages to the address `alur serve` listens on "
        "(http://127.0.0.1:5000 unless --port says otherwise).")
    # Not an ALUR_* variable: where `alur serve` listens, for messages while public_url is empty.
    local_url: str = field(default=LOCAL_URL, metadata={"doc": "", "env": False})
    sms_mode: str = _setting(
        "dev", "dev: SMS go to the development box (admin page, log); live: to the gateway."
    )
    sms_gateway_url: str = _setting("", "URL the outbound SMS JSON is POSTed to (live mode).")
    sms_gateway_key: str = _setting("", "Bearer key sent to the SMS gateway with each SMS.")
    sms_webhook_secret: str = _setting(
        "", "Shared secret the gateway signs inbound SMS with (HMAC-SHA256); empty refuses all."
    )
    sms_max_parts: int = _setting(
        4, "Longest outbound SMS, in concatenated parts; a longer text is shortened."
    )
    email_mode: str = _setting(
        "dev", "dev: emails stay in the development box (admin page); live: sent by SMTP."
    )
    smtp_host: str = _setting("localhost", "SMTP server for email notifications.")
    smtp_port: int = _setting(587, "SMTP port (587 with STARTTLS, 465 with TLS, 25 plain).")
    smtp_security: str = _setting("starttls", "SMTP security: starttls, tls or none.")
    smtp_user: str = _setting("", "SMTP user name (empty: no login).")
    smtp_password: str = _setting("", "SMTP password.")
    smtp_sender: str = _setting(
        "LAPOR! Empat Lawang <lapor@empatlawangkab.go.id>", "From address of notifications."
    )
    national_mode: str = _setting(
        "dev", "dev: national exchange messages stay in the development box; live: POSTed."
    )
    national_url: str = _setting(
        "", "Base URL of the national LAPOR! exchange (outbound returns and status updates)."
    )
    national_api_key: str = _setting("", "Bearer key sent to the national exchange.")
    national_inbound_key: str = _setting(
        "", "API key the national coordinator presents to our inbound endpoint; empty refuses."
    )
    national_webhook_secret: str = _setting(
        "", "Shared secret national LAPOR! signs its replies and status changes with "
        "(HMAC-SHA256, as the SMS gateway does); empty refuses them.")
    national_upstream: int = _setting(
        0, "1 sends every complaint received here (web, SMS, box, counter, app) up to national "
        "LAPOR! as the system of record, with its status updates; 0 keeps the exchange to "
        "complaints national forwarded and returns.")
    whatsapp_mode: str = _setting(
        "dev", "dev: WhatsApp answers go to the development box; live: to the WhatsApp Cloud API.")
    whatsapp_verify_token: str = _setting(
        "", "Token Meta sends when the webhook is registered (hub.verify_token); empty refuses.")
    whatsapp_app_secret: str = _setting(
        "", "App secret Meta signs each webhook POST with (X-Hub-Signature-256); empty refuses.")
    whatsapp_token: str = _setting("", "Access token for sending WhatsApp messages (live).")
    whatsapp_phone_number_id: str = _setting(
        "", "The business phone number's id in the WhatsApp Cloud API (live).")
    whatsapp_api_url: str = _setting(
        "https://graph.facebook.com/v21.0", "Base URL of the WhatsApp Cloud API.")
    whatsapp_template: str = _setting(
        "pemberitahuan_laporan", "Approved template used outside WhatsApp's 24-hour window; its "
        "body has one parameter, the message text (language id).")
    telegram_mode: str = _setting(
        "dev", "dev: Telegram answers go to the development box; live: to the Telegram Bot API.")
    telegram_bot_token: str = _setting("", "The bot's token from BotFather (live).")
    telegram_webhook_secret: str = _setting(
        "", "secret_token given to setWebhook; Telegram sends it in "
        "X-Telegram-Bot-Api-Secret-Token. Empty refuses every update.")
    telegram_api_url: str = _setting("https://api.telegram.org", "Base URL of the Bot API.")
    chat_conversation_minutes: int = _setting(
        60, "A guided chat report not finished within this many minutes of its last message "
        "starts over.")
    webhook_window_seconds: int = _setting(
        300, "A signed inbound request older or newer than this many seconds is refused."
    )
    outbox_max_attempts: int = _setting(
        8, "Send attempts of one outbound message before it is marked failed for admins."
    )
    outbox_backoff_seconds: float = _setting(
        60.0, "Wait after the first failed attempt; doubled after each further failure."
    )
    outbox_backoff_max_seconds: float = _setting(6 * 3600.0, "Longest wait between attempts.")
    outbox_lease_seconds: float = _setting(
        300.0, "How long a worker owns a message it is sending; then another may retry it."
    )
    channel_timeout_seconds: float = _setting(
        10.0, "Network timeout of one call to the SMS gateway, SMTP or the national exchange."
    )

    signin_cache_seconds: float = _setting(
        5.0, "How long a web worker trusts its copy of a signed-in officer's account (role, OPD, "
        "active) before reading it again; changes made through the admin screens apply at once "
        "in that worker. 0 reads it on every request.",
    )
    # Places and maps (docs/channels.md, docs/api.md).
    region_bounds: str = _setting(
        "-4.25,102.55,-3.40,103.75", "The regency's bounding box, south,west,north,east in WGS84 "
        "degrees: a complaint's latitude/longitude outside it is refused; the maps open on it.")
    map_tiles_url: str = _setting(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "Map tiles URL template ({z}/{x}/{y}); "
        "empty draws the maps without tiles (pins and the regency's box only), e.g. behind a "
        "firewall that blocks the tile server.")
    map_tiles_attribution: str = _setting(
        "&copy; OpenStreetMap contributors", "Credit line the tile provider requires.")

    # Rate limits (docs/security.md): per client address, flask-limiter syntax.
    ratelimit_enabled: int = _setting(1, "0 turns every rate limit off (never in production).")
    ratelimit_storage: str = _setting(
        "memory://", "Where limit counters live: memory:// (each process counts alone) or a "
        "Redis all web processes share, e.g. redis://10.0.0.5:6379/0 (also rediss://, "
        "redis+unix://, redis+sentinel://, redis+cluster://). While Redis is down each process "
        "counts alone until it is back.",
    )
    ratelimit_submit: str = _setting(
        "30 per minute;300 per hour", "New complaints per address (portal /lapor, API).")
    ratelimit_login: str = _setting(
        "20 per minute;200 per hour", "Sign-in attempts per address (web and API token).")
    ratelimit_secret: str = _setting(
        "30 per minute;300 per hour", "Reporter secret checks per address (tracking, API).")
    ratelimit_sms: str = _setting("600 per minute", "Inbound SMS webhook calls per address.")
    ratelimit_chat: str = _setting(
        "600 per minute", "WhatsApp and Telegram webhook calls per address (each platform).")

    @property
    def message_url(self) -> str:
        """Where links in messages start (no trailing slash): ALUR_PUBLIC_URL, else the address
        `alur serve` listens on. Pages prefer the address the browser asked for instead
        (webui.receipts.page_base)."""
        return (self.public_url.strip() or self.local_url).rstrip("/")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``ALUR_<NAME>`` variables, then explicit overrides.

        Every value is checked: SettingsError names each variable that cannot be read and what
        it accepts, so a typo stops the start instead of silently keeping a default.
        """
        values, problems = read_settings(os.environ if environ is None else environ)
        if problems:
            raise SettingsError("; ".join(problems))
        values.update(overrides)
        return cls(**values)


def env_fields() -> list[Field[Any]]:
    """The settings read from ``ALUR_<NAME>`` variables (all but those a command sets)."""
    return [f for f in fields(Settings) if f.metadata.get("env", True)]


def served_url(host: str, port: int) -> str:
    """The address a browser on this machine reaches `alur serve --host --port` at."""
    if host in ("", "0.0.0.0", "::", "[::]"):  # every interface: this machine's own name
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def read_settings(env: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The ``ALUR_*`` variables set in ``env``, parsed (by field name), and one problem per
    variable that cannot be read, naming it and what it accepts."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for f in env_fields():
        name = f"ALUR_{f.name.upper()}"
        raw = env.get(name)
        if raw is None:
            continue
        try:
            values[f.name] = _parse(f.name, f.default, f.metadata["doc"], raw)
        except ValueError as exc:
            problems.append(f"{name}={raw!r}: {exc}")
    return values, problems


# Settings with a fixed set of values; read case-insensitively, anything else refused.
CHOICES = {
    "log_format": ("text", "json"),
    "sms_mode": ("dev", "live"), "email_mode": ("dev", "live"),
    "national_mode": ("dev", "live"), "whatsapp_mode": ("dev", "live"),
    "telegram_mode": ("dev", "live"), "smtp_security": ("starttls", "tls", "none"),
}
TRUE_WORDS = frozenset({"1", "true", "yes", "on", "ya", "y"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "tidak", "n", ""})


# flask-limiter stores Alur ships the client for: memory, and Redis (the `redis` package).
RATELIMIT_SCHEMES = ("memory", "redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster")


def _parse(name: str, default: Any, doc: str, raw: str) -> Any:
    text = raw.strip()
    if name in CHOICES:
        return _choice(name, text)
    if name in CHECKED:
        return CHECKED[name](text)
    if isinstance(default, int) and doc[:2] in ("0 ", "1 "):  # an on/off switch
        if text.lower() in TRUE_WORDS:
            return 1
        if text.lower() in FALSE_WORDS:
            return 0
        raise ValueError("expected 1 or 0 (true/false, yes/no, on/off)")
    if isinstance(default, int):
        try:
            return int(text)
        except ValueError:
            raise ValueError("expected a whole number") from None
    if isinstance(default, float):
        try:
            return float(text)
        except ValueError:
            raise ValueError("expected a number") from None
    return raw


def _choice(name: str, text: str) -> str:
    if text.lower() not in CHOICES[name]:
        raise ValueError("expected one of " + ", ".join(CHOICES[name]))
    return text.lower()


def _storage_uri(text: str) -> str:
    """A rate limit store's URI, or ValueError saying which ones work."""
    scheme, separator, rest = text.partition("://")
    if separator and (scheme.lower() == "memory" or (scheme.lower() in RATELIMIT_SCHEMES
                                                       and rest.strip("/"))):
        return text
    raise ValueError("expected memory:// or a Redis address such as redis://127.0.0.1:6379/0 "
                     "(schemes: " + ", ".join(f"{s}://" for s in RATELIMIT_SCHEMES) + ")")


# Text settings with a form of their own: their reader, which raises ValueError for the rest.
CHECKED = {"ratelimit_storage": _storage_uri}


class SettingsError(ValueError):
    """A setting cannot be used as given: the process must not start."""


class SecretKeyError(SettingsError):
    """The secret key may not sign anything: the process must not start."""


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` may not sign sessions (None: it may)."""
    if not key.strip():
        return "ALUR_SECRET_KEY is empty"
    if key.strip().lower() in KNOWN_SECRET_KEYS or key.strip().upper() == "CHANGE-ME":
        return "ALUR_SECRET_KEY is a publicly known default value"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return (f"ALUR_SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters "
                f"({len(key)})")
    return None


def with_secret_key(settings: Settings) -> Settings:
    """``settings`` with a key that may sign sessions, or SecretKeyError saying what to do.

    In development mode (``ALUR_DEVELOPMENT=1``) a weak key is replaced by a random one made
    once and kept in ``secret_key_file``, so sessions survive a restart and the web process and
    the worker agree.
    """
    problem = secret_key_problem(settings.secret_key)
    if problem is None:
        return settings
    if settings.development:
        return replace(settings, secret_key=development_key(Path(settings.secret_key_file)))
    raise SecretKeyError(
        f"{problem}: such a key lets anyone forge a signed-in session. Set ALUR_SECRET_KEY to "
        f"a long random value, the same for every web process and worker, e.g. the output of: "
        f"python3 -c \"import secrets; print(secrets.token_hex(32))\" "
        f"(on a developer's own machine ALUR_DEVELOPMENT=1 makes and keeps one instead; "
        f"`make run` does).")


def development_key(path: Path) -> str:
    """The development key kept in ``path``, made (random, readable by the owner only) when
    missing or weak."""
    if path.is_file():
        kept = path.read_text(encoding="utf-8").strip()
        if secret_key_problem(kept) is None:
            return kept
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.touch(mode=0o600)
    temporary.write_text(key + "\n", encoding="utf-8")
    os.replace(temporary, path)  # two processes starting at once: both keys valid, one kept
    return path.read_text(encoding="utf-8").strip()


def settings_reference() -> list[tuple[str, str, str]]:
    """(variable, default, meaning) for every setting, for the deployment guide."""
    return [
        (f"ALUR_{f.name.upper()}", str(f.default), f.metadata["doc"]) for f in env_fields()
    ]
