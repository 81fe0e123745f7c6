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
from typing import Any
from urllib.parse import quote

from flask import current_app, get_template_attribute, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from engine.complaints.inbox import PageLine
from engine.kept import Kept
from webui.dates import format_wib
from webui.labels import task_title
from webui.translate import current_lang, translations
from webui.urls import url_pattern

CARD_TEMPLATE = "officer/_task_card.html"  # its macro ``card`` prints one card
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


def task_card(line: PageLine, badge: dict[str, Any], me: int | None, words: _Words,
              addresses: _Addresses) -> Card:
    """The card of ``line`` (with its deadline's ``badge``) for the officer ``me`` (a user id)."""
    mine = line.assignee_id is not None and line.assignee_id == me
    action = (addresses.claim if line.assignee_id is None else addresses.release if mine
              else None)
    return Card(
        line.id, addresses.show(line.id), action(line.id) if action else "",
        line.assignee_id is None, line.complaint_title, line.tracking_code,
        words.stage(line.spec_name, line.title), words.badge(badge),
        words.due_title(line.due_at), None if mine else words.holder(line.holder),
        mine, line.spec_name.startswith(NOTICE_PREFIX))


class _Addresses:
    """A page's addresses of a task: its page, and its claim and release forms."""

    def __init__(self) -> None:
        self.show = url_pattern("officer.tasks.show", "task_id")
        self.claim = url_pattern("officer.tasks.claim", "task_id")
        self.release = url_pattern("officer.tasks.unclaim", "task_id")


class _Words:
    """A page's words, each worked out on first use and kept for the other cards."""

    def __init__(self) -> None:
        lang = current_lang()
        deadline = get_template_attribute("_macros.html", "deadline")
        # Jinja's gettext gives the translation as markup, unescaped; so do these.
        due_word = Markup(translations().ugettext("batas"))
        taken = Markup(translations().ugettext("Diambil %(name)s"))
        # A task's name is text, escaped as the template escapes it.
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
OWN_FIELDS = ("id", "show", "action", "title", "code", "due_title")
# Random per process: no name or title written into a kind of card can pass for a marker.
MARKER = f"ALURx{secrets.token_hex(8)}x"
MARKED = re.compile(f"{MARKER}({'|'.join(OWN_FIELDS)})x")
# A task id that an address and the markup print as it is (ids are UUIDs).
PLAIN_ID = re.compile(r"[A-Za-z0-9_.~-]+").fullmatch
PLAIN_TEXT = re.compile(r"[^&<>\"']*").fullmatch  # nothing the template would escape


def cards_markup(lines: list[PageLine], badge: Callable[[datetime | None], dict[str, Any]],
                 me: int | None) -> Markup:
    """The markup of the cards of ``lines`` for the officer ``me``, as the inbox template printed
    them one by one (each on a line of its own).

    The ``card`` macro is rendered once per kind of card (a page of 50 has a handful of stages,
    deadline badges and holders) with markers in place of the card's own values, and made a
    format string into which each card's values go, escaped as the template escapes them. A
    kind's format is kept per process under everything its markup is made of (``_Page.kind``);
    the card's own values, its deadline and the form's CSRF token are filled in on every page.
    """
    page = _Page(me)
    out = []
    for line in lines:
        due, assignee = line.due_at, line.assignee_id
        found = badge(due)
        kind = (assignee is None, assignee == me, line.spec_name, line.title, found["overdue"],
                found["days"], due is None,
                line.holder if assignee is not None and assignee != me else None)
        form = page.kind(kind, line, found)
        task_id, title, code = line.id, line.complaint_title, line.tracking_code
        own = task_id if PLAIN_ID(task_id) else quote(task_id, safe="")
        # Text without a character to escape goes in as it is (escape() would copy it).
        out.append(form.format(id=task_id if own is task_id else escape(task_id), q=own,
                               title=title if PLAIN_TEXT(title) else escape(title),
                               code=code if PLAIN_TEXT(code) else escape(code),
                               due=page.due_title(due), csrf=page.csrf))
    return Markup("".join(out))


KEPT = 4096  # a bound on the kinds (and deadlines) kept
# Kept formats, per (language, catalogue, mount point, templates), then per kind of card.
_FORMATS: Kept[tuple[Any, ...], Kept[tuple[Any, ...], str]] = Kept(KEPT)
_DUE_TITLES: Kept[tuple[str, Any, datetime], Markup] = Kept(KEPT)


