"""Translations looked up once per request.

flask-babel finds the catalogue anew on every call: the domain, the request's babel context
and the locale, each through Flask's context proxies, and the cache key from ``str(locale)``.
A page of 50 inbox cards calls it several hundred times (26% of the page's time). Here the
catalogue flask-babel chose is kept on ``g`` for the rest of the request; the words and the
locale rules stay flask-babel's. Outside a request it falls back to flask-babel itself.
"""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup


def translations() -> Any:
    """This request's catalogue (babel ``Translations``), looked up once."""
    try:
        return g._alur_translations  # noqa: SLF001 - our own attribute on g
    except AttributeError:
        found = g._alur_translations = get_translations()  # noqa: SLF001
        return found
    except RuntimeError:  # no application context: flask-babel answers untranslated
        return get_translations()


def current_lang() -> str:
    """The language of this request: "id" or "en" (looked up once per request)."""
    try:
        return str(g._alur_lang)  # noqa: SLF001
    except AttributeError:
        locale = get_locale()
        lang = g._alur_lang = "en" if locale is not None and locale.language == "en" else "id"  # noqa: SLF001
        return lang
    except RuntimeError:
        return "id"


def gettext(string: str, **variables: Any) -> str:
    """flask_babel.gettext, with the catalogue of this request."""
    text = str(translations().ugettext(string))
    return text if not variables else text % variables


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """flask_babel.ngettext (``num`` is also a variable), with the catalogue of this request."""
    variables.setdefault("num", num)
    text = str(translations().ungettext(singular, plural, num))
    return text % variables


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """flask_babel.lazy_gettext, translated with the catalogue of the request that reads it."""
    return LazyString(gettext, string, **variables)


def install(jinja_env: Any) -> None:
    """Templates' ``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext``.

    Jinja's own newstyle wrappers (with ``_`` an alias that looks ``gettext`` up in the
    context) put three calls through Jinja's runtime around each lookup; a page calls them
    dozens of times. These do what those wrappers do — the text marked safe when the template
    autoescapes, then always formatted with ``%`` — in one call."""
    jinja_env.newstyle_gettext = True  # how the i18n extension compiles {% trans %} blocks
    jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                             ngettext=_template_ngettext, pgettext=_template_pgettext,
                             npgettext=_template_npgettext)


def _formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables  # always a format string, as in Jinja: "%%" prints "%"


@pass_context
def _template_gettext(__context: Context, __string: str, **variables: Any) -> str:
    return _formatted(__context, translations().ugettext(__string), variables)


@pass_context
def _template_ngettext(__context: Context, __singular: str, __plural: str, __num: int,
                       **variables: Any) -> str:
    variables.setdefault("num", __num)
    return _formatted(__context, translations().ungettext(__singular, __plural, __num),
                      variables)


@pass_context
def _template_pgettext(__context: Context, __string_ctx: str, __string: str,
                       **variables: Any) -> str:
    variables.setdefault("context", __string_ctx)
    return _formatted(__context, translations().upgettext(__string_ctx, __string), variables)


@pass_context
def _template_npgettext(__context: Context, __string_ctx: str, __singular: str,
                        __plural: str, __num: int, **variables: Any) -> str:
    variables.setdefault("context", __string_ctx)
    variables.setdefault("num", __num)
    text = translations().unpgettext(__string_ctx, __singular, __plural, __num)
    return _formatted(__context, text, variables)
