"""What scripts in a diagram may do to the world, collected per task and applied on commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engine.calendar.working_days import WIB, WorkingCalendar
from engine.clock import Clock
from engine.domain import ANSWERS, STATUSES
from engine.errors import ScriptError

RECIPIENTS = frozenset(
    {"pelapor", "tim_admin", "pejabat_penghubung", "anggota", "ketua", "assignee", "nasional",
     "penanggung_jawab", "pengarah"}
)


@dataclass
class Effect:
    """One thing a script asked for: a status, a published follow-up, a notification."""

    kind: str  # status|follow_up|question|notify|release_opd
    task_spec: str
    args: dict[str, Any]


@dataclass
class Effects:
    """Effects of the running step; a task's effects count only once that task completed."""

    pending: list[Effect] = field(default_factory=list)
    committed: list[Effect] = field(default_factory=list)
    current_task: str = ""

    def add(self, kind: str, **args: Any) -> None:
        """Record an effect of the task now running."""
        self.pending.append(Effect(kind, self.current_task, args))

    def will_run(self, task: Any) -> None:
        """Called before a task runs."""
        self.pending.clear()
        self.current_task = task.task_spec.bpmn_id or task.task_spec.name

    def did_run(self, _task: Any) -> None:
        """Called after a task completed: its effects become real."""
        self.committed.extend(self.pending)
        self.pending.clear()


def _parse_instant(value: Any) -> datetime:
    if isinstance(value, datetime):
        instant = value
    else:
        try:
            instant = datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise ScriptError(f"not an ISO instant: {value!r}") from exc
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=WIB)
    return instant


MAX_WORKING_DAYS = 3650


def script_functions(
    clock: Clock, calendar: WorkingCalendar, effects: Effects
) -> dict[str, Callable[..., Any]]:
    """The functions a diagram's scripts and expressions may call."""
    return {**_time_functions(clock, calendar), **_effect_functions(effects),
            "reporter_answer": reporter_answer}


def reporter_answer(reply: Any) -> str:
    """The reporter's answer carried by a reply message: "sudah", "belum", or "" for a plain
    message (a function, so that the diagram's gateway stays plain code run in the host)."""
    answer = reply.get("answer") if isinstance(reply, dict) else None
    return answer if answer in ANSWERS else ""


def _time_functions(clock: Clock, calendar: WorkingCalendar) -> dict[str, Callable[..., Any]]:
    def add_working_days(instant: Any, n: int) -> str:
        """End of the n-th working day after the day of ``instant`` (ISO, WIB)."""
        days = int(n)
        if abs(days) > MAX_WORKING_DAYS:  # runs in the host, outside the sandbox's limits
            raise ScriptError(f"add_working_days: at most {MAX_WORKING_DAYS} days")
        return calendar.add_working_days(_parse_instant(instant), days).isoformat()

    def working_days_between(start: Any, end: Any) -> int:
        """Working days after the day of ``start`` up to and including the day of ``end``."""
        return calendar.working_days_between(_parse_instant(start), _parse_instant(end))

    def now() -> str:
        """The current instant (ISO, WIB)."""
        return clock().astimezone(WIB).isoformat()

    return {"add_working_days": add_working_days, "working_days_between": working_days_between,
            "now": now}


def _effect_functions(effects: Effects) -> dict[str, Callable[..., Any]]:
    def set_status(status: str) -> None:
        """Move the complaint to ``status``."""
        if status not in STATUSES:
            raise ScriptError(f"unknown status {status!r}")
        effects.add("status", status=status)

    def post_follow_up(text: str) -> None:
        """Publish the OPD's follow-up to the reporter."""
        if not str(text or "").strip():
            raise ScriptError("post_follow_up needs the text of the follow-up")
        effects.add("follow_up", text=str(text))

    def ask_reporter(question: str) -> None:
        """Put an officer's question to the reporter on the report's page, where the reporter
        and officers read it (never the public), before and after it is answered."""
        if not str(question or "").strip():
            raise ScriptError("ask_reporter needs the question")
        effects.add("question", text=str(question).strip())

    def notify(template: str, to: str) -> None:
        """Queue notification ``template`` for ``to``."""
        if to not in RECIPIENTS:
            raise ScriptError(f"unknown recipient {to!r}")
        effects.add("notify", template=str(template), to=to)

    def release_opd() -> None:
        """The complaint leaves its OPD: the OPD no longer holds, reads or counts it."""
        effects.add("release_opd")

    return {"set_status": set_status, "post_follow_up": post_follow_up,
            "ask_reporter": ask_reporter, "notify": notify, "release_opd": release_opd}
