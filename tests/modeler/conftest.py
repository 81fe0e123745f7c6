"""Fixtures of the modeler tests: hands for complaints, form checks, signed-in clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engine.modeler.drafts import FormCheckFactory
from engine.workflow.form_versions import FormSource
from tests.sessions import sign_in_client
from tests.walk import Walk
from webui.modeler.common import form_checks, form_source


@pytest.fixture
def checks(settings) -> FormCheckFactory:  # type: ignore[no-untyped-def]
    """Form checks against the forms folder (and a draft's own forms)."""
    return form_checks(settings.forms_dir)


@pytest.fixture
def source(settings) -> FormSource:  # type: ignore[no-untyped-def]
    """The forms folder as JSON."""
    return form_source(settings.forms_dir)


@pytest.fixture
def sign_in(client, walk: Walk) -> Callable[[str], Any]:  # type: ignore[no-untyped-def]
    """``sign_in(role)``: the test client signed in as an officer of ``role``."""

    def as_role(role: str, opd: str | None = None) -> Any:
        actor = walk.user(role, opd)
        return sign_in_client(client, walk.services, actor.user_id)

    return as_role
