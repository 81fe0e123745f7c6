"""Problems found in a diagram bundle, and the report that collects them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from engine.messages import Message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bundle, pointing at a file, an element and a line."""

    file: str
    code: str
    message: str
    element_id: str | None = None
    line: int | None = None
    severity: str = "error"  # error|warning

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy; a translatable message adds its template and parameters."""
        found = asdict(self)
        if isinstance(self.message, Message):
            found.update(self.message.as_json())
        return found


@dataclass
class Report:
    """Every problem of a bundle; deployable when none is an error."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing stops a deployment (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def as_list(self) -> list[dict[str, Any]]:
        """The problems, JSON-ready."""
        return [p.as_dict() for p in self.problems]
