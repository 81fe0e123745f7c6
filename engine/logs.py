"""Log lines as text or as JSON (``ALUR_LOG_FORMAT``), each carrying what it belongs to: the
web request's id, or the worker and its sweep and the instance it fires.

Standard library logging throughout; python-json-logger writes the JSON lines. Log lines name
things by ids and tracking codes only: never a reporter's name, contact or message text, never
a secret (docs/security.md).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

TEXT = "text"
JSON = "json"
_CONTEXT: ContextVar[Mapping[str, str]] = ContextVar(
    "alur_log_context", default=MappingProxyType({}))
# Which fields of gunicorn's access atoms an access line keeps: the path without its query
# string (a query may carry a tracking secret), and no client address or user agent.
ACCESS_ATOMS = {"method": "m", "path": "U", "status": "s", "bytes": "B", "duration_ms": "M",
                "request_id": "{x-request-id}o"}


# What a line must never show even when a gateway's error message or a traceback carries it:
# e-mail addresses, Indonesian mobile numbers, 16-digit NIKs.
PERSONAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\d)(?:\+?62|0)8\d{7,12}(?!\d)"
                      r"|(?<!\d)\d{16}(?!\d)")
HIDDEN = "[disamarkan]"


def redact(text: str) -> str:
    """``text`` with every e-mail address, mobile number and NIK replaced."""
    return PERSONAL.sub(HIDDEN, text)


@contextmanager
def log_context(**fields: str) -> Iterator[None]:
    """Every line logged inside carries ``fields`` (e.g. ``request_id``, ``sweep_id``)."""
    token = _CONTEXT.set({**_CONTEXT.get(), **fields})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def bind(**fields: str) -> object:
    """Like ``log_context`` for code that enters and leaves in two calls (a request's
    before and teardown hooks): returns the token ``unbind`` takes."""
    return _CONTEXT.set({**_CONTEXT.get(), **fields})


def unbind(token: object) -> None:
    """End what ``bind`` began."""
    _CONTEXT.reset(token)  # type: ignore[arg-type]


def current_context() -> Mapping[str, str]:
    """The fields lines logged now carry."""
    return _CONTEXT.get()


class ContextFilter(logging.Filter):
    """Puts the current context's fields on each record and hides personal data in its message
    and traceback (a handler's filter, so lines from every logger pass it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in _CONTEXT.get().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        if not isinstance(record.args, Mapping):  # gunicorn's access atoms stay for its line
            record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = redact(_PLAIN.formatException(record.exc_info))
            record.exc_info = None
        return True


_PLAIN = logging.Formatter()


class TextFormatter(logging.Formatter):
    """``time level logger message [request_id=...]``: one readable line per event."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = " ".join(f"{k}={getattr(record, k)}" for k in _CONTEXT_NAMES
                          if getattr(record, k, None))
        return f"{line} [{fields}]" if fields else line


_CONTEXT_NAMES = ("request_id", "worker", "sweep_id", "instance_id")


def json_formatter() -> JsonFormatter:
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, context."""
    return JsonFormatter("%(levelname)s %(name)s %(message)s", timestamp="time",
                         rename_fields={"levelname": "level", "name": "logger"},
                         json_ensure_ascii=False)


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access line as JSON: method, path, status, bytes, duration, request id."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s", timestamp="time",
                         rename_fields={"levelname": "level", "name": "logger"})

    def add_fields(self, log_record: dict[str, Any], record: logging.LogRecord,
                   message_dict: dict[str, Any]) -> None:
        super().add_fields(log_record, record, message_dict)
        log_record.pop("message", None)
        log_record.update(access_fields(record))


class AccessTextFormatter(logging.Formatter):
    """gunicorn's access line as text: ``time GET /path 200 1234 B 12 ms [request_id=...]``."""

    def format(self, record: logging.LogRecord) -> str:
        f = access_fields(record)
        when = self.formatTime(record)
        return (f"{when} {record.levelname} {record.name} {f['method']} {f['path']} "
                f"{f['status']} {f['bytes']} B "
                f"{f['duration_ms']} ms [request_id={f['request_id']}]")


def access_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The kept fields of an access record (its args are gunicorn's atoms)."""
    atoms = record.args if isinstance(record.args, Mapping) else {}
    fields = {name: atoms.get(atom, "-") for name, atom in ACCESS_ATOMS.items()}
    for number in ("status", "bytes", "duration_ms"):
        fields[number] = _number(fields[number])
    return fields


def _number(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def formatter(log_format: str) -> logging.Formatter:
    """The formatter for ``ALUR_LOG_FORMAT`` (text or json)."""
    return json_formatter() if log_format == JSON else TextFormatter()


def handler(log_format: str, stream: TextIO | None = None) -> logging.Handler:
    """A handler writing lines in ``log_format`` to ``stream`` (standard error), with the
    context's fields."""
    out = logging.StreamHandler(stream or sys.stderr)
    out.setFormatter(formatter(log_format))
    out.addFilter(ContextFilter())
    return out


def configure(log_format: str, level: int = logging.INFO) -> None:
    """Send every log line, in ``log_format``, to standard error: `alur worker`, `alur serve`
    and the other commands. Logging set up by someone else (a test runner) is kept."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "alur", False)]
    if len(ours) < len(root.handlers):
        return
    for old in ours:
        root.removeHandler(old)
    new = handler(log_format)
    new.alur = True  # type: ignore[attr-defined]
    root.addHandler(new)
    root.setLevel(logging.WARNING)
    logging.getLogger("alur").setLevel(level)


def gunicorn_logging(log_format: str) -> dict[str, Any]:
    """gunicorn's ``logconfig_dict``: its error log, its access log and the app's own lines
    (request ids included) in ``log_format``, all to standard error (the journal)."""
    access = AccessJsonFormatter if log_format == JSON else AccessTextFormatter
    app = json_formatter if log_format == JSON else TextFormatter
    stream = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
              "filters": ["context"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}},
        "formatters": {"app": {"()": app}, "access": {"()": access}},
        "handlers": {"app": {**stream, "formatter": "app"},
                     "access": {**stream, "formatter": "access"}},
        "root": {"level": "WARNING", "handlers": ["app"]},
        "loggers": {
            "alur": {"level": "INFO"},
            "gunicorn.error": {"level": "INFO", "handlers": ["app"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }
