"""The several-machines test's balancer: an app that dies while answering leaves the request
unanswered (its outcome unknown) and is left out from then on, whether it died before its
answer or halfway through sending it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from tests.faults.traffic import Balancer, Ledger, Unanswered


@pytest.fixture
def dies_halfway() -> Iterator[str]:
    """A server that answers once with the start of a page, then closes the connection."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         b"Content-Length: 22333\r\n\r\n<!doctype html><html>")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    thread.join(timeout=5)
    server.close()


def test_an_app_that_dies_halfway_through_its_answer_leaves_it_unanswered(
        dies_halfway: str) -> None:
    ledger = Ledger()
    balancer = Balancer([dies_halfway], ledger)
    with pytest.raises(Unanswered):
        balancer.request("GET", "/lapor")
    assert balancer.down == {dies_halfway}
    assert ledger.unanswered == 1


def test_an_app_that_refuses_connections_is_skipped() -> None:
    closed = socket.create_server(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()
    balancer = Balancer([url], Ledger())
    with pytest.raises(AssertionError, match="no app left"):
        balancer.request("GET", "/lapor")
    assert balancer.down == {url}
