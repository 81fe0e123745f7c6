"""Alur's web application: the app factory, and the entry point of the processes that serve it."""

from __future__ import annotations

import gc
from typing import Any

from flask import Flask

from engine.complaints.attachments import UPLOAD_ACCEPT
from engine.settings import Settings, with_secret_key


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app from ALUR_* settings, or from ``test_config`` in tests.

    ``test_config`` may carry ``ALUR_SETTINGS`` (a Settings) and ``ALUR_SERVICES`` (prebuilt
    parts, e.g. with a fixed clock); other keys are Flask config. Refuses to start
    (``engine.settings.SecretKeyError``) with a secret key anyone could know.
    """
    from . import wiring
    from .json_provider import AppJSONProvider
    from .security import CheckedRequest
    from .templating import TemplateEnvironment

    app = Flask(__name__)
    app.json = AppJSONProvider(app)
    app.request_class = CheckedRequest
    app.jinja_environment = TemplateEnvironment  # before anything reads app.jinja_env
    config = dict(test_config or {})
    services = config.pop("ALUR_SERVICES", None)
    settings = config.pop("ALUR_SETTINGS", None) or (
        services.settings if services else Settings.from_env())
    # SecretKeyError here stops gunicorn and `alur serve` with the reason: a known, short or
    # empty key would let anyone sign a session cookie.
    settings = with_secret_key(settings)
    services = services or wiring.build(settings)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024 * 6,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.secure_cookies),
        # A form's token lives no longer than a sign-in may (signing in or out renews it).
        WTF_CSRF_TIME_LIMIT=settings.session_max_hours * 3600,
    )
    app.config.update(config)
    if settings.trusted_proxies:  # client address and scheme as nginx saw them
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.trusted_proxies
        # Replacing the WSGI callable is how middleware is added; Flask types it as a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.extensions["alur"] = services
    _register(app)
    return app


def create_web_process_app() -> Flask:
    """The app of a process that serves until it stops (gunicorn's workers load
    ``webui:create_web_process_app()``): ``create_app`` from ALUR_* settings, then every
    object alive at that point kept out of the garbage collector's full collections.

    Nearly all of a worker's objects exist once its app is built: imported modules, the ORM's
    mappers, the templates' environment (about 264,000 of the 276,000 alive once every page
    has been served). A full collection walked all of them: 157-160 ms, about once in 2,000
    submissions or completions of a worker, paid by the one request it fell in. Frozen
    (``gc.freeze``) they are never walked again; what requests make and drop is collected as
    before. Tests and commands build apps with ``create_app``: frozen objects are never freed,
    so only a process that keeps its one app may freeze it."""
    app = create_app()
    gc.collect()  # what building it dropped goes first: a frozen object is never collected
    gc.freeze()
    return app


def _register(app: Flask) -> None:
    from flask_wtf.csrf import CSRFProtect

    from . import (
        admin,
        api,
        auth,
        errors,
        evaluation,
        frontoffice,
        i18n,
        maps,
        modeler,
        monitor,
        officer,
        page_work,
        public,
        request_ids,
        security,
        static_files,
        webhooks,
    )
    from .officer.menu import menu_links

    request_ids.init_app(app)  # first: every later hook's log lines carry the request id
    csrf = CSRFProtect(app)
    auth.init_app(app)
    page_work.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    maps.init_app(app)
    app.jinja_env.globals["upload_accept"] = UPLOAD_ACCEPT  # file pickers offer what we take
    app.jinja_env.globals["menu_links"] = menu_links  # the officers' menu, built once per role
    static_files.init_app(app)  # fingerprinted /static URLs, cached for a year
    public.init_app(app)  # requests and latency per endpoint for /metrics
    csrf.exempt(api.bp)  # every API route authenticates with a bearer token, never a cookie
    for view in webhooks.EXEMPT_FROM_CSRF:  # gateways sign their requests instead
        csrf.exempt(view)
    for area in (public, officer, frontoffice, admin, monitor, modeler, evaluation, api, webhooks):
        app.register_blueprint(area.bp)
    app.register_blueprint(modeler.approval_bp)
    security.init_app(app, app.extensions["alur"].settings)  # after the views exist
