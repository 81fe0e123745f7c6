"""The English catalogue covers every string the screens mark for translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webui" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
# The screens of issue 4 (other areas keep their own strings in the same catalogue).
SCREENS = ["base", "_macros", "_nav", "_complaint", "error", "public/*", "officer/*",
           "frontoffice/*", "admin/*"]
MODULES = ["i18n", "labels", "texts", "views/common", "views/public", "views/tracking",
           "views/officer", "views/tasks", "views/files", "views/frontoffice",
           "views/registration_book", "views/admin", "views/admin_reference",
           "views/admin_calendar"]
METHODS = ([(f"webui/templates/{name}.html", "jinja2") for name in SCREENS]
           + [(f"webui/{name}.py", "python") for name in MODULES])
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def marked_strings() -> set[str]:
    """Every msgid extraction finds, as pybabel extract -F webui/babel.cfg would."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def translated() -> dict[str, object]:
    """msgid -> msgstr of the English catalogue."""
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in catalog if m.id}


def test_every_marked_string_has_an_english_translation() -> None:
    english = translated()
    marked = marked_strings()
    assert len(marked) > 300  # the patterns still find the screens
    missing = sorted(s for s in marked if not english.get(s))
    assert missing == [], f"add to {CATALOGUE.relative_to(ROOT)}: {missing[:20]}"


def test_placeholders_survive_translation() -> None:
    for source, target in translated().items():
        targets = target if isinstance(target, tuple) else (target,)
        for text in (t for t in targets if t):  # untranslated: gettext shows the source
            for name in ("%(num)d", "%(page)d", "%(pages)d", "%(code)s", "%(name)s",
                         "%(username)s", "%(title)s", "%(day)s", "%(year)d"):
                assert (name in source) == (name in str(text)), (source, text)
