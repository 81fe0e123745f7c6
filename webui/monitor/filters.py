"""The instance list's filters, read from the query string."""

from __future__ import annotations

from typing import Any

from flask import request

from engine.monitor.instance_list import InstanceFilter
from webui.screen import parse_day

FILTER_KEYS = ("status", "instance_status", "opd", "category", "kecamatan", "channel",
               "overdue", "received_from", "received_to", "q", "step", "definition", "sort")


def _flag(text: str | None) -> bool | None:
    return {"ya": True, "true": True, "tidak": False, "false": False}.get((text or "").lower())


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def filter_from(args: Any, per_page: int = 25) -> InstanceFilter:
    """The list filter the query string asks for (blank means "any")."""
    def text(name: str) -> str | None:
        return (args.get(name) or "").strip() or None

    return InstanceFilter(
        status=text("status"), instance_status=text("instance_status"), opd=text("opd"),
        category=text("category"), kecamatan=text("kecamatan"), channel=text("channel"),
        overdue=_flag(args.get("overdue")),
        received_from=parse_day(args.get("received_from")),
        received_to=parse_day(args.get("received_to")), q=text("q"), step=text("step"),
        definition=_int(args.get("definition"), 0) or None,
        sort=text("sort") or "-received_at", page=_int(args.get("page"), 1),
        per_page=_int(args.get("per_page"), per_page))


def current_filters() -> dict[str, str]:
    """The non-blank filter values of this request (for links that keep them)."""
    return {k: request.args[k] for k in FILTER_KEYS if request.args.get(k)}
