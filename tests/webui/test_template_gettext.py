"""Templates' ``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` answer exactly
what Jinja's own newstyle gettext around flask-babel answers, in either language."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import get_translations
from jinja2 import Environment

from webui import create_app
from webui.wiring import Services

SOURCE = (
    "{{ _('Kata sandi sekarang salah.') }}|{{ gettext('Keluar') }}|"
    "{{ _('Halo %(name)s', name=who) }}|{{ _('100%% aman') }}|{{ _(who) }}|"
    "{{ ngettext('%(num)d hari kerja lagi', '%(num)d hari kerja lagi', 3) }}|"
    "{{ ngettext('terlambat %(num)d hari kerja', 'terlambat %(num)d hari kerja', 1) }}|"
    "{{ pgettext('menu', 'Keluar') }}|{{ npgettext('x', '%(num)d berkas', '%(num)d berkas', 2) }}"
)
VALUES = {"who": "<b>Budi & Sari</b>"}


@pytest.fixture
def app(services: Services) -> Flask:
    """The app with its services (no request is served)."""
    return create_app({"ALUR_SERVICES": services})


def jinja_reference(autoescape: bool) -> Environment:
    """Jinja's newstyle wrappers around flask-babel's lookups: the behaviour to keep."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
        newstyle=True)
    return env


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_template_translations_match_jinjas_own(app: Flask, lang: str,
                                                autoescape: bool) -> None:
    with app.test_request_context(f"/?lang={lang}"):
        ours = app.jinja_env.overlay(autoescape=autoescape).from_string(SOURCE).render(VALUES)
        theirs = jinja_reference(autoescape).from_string(SOURCE).render(VALUES)
    assert ours == theirs
    assert ("Sign out" in ours) == (lang == "en")
    assert ("&lt;b&gt;" in ours) == autoescape and "100% aman" in ours
