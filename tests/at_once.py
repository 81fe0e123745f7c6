"""Work started in several threads at the same moment, for the tests of concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def at_once(n: int, work: Callable[[int], T], timeout: float = 120) -> list[T | BaseException]:
    """``work(i)`` for i in 0..n-1, each in a thread of its own released together; each one's
    result, or what it raised (in the order of i)."""
    start = threading.Barrier(n)
    outcomes: list[T | BaseException | None] = [None] * n

    def run(i: int) -> None:
        start.wait(timeout=timeout)
        try:
            outcomes[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's assertion
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes  # type: ignore[return-value] # every thread has set its own
