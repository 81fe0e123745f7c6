"""The inbox's cards are rendered once per kind and filled in per card
(webui/officer/inbox_cards.py): the markup is exactly the macro's for each card."""

from __future__ import annotations

from itertools import product

from flask import Flask, get_template_attribute
from markupsafe import Markup

from webui.officer.inbox_cards import MARKER, Card, card_markup


def _cards() -> list[Card]:
    """Cards of every kind: mine or not, notice or not, claim, release or no form, with and
    without a deadline, held by a colleague or free, titles needing escapes."""
    found = []
    for n, (mine, notice, action, due) in enumerate(product((True, False), repeat=4)):
        claim = action and not mine
        found.append(Card(
            id=f"id-{n}", show=f"/petugas/tugas/id-{n}",
            action=f"/petugas/tugas/id-{n}/{'ambil' if claim else 'lepas'}" if action else "",
            claim=claim, title=f"Judul <{n}> & \"kutip\" '{MARKER}idx'", code=f"EL-{n:08d}",
            stage=Markup("Verifikasi laporan") if n % 3 else Markup("Langkah &lt;baru&gt;"),
            due=Markup('<span class="badge">3 hari kerja lagi</span>'),
            due_title=Markup("batas Kamis") if due else Markup(),
            holder=None if mine or n % 2 else Markup("Diambil Rekan &lt;B&gt;"),
            mine=mine, notice=notice))
    return found * 2  # each kind twice: the second is filled into the first one's markup


def test_each_card_is_the_macros_markup_for_it(app: Flask) -> None:
    cards = _cards()
    with app.test_request_context("/petugas/"):
        macro = get_template_attribute("officer/_task_card.html", "card")
        assert card_markup(cards) == [macro(card) for card in cards]
