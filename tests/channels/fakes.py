"""Small servers the channel tests talk to: an HTTP receiver (SMS gateway, national LAPOR!)
and an SMTP server, each on 127.0.0.1 on a free port, in a thread, recording what arrives."""

from __future__ import annotations

import json
import socketserver
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    """One request as the fake server saw it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Receiver:
    """What the fake HTTP server got, and how it should answer next."""

    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, Received] = field(default_factory=dict)  # by Idempotency-Key
    status: int = 200  # set to 503 for an outage, 400 for a refusal
    # GET path (query included) -> (content type, body): files a platform serves (chat media).
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    fetched: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def keys(self) -> list[str]:
        """Idempotency keys of every request, repeats included."""
        return [r.headers.get("Idempotency-Key", "") for r in self.requests]


class FakeHttpServer:
    """An HTTP server that records JSON POSTs and dedupes them by Idempotency-Key."""

    def __init__(self) -> None:
        self.receiver = Receiver()
        receiver = self.receiver

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                got = Received(self.path, dict(self.headers.items()), body)
                receiver.requests.append(got)
                status = receiver.status
                key = got.headers.get("Idempotency-Key", "")
                if status < 300:
                    duplicate = key in receiver.accepted
                    receiver.accepted.setdefault(key, got)
                    answer = json.dumps({"accepted": True, "duplicate": duplicate}).encode()
                else:
                    answer = b'{"error": "unavailable"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                receiver.fetched.append((self.path, dict(self.headers.items())))
                found = receiver.files.get(self.path)
                content_type, data = found or ("application/json", b'{"error": "not found"}')
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeHttpServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@dataclass
class Mailbox:
    """Mail the fake SMTP server accepted, and how it answers RCPT TO."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    rcpt_reply: str = "250 OK"


class SmtpHandler(socketserver.StreamRequestHandler):
    """One SMTP conversation; ``mailbox`` is set per server."""

    mailbox: Mailbox

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 fake ESMTP")
        envelope: dict[str, Any] = {"from": "", "to": []}
        while line := self.rfile.readline().decode().strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "QUIT":
                self.reply("221 bye")
                return
            if verb == "MAIL":
                envelope["from"] = line
            if verb == "RCPT":
                envelope["to"].append(line)
                self.reply(self.mailbox.rcpt_reply)
            elif verb == "DATA":
                self.reply("354 go ahead")
                self.mailbox.messages.append((envelope["from"], envelope["to"], self._data()))
                self.reply("250 queued")
            else:
                self.reply("250 OK")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class FakeSmtpServer:
    """Just enough SMTP (EHLO, MAIL, RCPT, DATA, QUIT) to receive a message."""

    def __init__(self) -> None:
        self.mailbox = Mailbox()
        handler = type("Handler", (SmtpHandler,), {"mailbox": self.mailbox})
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server.server_address[1])

    def __enter__(self) -> FakeSmtpServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
