"""Options of the documentation tests."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots", metavar="DIR", default=None,
        help="take the guides' screenshots from the demo data and save them as PNG in DIR "
             "(e.g. docs/img); without it the screenshot test is skipped")
