"""Errors of the engine; the web layer maps them to HTTP statuses in one place."""

from __future__ import annotations


class AlurError(Exception):
    """Base of every error the engine raises on purpose."""


class NotFoundError(AlurError):
    """The thing asked for does not exist (or is not visible to the caller)."""


class ForbiddenError(AlurError):
    """The actor's role may not do this."""


class ConflictError(AlurError):
    """Someone else changed the same thing first; reload and try again."""


class FormInvalidError(AlurError):
    """Submitted form data does not satisfy the task's form; ``errors`` maps field → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class ScriptError(AlurError):
    """A script or expression in a diagram is not allowed or failed."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source


class DefinitionError(AlurError):
    """A diagram cannot be parsed or deployed."""


class ProcessError(AlurError):
    """A step of the process failed; the instance is left in the error state."""
