"""A template's fixed words (``_("...")`` with nothing to fill in) are translated when it is
compiled, once per language: the page prints what the call printed, in its reader's language,
however the readers' languages alternate."""

from __future__ import annotations

import pytest
from flask import Flask
from jinja2 import Template

from tests.webui.test_template_gettext import VALUES, jinja_reference

SOURCE = ("{{ _('Kata sandi sekarang salah.') }}|{{ gettext('Keluar') }}|{{ _('100%% aman') }}|"
          "{{ _('Halo %(name)s', name=who) }}|{{ (_('Keluar') ~ who)|length }}|"
          "{% set label = _('Keluar') %}{{ label }}|{{ who|default(_('Keluar')) }}")


def _compiled(app: Flask, name: str) -> Template:
    env = app.jinja_env
    return env.template_class.from_code(env, env.compile(SOURCE, name, name),
                                        env.make_globals(None))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("name", "autoescape"), [("page.html", True), ("mail.txt", False)])
def test_fixed_words_print_what_the_call_printed(app: Flask, lang: str, name: str,
                                                 autoescape: bool) -> None:
    with app.test_request_context(f"/?lang={lang}"):
        ours = _compiled(app, name).render(VALUES)
        theirs = jinja_reference(autoescape).from_string(SOURCE).render(VALUES)
    assert ours == theirs
    assert ("Sign out" in ours) == (lang == "en") and "100% aman" in ours


def test_fixed_words_are_compiled_in_and_words_with_variables_are_not(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        code = app.jinja_env.compile("{{ _('Keluar') }}|{{ _('Halo %(name)s', name=who) }}",
                                     "page.html", raw=True)
    assert "yield 'Sign out|'" in code  # a constant: no call, no escaping at render time
    assert code.count("context.call(") == 1  # the words with a name to fill in


def test_a_call_that_cannot_be_formatted_still_fails_when_rendered(app: Flask) -> None:
    with app.test_request_context("/"):
        template = app.jinja_env.from_string("{{ _('Halo %(name)s') }}")
        with pytest.raises(KeyError):
            template.render()


def test_each_language_gets_its_own_compiled_pages(app: Flask) -> None:
    english, indonesian = app.test_client(), app.test_client()
    english.get("/?lang=en")
    indonesian.get("/?lang=id")
    for client, word, other in [(english, "Track", "Lacak"), (indonesian, "Lacak", "Track"),
                                (english, "Track", "Lacak"), (indonesian, "Lacak", "Track")]:
        page = client.get("/lacak").get_data(as_text=True)
        assert word in page
        assert f">{other}" not in page


def test_an_overlay_translates_on_every_call(app: Flask) -> None:
    """An overlay keeps templates in a cache of its own, without the language in its keys:
    its templates keep the calls, so a reader never gets another language's words."""
    overlay = app.jinja_env.overlay(autoescape=False)
    with app.test_request_context("/?lang=en"):
        code = overlay.compile("{{ _('Keluar') }}", "page.html", raw=True)
    assert "context.call(" in code
