"""Variants of the default diagrams for modeler tests, edited as XML trees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from engine.settings import ROOT
from engine.workflow.definitions import read_process_files

MAIN = "pengaduan.bpmn"
FOLLOW_UP = "tindak_lanjut_opd.bpmn"
DMN = "opd_dari_kategori.dmn"


def default_files() -> dict[str, str]:
    """The diagrams of processes/ by file name."""
    return read_process_files(Path(ROOT / "processes"))


def replaced(files: dict[str, str], name: str, old: str, new: str) -> dict[str, str]:
    """The bundle with ``old`` replaced once by ``new`` in file ``name``."""
    assert old in files[name], old
    return {**files, name: files[name].replace(old, new, 1)}


def edited(files: dict[str, str], name: str, change: Callable[[Any], None]) -> dict[str, str]:
    """The bundle with file ``name`` changed as a tree."""
    root = etree.fromstring(files[name].encode())
    change(root)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()
    return {**files, name: text}


def drop(root: Any, element_id: str) -> None:
    """Remove an element, its shapes and every reference to it by text."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element_id in (element.get("id"), element.get("bpmnElement"), element.text):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)


def by_id(root: Any, element_id: str) -> Any:
    """The element with ``element_id``."""
    return root.xpath("//*[@id=$id]", id=element_id)[0]


def rename(files: dict[str, str], element_id: str, name: str, file: str = MAIN) -> dict[str, str]:
    """The bundle with element ``element_id`` named ``name``."""
    return edited(files, file, lambda root: by_id(root, element_id).set("name", name))


def without_liaison_task(files: dict[str, str]) -> dict[str, str]:
    """The follow-up subprocess with its first user task ("tanggapi") removed."""

    def change(root: Any) -> None:
        drop(root, "tanggapi")
        drop(root, "alur_tanggapi_cara_tindak_lanjut")
        by_id(root, "alur_gabung_tanggapi_tanggapi").set("targetRef", "cara_tindak_lanjut")

    return edited(files, FOLLOW_UP, change)
