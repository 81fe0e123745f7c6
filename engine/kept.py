"""Values a process makes once and keeps: working calendars by their override text, deployed
versions' facts, rendered pieces of pages. Each store is bounded, so keys nobody asks for any
more (an old text, an edited form's old definition) cannot grow memory without end."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING = object()


class Kept(Generic[K, V]):
    """Values by key, each made on first use; emptied when it holds ``bound`` entries (what it
    held is made again when next asked for). A value is exact only if its key names everything
    it is made of: that is the caller's promise. One dict assignment per new entry, so threads
    may share a store (two may make the same value; either copy is right)."""

    def __init__(self, bound: int) -> None:
        self._bound = bound
        self._values: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of ``key``, made by ``make`` when it is not kept."""
        found = self._values.get(key, _MISSING)
        if found is _MISSING:
            found = make()
            if len(self._values) >= self._bound:
                self._values.clear()
            self._values[key] = found
        return found  # type: ignore[return-value]

    def clear(self) -> None:
        """Forget every value."""
        self._values.clear()
