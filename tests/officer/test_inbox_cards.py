"""The inbox's cards are rendered once per kind and filled in per card
(webui/officer/inbox_cards.py): the markup is exactly the macro's for each card, on every page
that uses a kind's kept format."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from itertools import product
from typing import Any

from flask import Flask, get_template_attribute
from flask_wtf.csrf import generate_csrf

from engine.complaints.inbox import PageLine
from webui.officer.inbox_cards import MARKER, _Addresses, _Words, cards_markup, task_card

ME = 7
DUE = datetime(2026, 3, 5, 16, 59, tzinfo=UTC)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _lines() -> list[PageLine]:
    """Lines of every kind: mine, a colleague's or free; notice or not; with and without a
    deadline (and several deadlines of one badge); titles, names and ids needing escapes."""
    found = []
    for n, (holder, notice, due) in enumerate(product(("me", "other", None), (True, False),
                                                      (None, DUE, DUE + timedelta(hours=5)))):
        found.append(PageLine(
            id=f"id-{n}" if n % 4 else f"id <{n}>&/{{x}}",
            spec_name="pemberitahuan_terlambat" if notice else ("verifikasi", "baru")[n % 2],
            title="Langkah <baru> {0}", due_at=due,
            assignee_id=ME if holder == "me" else 9 if holder else None,
            complaint_title=f"Judul <{n}> & \"kutip\" '{MARKER}idx' {{title}}" if n % 5
            else f"Judul biasa {n}",
            tracking_code=f"EL-{n:08d}" if n % 7 else f"EL-<{n}>",
            holder=("Rekan <B&C>" if n % 3 else "Rekan Lain") if holder else None))
    return found * 2  # each kind twice: the second is filled into the first one's format


def _badge(due: datetime | None) -> dict[str, Any]:
    if due is None:
        return {"overdue": False, "days": None, "due_at": None}
    return {"overdue": due > DUE, "days": 3 if due > DUE else 0, "due_at": due}


def _expected(lines: list[PageLine]) -> str:
    """The cards as the template printed them: the macro on each card, each on its own line."""
    macro = get_template_attribute("officer/_task_card.html", "card")
    words, addresses = _Words(), _Addresses()
    return "".join(f"\n{macro(task_card(line, _badge(line.due_at), ME, words, addresses))}\n"
                   for line in lines)


def test_each_card_is_the_macros_markup_for_it(app: Flask) -> None:
    lines = _lines()
    for lang in ("id", "en", "id"):  # the second Indonesian page uses the kept formats
        with app.test_request_context(f"/petugas/?lang={lang}"):
            expected = _expected(lines)
            assert str(cards_markup(lines, _badge, ME)) == expected
            assert "Judul &lt;1&gt;" in expected and ("Take</button>" in expected) == (lang == "en")


def test_a_kept_kind_carries_each_pages_own_token_and_values(app: Flask) -> None:
    """Two officers' pages (two sessions: two CSRF tokens) share the kinds' formats; each card
    carries its page's token, and a colleague renamed makes a kind of its own."""
    lines = _lines()
    tokens = []
    for holder in ("Rekan <B&C>", "Rekan Baru"):
        renamed = [line._replace(holder=holder) if line.holder else line for line in lines]
        with app.test_request_context("/petugas/"):
            page = str(cards_markup(renamed, _badge, ME))
            assert page == _expected(renamed)
            assert set(TOKEN.findall(page)) == {generate_csrf()}
            tokens.append(generate_csrf())
    assert tokens[0] != tokens[1]
