"""The inbox's task cards as the template prints them: each word, date and address resolved
before rendering, once per distinct value.

A page of 50 cards translated each task's name, formatted each deadline, looked up each badge
and built three addresses per card inside Jinja, where every call and attribute costs several
times what it costs here. A page has a handful of stages, deadlines and holders, so each is
worked out once and the cards share the result.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from operator import attrgetter
from typing import Any

from flask import get_template_attribute
from markupsafe import Markup, escape

from engine.complaints.inbox import InboxRow
from webui.dates import format_wib
from webui.labels import task_title
from webui.translate import current_lang, translations
from webui.urls import url_pattern

NOTICE_PREFIX = "pemberitahuan_"  # the notices' task names; they can be acknowledged in bulk


@dataclass(frozen=True, slots=True)
class Card:
    """One ready task as its card shows it."""

    id: str
    show: str  # the task's page
    action: str  # the claim or release form's address; "" for a colleague's task
    claim: bool  # the form claims the task (else it releases it)
    title: str
    code: str
    stage: Markup  # the task's name in the reader's language
    due: Markup  # the deadline badge
    due_title: Markup  # "batas" and the deadline in WIB; "" without a deadline
    holder: Markup | None  # "Diambil <name>" when a colleague holds the task
    mine: bool
    notice: bool


def task_cards(rows: list[InboxRow], me: int | None) -> list[Card]:
    """The cards of ``rows`` for the officer ``me`` (a user id), in the rows' order."""
    show = url_pattern("officer.tasks.show", "task_id")
    claim = url_pattern("officer.tasks.claim", "task_id")
    release = url_pattern("officer.tasks.unclaim", "task_id")
    words = _Words()
    cards = []
    for row in rows:
        task = row.task
        mine = task.assignee_id is not None and task.assignee_id == me
        action = claim if task.assignee_id is None else release if mine else None
        cards.append(Card(
            task.id, show(task.id), action(task.id) if action else "", action is claim,
            row.complaint.title, row.complaint.tracking_code,
            words.stage(task.spec_name, task.title), words.badge(row.badge),
            words.due_title(task.due_at), None if mine else words.holder(row.assignee),
            mine, task.spec_name.startswith(NOTICE_PREFIX)))
    return cards


class _Words:
    """A page's words, each worked out on first use and kept for the other cards."""

    def __init__(self) -> None:
        lang = current_lang()
        deadline = get_template_attribute("_macros.html", "deadline")
        # Jinja's gettext gives the translation as markup, unescaped; so do these.
        due_word = Markup(translations().ugettext("batas"))
        taken = Markup(translations().ugettext("Diambil %(name)s"))
        # A task name we have words for is a lazy string, printed as markup; the diagram's own
        # name is text and escaped: escape() does both as the template did.
        self.stage: Callable[[str, str], Markup] = cache(lambda spec, title: escape(
            task_title(spec, title)))
        self._badge: Callable[[bool, int | None], Markup] = cache(
            lambda overdue, days: deadline({"overdue": overdue, "days": days}))
        self.due_title: Callable[[datetime | None], Markup] = cache(
            lambda due: due_word + " " + format_wib(due, lang) if due else Markup())
        # As Jinja's gettext with variables does: the name escaped into the translated words.
        self.holder: Callable[[str | None], Markup | None] = cache(
            lambda name: taken % {"name": name} if name else None)

    def badge(self, badge: dict[str, Any]) -> Markup:
        """The deadline badge (rendered by the ``deadline`` macro once per distinct badge)."""
        return self._badge(bool(badge["overdue"]), badge["days"])


# Each card's own values, and the markers standing for them when a kind of card is rendered.
OWN_FIELDS = ("id", "show", "action", "title", "code")
# Random per process: no name or title written into a kind of card can pass for a marker.
MARKER = f"ALURx{secrets.token_hex(8)}x"
MARKED = re.compile(f"{MARKER}({'|'.join(OWN_FIELDS)})x")
# What makes cards of one kind; ``action`` counts only as present or not (the macro asks).
KIND = attrgetter("mine", "notice", "claim", "stage", "due", "due_title", "holder")


def card_markup(cards: list[Card]) -> list[Markup]:
    """Each card's markup: the ``card`` macro rendered once per kind of card (a page of 50 has
    a handful of stages, deadlines and holders), then each card's own values escaped in."""
    macro = get_template_attribute("officer/_task_card.html", "card")
    fillers: dict[tuple[Any, ...], Callable[[Card], Markup]] = {}
    found = []
    for card in cards:
        kind = (*KIND(card), bool(card.action))
        if kind not in fillers:
            fillers[kind] = _filler(str(macro(_marked(card))))
        found.append(fillers[kind](card))
    return found


def _marked(card: Card) -> Card:
    """The card with markers for its own values (an empty address stays empty: the macro
    prints a form only for a card with one)."""
    own = {name: f"{MARKER}{name}x" for name in OWN_FIELDS if name != "action" or card.action}
    return replace(card, **own)


def _filler(rendered: str) -> Callable[[Card], Markup]:
    """A function filling a card's values, escaped as the template escapes them, into the
    markup of its kind (re.split puts the markers' names at the odd places)."""
    parts = MARKED.split(rendered)
    first, between, values = parts[0], parts[2::2], attrgetter(*parts[1::2])

    def fill(card: Card) -> Markup:
        out = [first]
        for value, text in zip(values(card), between, strict=True):
            out += (escape(value), text)
        return Markup("".join(out))

    return fill
