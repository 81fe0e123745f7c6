"""One unit of work for a whole page: the sign-in check's reads and the view's on one
connection, in one transaction (each unit of work costs a pool checkout, a BEGIN and an end)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from types import TracebackType
from typing import Any, TypeVar, cast

from flask import Flask, current_app, g, request

from engine.db import SessionFactory, UnitOfWork

from .wiring import services

F = TypeVar("F", bound=Callable[..., Any])
_KEY = "alur_page_uow"
_LENDS = "alur_lends_page_uow"  # marks a view wrapped by one_unit_of_work


class _PageUnitOfWork(UnitOfWork):
    """A unit of work begun before the view: entering it keeps its session, leaving ends it
    (and it is this request's page unit of work no more)."""

    def __init__(self, session_factory: SessionFactory) -> None:
        super().__init__(session_factory)
        self.session = session_factory()  # no connection until its first statement

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if g.get(_KEY) is self:
            g.pop(_KEY)
        super().__exit__(exc_type, exc, tb)


def one_unit_of_work(view: F) -> F:
    """Open the view's unit of work (``page_uow``) before the sign-in check, which then reads the
    session row (and the account, when this process keeps no copy) in it.

    Place it above ``roles_required``. The view leaves ``with page_uow() as uow:`` before it
    renders (on SQLite a unit of work holds the database's write lock) and opens no other unit
    of work inside it (on SQLite that one would wait for this one's lock)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with begin_page_uow():  # ended here when the view did not end it (a redirect, an error)
            return view(*args, **kwargs)

    setattr(wrapped, _LENDS, True)
    return cast(F, wrapped)


def begin_page_uow() -> UnitOfWork:
    """This request's page unit of work, begun now unless an earlier hook of the request began
    it (``view_lends_page_uow``)."""
    found: UnitOfWork | None = g.get(_KEY)
    if found is None:
        found = _PageUnitOfWork(services().sessions)
        setattr(g, _KEY, found)
    return found


def view_lends_page_uow() -> bool:
    """Whether this request's view runs in a page unit of work (``one_unit_of_work``): a
    before-request hook may then begin it and read in it too."""
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, _LENDS, False))


def init_app(app: Flask) -> None:
    """End a page unit of work a before-request hook began when the view never ran (the hook
    refused the request, or failed)."""

    @app.teardown_request
    def _end_page_uow(_exc: BaseException | None) -> None:
        left: UnitOfWork | None = g.get(_KEY)
        if left is not None:
            left.__exit__(None, None, None)


def page_uow() -> UnitOfWork:
    """This request's page unit of work (``one_unit_of_work``), else a new one."""
    return opened_page_uow() or services().uow()


def opened_page_uow() -> UnitOfWork | None:
    """The page unit of work the sign-in check may read in, if the view has one open."""
    found: UnitOfWork | None = g.get(_KEY)
    return found
