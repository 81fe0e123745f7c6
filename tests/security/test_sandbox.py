"""Script sandbox: known escape payloads are refused by the modeler's validation and when run in
the restricted environment; huge allocations are refused before they happen."""

from __future__ import annotations

import pytest
from lxml import etree

from engine.modeler.script_checks import Source
from engine.modeler.script_checks import check_source as validate
from engine.workflow.scripting import MAX_ITEMS, RestrictedEnvironment, check_source

ESCAPES = [
    # imports and the dangerous builtins
    "import os",
    "from math import *",
    "__import__('os').system('id')",
    "open('/etc/passwd').read()",
    "eval('1+1')",
    "exec('x=1')",
    "compile('1', 'f', 'eval')",
    "globals()",
    "vars()",
    "vars(string)",
    "__builtins__",
    "type(1)",
    "X = type('X', (), {})",
    # dunder attributes, directly, via getattr strings, on literals and lambdas
    "().__class__.__bases__[0].__subclasses__()",
    "x = (1).__class__",
    "getattr(1, '__class__')",
    "[c for c in ().__class__.__mro__]",
    "f = lambda: 0; f.__code__",
    "r = ().__reduce_ex__(2)",
    "math.__loader__",
    # format strings reach attributes by name, past the guards
    "s = '{0.__class__}'.format(1)",
    "s = '{x.__init__.__globals__}'.format_map({'x': 1})",
    "f = string.Formatter()\nv = f.get_field('0.__class__', [1], {})",
    # frames of generators lead back into the host
    "def g():\n    yield 1\nf = g().gi_frame.f_back",
    "c = (i for i in [1]).gi_code",
    # decorators and classes as a way to call what may not be called
    "@type\nclass X:\n    pass",
    "class X:\n    def __init__(self):\n        pass",
    # huge allocations: the deadline cannot interrupt one C-level allocation
    "s = 'x' * 10**10",
    "n = 2 ** 10**10",
    "l = [0] * 10**9",
    "n = 1 << 10**10",
    "s = 'x'.ljust(10**10)",
    "s = '%10000000000d' % 1",
    "s = '%*d' % (10**10, 1)",
    "s = b'%.10000000000d' % 1",
    "s = f'{1:>10000000000}'",
    "w = 10\ns = f'{1:>{w}}'",
]
# Huge allocations whose size only shows at run time (the modeler cannot see the numbers).
RUNTIME_ONLY = [
    "n = big\ns = 'x' * n",
    "s = 'x'\ns *= big",
    "l = list(range(big))",
    "v = pow(2, big)",
    "e = big\nn = 2 ** e",
    "f = '%' + str(big) + 'd'\ns = f % 1",
]


def _validate(text: str) -> list[str]:
    element = etree.fromstring("<script>x</script>")
    return [p.message for p in validate("x.bpmn", Source(element, text, "script", "Skrip"))]


def test_the_list_is_long_enough() -> None:
    assert len(ESCAPES) >= 20


@pytest.mark.parametrize("payload", ESCAPES)
def test_escape_is_refused_by_the_modelers_validation(payload: str) -> None:
    assert _validate(payload), payload


@pytest.mark.parametrize("payload", ESCAPES + RUNTIME_ONLY)
def test_escape_is_refused_when_run(payload: str) -> None:
    context = {"big": 10**10}
    with pytest.raises(Exception) as refused:  # noqa: PT011 - any refusal, as long as it refuses
        RestrictedEnvironment({}).execute(payload, context)
    assert not isinstance(refused.value, MemoryError), "it tried to allocate"


@pytest.mark.parametrize("payload", ["s = 'x' * 10**10", "n = 2 ** 10**10", "n = 1 << 10**10"])
def test_huge_constants_are_refused_when_compiling(payload: str) -> None:
    assert check_source(payload, expression=False)


def test_expressions_are_bounded_too() -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011
        RestrictedEnvironment({}).evaluate("'x' * big", {"big": 10**10})


def test_ordinary_arithmetic_still_works() -> None:
    context: dict[str, object] = {"n": 3}
    RestrictedEnvironment({}).execute(
        "a = n * 2\nb = 2 ** 10\nc = 'ab' * n\nd = [0] * 5\ne = 1 << 4\nd *= 2\n"
        "f = list(range(10))\ng = pow(2, 8)\nh = '%s-%05d' % (a, b)\ni = f'{a:>4}|{b}'\n"
        "j = 7 % 3", context)
    assert (context["a"], context["b"], context["c"], context["e"]) == (6, 1024, "ababab", 16)
    assert context["d"] == [0] * 10 and context["g"] == 256 and context["j"] == 1
    assert (context["h"], context["i"]) == ("6-01024", "   6|1024")
    assert RestrictedEnvironment({}).evaluate("x * 2", {"x": MAX_ITEMS}) == 2 * MAX_ITEMS
