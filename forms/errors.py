"""Errors raised by the forms package."""

from __future__ import annotations


class FormError(Exception):
    """Base class for every error about a form definition."""


class FormNotFoundError(FormError):
    """No form exists under the requested key."""


class InvalidFormError(FormError):
    """A form file exists but is not a usable form definition."""