class _Page:
    """What one page's cards share: the kept formats of its kinds, its CSRF token, and the
    words and addresses to render a kind not seen yet."""

    def __init__(self, me: int | None) -> None:
        self.me = me
        self.lang, self.catalogue = current_lang(), translations()
        self.csrf = generate_csrf()
        env = current_app.jinja_env
        # The templates themselves are in the key: one reloaded in development is a new object.
        self.templates = (env.get_template(CARD_TEMPLATE), env.get_template("_macros.html"))
        self.formats: Kept[tuple[Any, ...], str] = _FORMATS.get(
            (self.lang, self.catalogue, request.script_root, *self.templates),
            lambda: Kept(KEPT))
        self._words: _Words | None = None

    def kind(self, kind: tuple[Any, ...], line: PageLine, badge: dict[str, Any]) -> str:
        """The format of ``kind``, rendered from ``line`` (its first card) and kept."""
        return self.formats.get(kind, lambda: self._format(line, badge))

    def _format(self, line: PageLine, badge: dict[str, Any]) -> str:
        words, addresses = self._words or _Words(), _Addresses()
        self._words = words
        card = task_card(line, badge, self.me, words, addresses)
        action = addresses.claim if card.claim else addresses.release if card.action else None
        macro = self.templates[0].module.card  # type: ignore[attr-defined]
        rendered = str(macro(_marked(card)))
        return _format_of(rendered, self.csrf, addresses.show, action)

    def due_title(self, due: datetime | None) -> Markup:
        """ "batas" and the deadline in WIB ("" without a deadline), kept per language."""
        if due is None:
            return Markup()
        return _DUE_TITLES.get((self.lang, self.catalogue, due),
                               lambda: (self._words or _Words()).due_title(due))


def _marked(card: Card) -> Card:
    """The card with markers for its own values (an empty address or deadline stays empty: the
    macro asks whether the card has one)."""
    own: dict[str, Any] = {name: f"{MARKER}{name}x" for name in OWN_FIELDS
           if name not in ("action", "due_title") or getattr(card, name)}
    return replace(card, **own)


def _format_of(rendered: str, csrf: str, show: Callable[[str], str],
               action: Callable[[str], str] | None) -> str:
    """A kind of card, on a line of its own, as a format string: its markers and the page's
    CSRF token become the fields ``cards_markup`` fills (``q``: the id as an address prints it,
    which escaping leaves as it is; the addresses' other parts are escaped here)."""
    fields = {"id": "{id}", "title": "{title}", "code": "{code}", "due_title": "{due}",
              "show": _address_field(show), "action": _address_field(action) if action else ""}
    braced = _braced(rendered)
    parts = MARKED.split(braced.replace(_braced(str(escape(csrf))), "{csrf}"))
    out = ["\n", parts[0]]
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        out += (fields[name], text)
    out.append("\n")
    return "".join(out)


def _address_field(pattern: Callable[[str], str]) -> str:
    """The address of ``pattern`` escaped, as a format string of the id's ``q``."""
    before, after = pattern(ADDRESS_MARK).split(ADDRESS_MARK)
    return "{q}".join(_braced(str(escape(part))) for part in (before, after))


def _braced(text: str) -> str:
    """``text`` as a format string prints it."""
    return text.replace("{", "{{").replace("}", "}}")


ADDRESS_MARK = "ALURxQx"  # a task id that addresses print as it is


FILTERS_TEMPLATE = "officer/_inbox_filters.html"  # its macro ``filter_row`` prints the row
_FILTER_ROWS: Kept[tuple[Any, ...], Markup] = Kept(256)  # a row is a few kilobytes


def filter_row(filters: Any, stages: list[tuple[str, str]],
               categories: list[tuple[str, str]]) -> Markup:
    """The inbox's filter row (``filter_row`` of officer/_inbox_filters.html), rendered once
    per language, filters and choices and kept: the choices are read on every page and are
    part of the key, so a renamed category or a new stage makes a row of its own."""
    template = current_app.jinja_env.get_template(FILTERS_TEMPLATE)
    key = (current_lang(), translations(), request.script_root, template, filters,
           tuple(stages), tuple(categories))
    macro = template.module.filter_row  # type: ignore[attr-defined]
    return _FILTER_ROWS.get(key, lambda: Markup(macro(filters, stages, categories)))
