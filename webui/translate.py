"""Translations looked up once per request, and a template's fixed words once per language.

flask-babel finds the catalogue anew on every call: the domain, the request's babel context
and the locale, each through Flask's context proxies, and the cache key from ``str(locale)``.
A page of 50 inbox cards calls it several hundred times (26% of the page's time). Here the
catalogue flask-babel chose is kept on ``g`` for the rest of the request; the words and the
locale rules stay flask-babel's. Outside a request it falls back to flask-babel itself.

Most of the templates' words are fixed: ``_("Kirim")``, with nothing to fill in. Those are
translated when a template is compiled, and a template is compiled once per catalogue (the
environment's cache holds one copy per language), so printing one costs what printing any
other constant does. Words with variables are still translated on every call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import g
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
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
    autoescapes, then always formatted with ``%`` — in one call. Calls with nothing to fill in
    are translated when a template is compiled (``FixedWords``), so the environment keeps a
    compiled template per catalogue (``CachePerCatalogue``)."""
    jinja_env.newstyle_gettext = True  # how the i18n extension compiles {% trans %} blocks
    jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                             ngettext=_template_ngettext, pgettext=_template_pgettext,
                             npgettext=_template_npgettext)
    jinja_env.add_extension(FixedWords)
    if jinja_env.cache is not None:
        jinja_env.cache = CachePerCatalogue(jinja_env.cache)


GETTEXT_NAMES = frozenset({"_", "gettext"})


class FixedWords(Extension):
    """Translates ``_("...")`` and ``gettext("...")`` called with nothing to fill in while the
    template is compiled, in the catalogue of the request that compiles it (as the call would
    have: the text marked safe where the template autoescapes, formatted with ``%``)."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        """The template's tokens, with each such call replaced by its words."""
        if not compiles_per_catalogue(self.environment):
            yield from stream  # an overlay's plain cache would hand one language's words to all
            return
        autoescape = self.environment.autoescape
        safe = autoescape(stream.name) if callable(autoescape) else bool(autoescape)
        catalogue = translations()
        pending: list[Token] = []  # a call's tokens so far: name, "(", string
        before = None
        for token in stream:
            pending.append(token)
            shape = [t.type for t in pending]
            if shape in (["name"], ["name", "lparen"], ["name", "lparen", "string"]) and (
                    pending[0].value in GETTEXT_NAMES and before != "dot"):
                continue
            if shape == ["name", "lparen", "string", "rparen"]:
                words = _fixed(catalogue, pending[2].value)
                if words is not None:
                    yield from _constant(pending[0].lineno, words, safe)
                    pending = []
                    before = "rparen"
                    continue
            for held in pending:
                before = held.type
                yield held
            pending = []
        yield from pending


def compiles_per_catalogue(env: Any) -> bool:
    """Whether ``env`` keeps a compiled template per catalogue (or none at all), so that the
    words compiled into a template are always its reader's."""
    return env.cache is None or isinstance(env.cache, CachePerCatalogue)


def _fixed(catalogue: Any, text: str) -> str | None:
    """``text`` translated and formatted as the call would print it; None when formatting
    it without variables fails (the call then stays, and fails as it would have)."""
    try:
        return str(catalogue.ugettext(text)) % {}
    except (KeyError, ValueError, TypeError):
        return None


def _constant(lineno: int, words: str, safe: bool) -> Iterator[Token]:
    """``(words|safe)``, or ``(words)`` where the template does not autoescape: Jinja folds
    either into a constant of the compiled template."""
    yield Token(lineno, "lparen", "(")
    yield Token(lineno, "string", words)
    if safe:
        yield Token(lineno, "pipe", "|")
        yield Token(lineno, "name", "safe")
    yield Token(lineno, "rparen", ")")


class CachePerCatalogue:
    """The environment's template cache with the catalogue in every key: a template compiled
    with one language's words is never handed to a reader of another. (The catalogue itself,
    not its language's name, so a key can never pair a template with other words.)"""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        # What Jinja's overlay sizes its own cache by (400 is Jinja's default size).
        self.capacity = getattr(inner, "capacity", 400)

    def get(self, key: Any, default: Any = None) -> Any:
        return self._inner.get((translations(), key), default)

    def __getitem__(self, key: Any) -> Any:
        return self._inner[(translations(), key)]

    def __setitem__(self, key: Any, value: Any) -> None:
        self._inner[(translations(), key)] = value

    def __contains__(self, key: Any) -> bool:
        return (translations(), key) in self._inner

    def clear(self) -> None:
        self._inner.clear()


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
