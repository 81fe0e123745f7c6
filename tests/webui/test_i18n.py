"""The English catalogue covers every string Alur's screens mark for translation: every
template and every Python module of webui/, extracted with webui/babel.cfg as `pybabel
extract` does, so a string marked anywhere without an English translation fails here."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webui" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
TEMPLATE = ROOT / "webui" / "translations" / "messages.pot"
BABEL_CFG = ROOT / "webui" / "babel.cfg"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "N_": None}
PLACEHOLDER = r"%\([a-z_]+\)[sd]"


def extracted() -> dict[str, list[str]]:
    """msgid -> where it is marked, over all of webui/ as babel.cfg maps it."""
    with BABEL_CFG.open() as cfg:
        methods, options = parse_mapping_cfg(cfg)
    found: dict[str, list[str]] = {}
    for file, line, message, _comments, _context in extract_from_dir(
            str(ROOT), methods, options, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, []).append(f"{file}:{line}")
    return found


def translated() -> dict[str, object]:
    """msgid -> msgstr of the English catalogue (a tuple for plural forms)."""
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in catalog if m.id}


def _complete(text: object) -> bool:
    return all(text) if isinstance(text, tuple) else bool(text)


def test_extraction_covers_every_template_and_module() -> None:
    files = {place.split(":")[0] for places in extracted().values() for place in places}
    templates = {str(p.relative_to(ROOT)) for p in (ROOT / "webui").rglob("templates/**/*.html")}
    # Templates without a word of their own: script/style includes only.
    wordless = {"webui/modeler/templates/modeler/_assets.html",
                "webui/monitor/templates/monitor/_diagram_assets.html",
                "webui/admin/templates/admin/_account_fields.html",
                "webui/admin/templates/admin/channels/template.html",
                "webui/templates/_map.html",
                "webui/public/templates/public/_errors.html"}
    assert sorted(templates - files - wordless) == []
    assert len(files) > 80


def test_every_marked_string_has_an_english_translation() -> None:
    english = translated()
    marked = extracted()
    assert len(marked) > 600
    missing = sorted(f"{marked[s][0]}: {s}" for s in marked if not _complete(english.get(s)))
    assert missing == [], f"add to {CATALOGUE.relative_to(ROOT)}:\n" + "\n".join(missing[:40])


def test_the_catalogue_template_is_up_to_date() -> None:
    """messages.pot holds what extraction finds (babel.cfg says how to refresh it)."""
    with TEMPLATE.open("rb") as handle:
        template = {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(handle)
                    if m.id}
    assert sorted(set(extracted()) - template) == []


def test_placeholders_survive_translation() -> None:
    for source, target in translated().items():
        targets = target if isinstance(target, tuple) else (target,)
        wanted = sorted(set(re.findall(PLACEHOLDER, source)))
        for text in (t for t in targets if t):  # untranslated: gettext shows the source
            assert sorted(set(re.findall(PLACEHOLDER, str(text)))) == wanted, (source, text)
