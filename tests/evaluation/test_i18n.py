"""The evaluation's and the survey's screens speak English when asked (Indonesian first)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webui" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("webui/evaluation/templates/evaluation/*.html", "jinja2"),
           ("webui/public/templates/survey/*.html", "jinja2"),
           ("webui/admin/templates/admin/code_lists.html", "jinja2"),
           ("webui/evaluation/*.py", "python"), ("webui/public/survey*.py", "python"),
           ("webui/admin/code_lists.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def test_every_string_of_these_screens_has_an_english_translation() -> None:
    marked = {m[0] if isinstance(m, tuple) else m
              for _f, _l, m, _c, _x in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)}
    with CATALOGUE.open("rb") as handle:
        english = {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string
                   for m in read_po(handle, locale="en") if m.id}
    assert len(marked) > 100
    missing = sorted(s for s in marked if not english.get(s))
    assert missing == [], missing[:20]
    for source in marked:
        for name in ("%(title)s", "%(code)s", "%(n)d"):
            assert (name in source) == (name in str(english[source])), source


def test_the_survey_in_english(client: FlaskClient) -> None:
    # Needs the compiled catalogue (`make setup` compiles it).
    html = client.get("/survei/?lang=en").get_data(as_text=True)
    assert "Public Satisfaction Survey" in html
    assert "How fast was the service?" in html and "Very fast" in html
    assert "Public Satisfaction" in client.get("/survei/").get_data(as_text=True)  # remembered
