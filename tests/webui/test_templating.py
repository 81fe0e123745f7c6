"""Templates' globals answer their keys as one set, and behave as Jinja's own: a macro module
sees the importing template's own globals, and a loaded template the environment's globals
added later."""

from __future__ import annotations

import pytest
from flask import Flask
from jinja2 import DictLoader

from webui.templating import TemplateGlobals

SOURCES = {
    "lib.html": "{% macro show() %}[{{ who|default('-') }}|{{ late|default('-') }}]{% endmacro %}",
    "page.html": '{% import "lib.html" as lib %}{{ lib.show() }}',
    "plain.html": "{{ late|default('-') }}",
}


def _env(app: Flask):  # type: ignore[no-untyped-def]
    return app.jinja_env.overlay(loader=DictLoader(SOURCES))


def test_a_templates_globals_keys_are_all_of_its_maps(app: Flask) -> None:
    globals_ = _env(app).get_template("page.html", globals={"who": "Ani"}).globals
    assert isinstance(globals_, TemplateGlobals)
    assert globals_.keys() == set(dict(globals_)) == {"who"} | set(app.jinja_env.globals)
    assert dict(globals_)["who"] == "Ani" and "who" not in app.jinja_env.globals


def test_a_templates_own_global_hides_the_environments_and_absent_ones_are_absent(
        app: Flask) -> None:
    globals_ = _env(app).get_template("plain.html", globals={"LANGUAGES": ("jv",)}).globals
    assert globals_["LANGUAGES"] == ("jv",) and app.jinja_env.globals["LANGUAGES"] != ("jv",)
    assert "LANGUAGES" in globals_ and "tidak_ada" not in globals_
    with pytest.raises(KeyError):
        globals_["tidak_ada"]


def test_an_import_sees_the_importers_own_globals_and_no_one_elses(app: Flask) -> None:
    env = _env(app)
    with app.test_request_context("/"):
        assert env.get_template("page.html", globals={"who": "Ani"}).render() == "[Ani|-]"
        env.cache.clear()  # the same page loaded again without that global
        assert env.get_template("page.html").render() == "[-|-]"


def test_a_global_added_after_loading_reaches_loaded_templates(app: Flask) -> None:
    env = _env(app)
    with app.test_request_context("/"):
        page = env.get_template("plain.html")
        assert page.render() == "-"
        env.globals["late"] = "Budi"
        assert page.render() == "Budi"
