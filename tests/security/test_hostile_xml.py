"""Diagrams are parsed without expanding entities or touching the network (the engine's own
parser; the modeler's upload is covered in tests/modeler/test_validation.py and test_views.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import DefinitionError
from engine.settings import Settings
from engine.workflow.definitions import parse_files, read_process_files
from tests.modeler.test_validation import BILLION_LAUGHS, XXE

SECRET_FILE_LINE = "root:"


def _bundle_with(main_text: str) -> dict[str, str]:
    files = read_process_files(Path(Settings().processes_dir))
    main = next(name for name in files if name.endswith(".bpmn"))
    return {**files, main: main_text}


@pytest.mark.parametrize("text", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_parse_files_expands_no_entity(text: str) -> None:
    try:
        parsed = parse_files(_bundle_with(text))
    except DefinitionError as exc:
        assert SECRET_FILE_LINE not in str(exc) and "lollol" not in str(exc)
        return
    assert SECRET_FILE_LINE not in repr(parsed)  # parsed without the entity's text

