"""Message templates: one file per template and channel in ``templates/``, rendered here.

``<name>.sms.txt`` is the SMS (and the WhatsApp/Telegram message unless ``<name>.chat.txt``
exists), ``<name>.email.txt`` the plain email (its first line
``Subjek: ...`` is the subject) and ``<name>.email.html`` the HTML email. Templates are
Jinja2 in a sandbox, undefined names are errors, HTML is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from engine.calendar.working_days import WIB
from engine.labels import DAYS, MONTHS
from engine.messages import Message

from .base import NO_SUBJECT, NO_TEMPLATE, TEMPLATE_BROKEN, PermanentDeliveryError

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SUBJECT_PREFIX = "Subjek:"
CHAT_CHANNELS = ("whatsapp", "telegram")


@dataclass(frozen=True)
class Rendered:
    """A message as its channel sends it."""

    text: str
    subject: str = ""
    html: str | None = None


@dataclass(frozen=True)
class TemplateFile:
    """A template file as admins read it."""

    name: str
    channel: str
    filename: str
    source: str


def format_day(instant: datetime | None) -> str:
    """``Kamis, 5 Maret 2026`` (WIB); empty for no instant."""
    if instant is None:
        return ""
    local = instant.astimezone(WIB)
    return f"{DAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year}"


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    env.filters["day"] = format_day
    return env


def _render_file(filename: str, context: dict[str, Any]) -> str:
    try:
        return _environment().get_template(filename).render(**context).strip()
    except TemplateError as exc:
        broken = Message(TEMPLATE_BROKEN, file=filename, error=str(exc))
        raise PermanentDeliveryError(broken) from None


def render(template: str, channel: str, context: dict[str, Any]) -> Rendered:
    """The message ``template`` for ``channel``; PermanentDeliveryError when it cannot be."""
    if channel == "sms":
        return Rendered(_render_file(f"{template}.sms.txt", context))
    if channel in CHAT_CHANNELS:  # a chat's own wording, else the SMS one
        own = f"{template}.chat.txt"
        return Rendered(_render_file(own if (TEMPLATES_DIR / own).exists()
                                     else f"{template}.sms.txt", context))
    if channel == "email":
        subject, text = _split_subject(_render_file(f"{template}.email.txt", context))
        return Rendered(text, subject, _render_file(f"{template}.email.html", context))
    raise PermanentDeliveryError(Message(NO_TEMPLATE, channel=channel))


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        raise PermanentDeliveryError(Message(NO_SUBJECT))
    return first[len(SUBJECT_PREFIX):].strip(), rest.strip()


def template_files() -> list[TemplateFile]:
    """Every template file, by name then channel (for the admins' page)."""
    found = []
    for path in sorted(TEMPLATES_DIR.glob("*.*.*")):
        name, channel, _ = path.name.split(".", 2)
        if not name.startswith("_"):
            found.append(TemplateFile(name, channel, path.name, path.read_text("utf-8")))
    return found


def template_file(filename: str) -> TemplateFile | None:
    """One template file by its file name, or None."""
    return next((f for f in template_files() if f.filename == filename), None)
