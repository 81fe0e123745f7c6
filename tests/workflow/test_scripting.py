"""Scripts in diagrams run restricted: no imports, no dunders, no files, bounded time."""

from __future__ import annotations

import pytest

from engine.errors import ScriptError
from engine.workflow.scripting import check_source, compile_expression, compile_script

ESCAPES = [
    "import os",
    "__import__('os').system('id')",
    "open('/etc/passwd').read()",
    "eval('1+1')",
    "exec('x=1')",
    "().__class__.__bases__[0].__subclasses__()",
    "x = (1).__class__",
    "getattr(1, '__class__')",
    "globals()",
    "[c for c in ().__class__.__mro__]",
    "compile('1', 'f', 'eval')",
    "f = lambda: 0; f.__code__",
    "type(1)",
    "vars()",
    "__builtins__",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_escape_payloads_are_refused_or_harmless(payload: str) -> None:
    problems = check_source(payload, expression=False)
    if problems:
        with pytest.raises(ScriptError):
            compile_script(payload)
        return
    # Compiles, so it must fail when run in the restricted environment.
    from engine.workflow.scripting import _BUILTINS, _GUARDS

    scope = {**_GUARDS, "__builtins__": _BUILTINS}
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as it refuses
        exec(compile_script(payload), scope)  # noqa: S102


def test_ordinary_scripts_compile() -> None:
    assert check_source('set_status("diterima")\nx = add_working_days(received_at, 3)',
                        expression=False) == []
    assert compile_expression('decision == "forward"') is not None


def test_a_runaway_script_is_stopped() -> None:
    from engine.workflow.scripting import RestrictedEnvironment

    env = RestrictedEnvironment({})
    with pytest.raises(ScriptError, match="batas waktu"):
        env.execute("n = 0\nwhile n >= 0:\n    n += 1\n", {})


def test_time_in_host_functions_does_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # A cold holiday cache on a busy machine once made `terima` fail with "ran longer than 1 s".
    from engine.workflow import sandbox
    from engine.workflow.scripting import RestrictedEnvironment

    now = [1000.0]
    monkeypatch.setattr(sandbox.time, "monotonic", lambda: now[0])

    def slow_host_function() -> str:
        now[0] += 5 * sandbox.WALL_SECONDS  # far past the deadline, inside trusted code
        return "ok"

    env = RestrictedEnvironment({"slow": slow_host_function})
    context: dict[str, object] = {}
    env.execute("result = slow()\nagain = slow()\n", context)
    assert context == {"result": "ok", "again": "ok"}


def test_code_that_names_random_gets_its_own_seedable_generator() -> None:
    from engine.workflow.scripting import run_here

    script = "random.seed(7)\nfirst = random.random()\nrandom.seed(7)\nagain = random.random()"
    left = run_here("exec", script, {}, {}, {})
    assert left["first"] == left["again"]
    assert "random" not in left
    inner = "def pick():\n    return random.randint(1, 1)\nx = pick()"
    assert run_here("exec", inner, {}, {}, {})["x"] == 1
    assert run_here("eval", "[random.randint(2, 2) for _ in range(2)]", {}, {}, {}) == [2, 2]


def test_code_without_random_makes_no_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    # Seeding a generator reads the OS's entropy: a cost on every expression of a diagram.
    import random

    from engine.workflow import scripting

    made: list[object] = []
    real = random.Random
    monkeypatch.setattr(scripting.random, "Random", lambda: made.append(1) or real())
    assert scripting.run_here("eval", "a + 1", {"a": 1}, {}, {}) == 2
    assert scripting.run_here("exec", "b = a * 2", {"a": 2}, {}, {}) == {"a": 2, "b": 4}
    assert made == []
    scripting.run_here("eval", "random.random()", {}, {}, {})
    assert made == [1]


def test_the_syntax_check_is_remembered_and_still_refuses() -> None:
    from engine.workflow.scripting import make_script_engine

    engine = make_script_engine({})
    for _ in range(2):
        engine.validate("a == 'x'")
        with pytest.raises(SyntaxError) as first:
            engine.validate("> 3")
        with pytest.raises(SyntaxError) as second:
            engine.validate("> 3")
        assert first.value is not second.value
        assert first.value.args == second.value.args
