"""Hard limits on diagram code: the operating system ends what a trace hook cannot see.

Each payload here once ran past the deadline or allocated gigabytes inside one C-level call,
or left the task data unsavable. The list grows with every new trick.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from engine.calendar.working_days import WorkingCalendar
from engine.clock import FixedClock
from engine.complaints.effects import Effects, script_functions
from engine.errors import ScriptError
from engine.workflow import sandbox
from engine.workflow.scripting import RestrictedEnvironment, is_plain

# (payload, the limit it must hit)
HARD = [
    ("n = 1\nwhile n:\n    pass", "waktu"),  # "while True" is refused before it runs
    ("math.factorial(3*10**6)", "waktu"),
    ("math.comb(2*10**6, 10**6)", "waktu"),
    ("math.prod(range(1, 999999))", "waktu"),
    ("sum([[0]*1000]*999999, [])", "waktu|memori"),
    ("s = str([[0]*999999]*999999)", "waktu|memori"),
    ("b = (1).to_bytes(2*10**9, 'big')", "memori"),
    ("s = ('a'*100000).replace('a', 'a'*100000)", "memori"),
]
# Deadline: the CPU limit, a second of rlimit granularity, and a busy two-core machine.
MOST_SECONDS = sandbox.WALL_SECONDS + 1


@pytest.mark.parametrize(("payload", "limit"), HARD)
def test_a_payload_ends_within_the_limit_with_a_clear_error(payload: str, limit: str) -> None:
    started = time.monotonic()
    with pytest.raises(ScriptError, match=f"skrip melewati batas ({limit})"):
        RestrictedEnvironment({}).execute(payload, {})
    assert time.monotonic() - started < MOST_SECONDS
    # The next script runs as usual in a fresh child.
    context: dict[str, object] = {"n": 2}
    RestrictedEnvironment({}).execute("m = n * 2", context)
    assert context == {"n": 2, "m": 4}


def test_an_expression_is_held_to_the_same_limits() -> None:
    with pytest.raises(ScriptError, match="batas waktu"):
        RestrictedEnvironment({}).evaluate("math.factorial(3*10**6) > 0", {})


@pytest.mark.parametrize("payload", ["g = map(str, [1])", "g = enumerate([1])", "s = {1, 2}",
                                     "h = [(i for i in [1])]", "f = float('nan')",
                                     "r = random"])
def test_a_value_that_cannot_be_saved_is_refused_at_the_script(payload: str) -> None:
    context: dict[str, object] = {"kept": 1}
    with pytest.raises(ScriptError, match="tidak dapat disimpan"):
        RestrictedEnvironment({}).execute(payload, context)
    assert context == {"kept": 1}


def test_a_script_cannot_reseed_the_host() -> None:
    state = random.getstate()
    RestrictedEnvironment({}).execute("random.seed(1)\nx = random.random()", {})
    assert random.getstate() == state
    first: dict[str, object] = {}
    second: dict[str, object] = {}
    RestrictedEnvironment({}).execute("x = random.random()", first)
    RestrictedEnvironment({}).execute("random.seed(1)\nx = random.random()", {})
    RestrictedEnvironment({}).execute("x = random.random()", second)
    assert first["x"] != second["x"]  # the seed of one run does not carry to the next


def test_a_script_cannot_change_a_module_for_the_next() -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - refused by the write guard
        RestrictedEnvironment({}).execute("math.pi = 3", {})
    context: dict[str, object] = {}
    RestrictedEnvironment({}).execute("p = math.pi", context)
    assert str(context["p"]).startswith("3.14159")


def test_host_functions_run_in_the_host_and_their_errors_reach_the_script() -> None:
    calls: list[int] = []

    def record(n: int) -> int:
        calls.append(n)
        if n < 0:
            raise ScriptError("negatif")
        return n + 1

    context: dict[str, object] = {}
    RestrictedEnvironment({"record": record}).execute(
        "a = record(1)\ntry:\n    record(-1)\n    b = 'no'\nexcept Exception:\n    b = 'refused'",
        context)
    assert calls == [1, -1] and context == {"a": 2, "b": "refused"}


@pytest.mark.parametrize("payload", [source for source, _ in HARD] + [
    "x = s + s", "x = [0]", "x = s[0]", "x = s.upper()", "x = str(n)", "x = s * 2",
    "x = sum(s)", "x = sorted(s)", "x = max(s + s)",
    "if s:\n    x = 1\nelse:\n    x = 2\nwhile s:\n    pass",
])
def test_only_plain_code_skips_the_sandbox(payload: str) -> None:
    assert not is_plain(payload, "exec", frozenset({"set_status"}))


def _shipped_code() -> list[tuple[str, str]]:
    """Every script and expression of the shipped BPMN diagrams, with its kind."""
    found: list[tuple[str, str]] = []
    for path in sorted((Path(__file__).resolve().parents[2] / "processes").glob("*.bpmn")):
        for element in etree.parse(str(path)).iter():
            tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
            text = (element.text or "").strip()
            if tag == "script" and text:
                found.append((text, "exec"))
            elif tag in ("conditionExpression", "timeDate", "timeDuration", "timeCycle") and text:
                found.append((text, "eval"))
    return found


def test_the_diagrams_own_code_is_plain() -> None:
    # Every script and expression of the shipped diagrams runs in the host: the sandbox's round
    # trip would cost the engine its benchmark target (docs/performance.md).
    functions = frozenset(script_functions(FixedClock(datetime(2026, 3, 2, tzinfo=UTC)),
                                           WorkingCalendar(), Effects()))
    code = _shipped_code()
    assert len(code) > 20
    assert [source for source, kind in code if not is_plain(source, kind, functions)] == []
