"""The channel pages are in Indonesian with every marked string translated to English."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webui" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("webui/admin/templates/admin/channels/*.html", "jinja2"),
           ("webui/officer/templates/officer/digest.html", "jinja2"),
           ("webui/admin/outbox.py", "python"), ("webui/admin/contacts.py", "python"),
           ("webui/officer/digest.py", "python"), ("webui/webhooks/*.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def test_every_string_of_the_channel_pages_has_an_english_translation() -> None:
    marked = {m[0] if isinstance(m, tuple) else m
              for _f, _l, m, _c, _x in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)}
    with CATALOGUE.open("rb") as handle:
        english = {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string
                   for m in read_po(handle, locale="en") if m.id}
    assert len(marked) > 40
    missing = sorted(s for s in marked if not english.get(s)
                     or (isinstance(english[s], tuple) and not all(english[s])))
    assert missing == []


def test_a_channel_page_reads_in_english(walk, pages) -> None:  # type: ignore[no-untyped-def]
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = pages.get("/saluran/admin/?lang=en").get_data(as_text=True)
    assert "Outbox" in page and "Kotak keluar" not in page
