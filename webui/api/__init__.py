"""JSON API v1: the contract of the mobile app, the SMS gateway and the national exchange."""

from __future__ import annotations

# Each module adds its routes to the one blueprint; importing them is registering them.
from . import caller, complaints, instances, openapi, reference, suggestions, tasks, tokens
from .common import bp

__all__ = ["bp", "caller", "complaints", "instances", "openapi", "reference", "suggestions",
           "tasks", "tokens"]
