"""Citizens and officers over real HTTP, spread over several app processes as nginx would.

A request an app refused to connect is sent to another app; a request whose answer was lost
(its app died mid-way) is counted as unanswered, never retried: its outcome is unknown.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VERIFY_FORWARD = {"decision": "forward", "opd": "DINKES", "jenis": "pengaduan", "reason": ""}
ANSWER = {"outcome": "answered", "response": "Sudah kami tindak lanjuti dengan perbaikan jadwal."}
WORK = {"verifikasi": VERIFY_FORWARD, "tindak_lanjut": ANSWER}
HIDDEN = re.compile(r'name="(csrf_token|submission)" value="([^"]+)"')
TIMEOUT = 60  # seconds; a request on a busy machine, not a hung one


class Unanswered(Exception):
    """The app took the request and died before answering: its outcome is unknown."""


@dataclass
class Accepted:
    """A complaint an app answered 201 for, and the files it carried."""

    tracking_code: str
    registration_no: str  # empty for the portal, whose receipt shows the tracking code only
    files: dict[str, str]  # file name -> sha256


@dataclass
class Ledger:
    """What the clients saw, written from several threads."""

    accepted: list[Accepted] = field(default_factory=list)
    completed: list[tuple[str, str]] = field(default_factory=list)  # (tracking code, spec)
    unanswered: int = 0
    conflicts: int = 0
    unexpected: list[str] = field(default_factory=list)
    served_by: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, **changes: Any) -> None:
        """Add to the counters and lists under the lock."""
        with self.lock:
            for name, value in changes.items():
                current = getattr(self, name)
                if isinstance(current, list):
                    current.append(value)
                elif isinstance(current, Counter):
                    current[value] += 1
                else:
                    setattr(self, name, current + value)


class Balancer:
    """Round robin over the apps; an app that refuses connections is left out from then on."""

    def __init__(self, urls: list[str], ledger: Ledger) -> None:
        self.urls = list(urls)
        self.down: set[str] = set()
        self.turn = itertools.count()
        self.ledger = ledger
        self.http = requests.Session()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """The answer of the next live app; Unanswered when the app died holding the request."""
        for _ in range(len(self.urls)):
            url = self.urls[next(self.turn) % len(self.urls)]
            if url in self.down:
                continue
            try:
                response = self.http.request(method, url + path, timeout=TIMEOUT, **kwargs)
            # A ChunkedEncodingError is an app killed halfway through sending its answer: the
            # body stops short of its Content-Length (nginx would answer 502).
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                self.down.add(url)
                if isinstance(error, requests.ConnectionError) and _refused(error):
                    continue
                self.ledger.note(unanswered=1)
                raise Unanswered(str(error)) from error
            self.ledger.note(served_by=url)
            return response
        raise AssertionError("no app left to answer")


def _refused(error: requests.ConnectionError) -> bool:
    text = str(error)
    return "Connection refused" in text or "NewConnectionError" in text


def citizen(balancer: Balancer, ledger: Ledger, stop: threading.Event, who: str,
            count: int, portal: bool) -> None:
    """File ``count`` complaints with an ID copy and an attachment, one after another (fewer
    when stopped), through the portal's form or the API."""
    for n in range(1, count + 1):
        if stop.is_set():
            return
        files = {"id_document": (f"ktp-{who}-{n}.png", PNG + f"{who}/{n}/ktp".encode()),
                 "attachments": (f"foto-{who}-{n}.png", PNG + f"{who}/{n}/foto".encode())}
        fields = {"title": f"Jalan rusak nomor {who}-{n}", "category": "4",
                  "description": f"Jalan desa berlubang dan belum diperbaiki ({who}-{n}).",
                  "name": "Warga Uji", "phone": "081234567890"}
        upload = {key: (name, data, "image/png") for key, (name, data) in files.items()}
        try:
            filed = (_on_portal if portal else _on_api)(balancer, ledger, fields, upload)
        except Unanswered:
            continue
        if filed:
            ledger.note(accepted=Accepted(*filed, {
                name: hashlib.sha256(data).hexdigest() for name, data in files.values()}))


def _on_api(balancer: Balancer, ledger: Ledger, fields: dict[str, str], upload: dict[str, Any]
            ) -> tuple[str, str] | None:
    """(tracking code, register number) of a complaint filed through the API."""
    answer = balancer.request("POST", "/api/v1/complaints", data=fields, files=upload)
    if answer.status_code != 201:
        ledger.note(unexpected=f"API submit {answer.status_code} {answer.text[:200]}")
        return None
    return answer.json()["tracking_code"], answer.json()["registration_no"]


def _on_portal(balancer: Balancer, ledger: Ledger, fields: dict[str, str],
               upload: dict[str, Any]) -> tuple[str, str] | None:
    """(tracking code, "") of a complaint filed through /lapor: the form comes from one app
    and is posted to the next (one session cookie, one CSRF token, one secret key)."""
    form = balancer.request("GET", "/lapor")
    hidden = dict(HIDDEN.findall(form.text))
    answer = balancer.request("POST", "/lapor", data={**fields, **hidden}, files=upload,
                              allow_redirects=False)
    if answer.status_code != 303 or "/lapor/terkirim/" not in answer.headers["Location"]:
        ledger.note(unexpected=f"portal submit {answer.status_code} {answer.text[:200]}")
        return None
    return answer.headers["Location"].rsplit("/", 1)[-1], ""


def sign_in(balancer: Balancer, username: str, password: str) -> dict[str, str]:
    """The Authorization header of a fresh API token."""
    answer = balancer.request("POST", "/api/v1/auth/token",
                              json={"username": username, "password": password})
    assert answer.status_code == 201, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def officer(balancer: Balancer, ledger: Ledger, stop: threading.Event,
            auth: dict[str, str], spec: str) -> None:
    """Complete ready ``spec`` tasks of the officer's inbox, one at a time, until stopped."""
    while not stop.is_set():
        try:
            inbox = balancer.request("GET", "/api/v1/tasks?limit=50", headers=auth)
            if inbox.status_code != 200:
                ledger.note(unexpected=f"inbox {inbox.status_code} {inbox.text[:200]}")
                stop.wait(0.1)
                continue
            ready = [t for t in inbox.json() if t["spec"] == spec]
            if not ready:
                stop.wait(0.1)  # nothing to do yet: the citizens are filing
                continue
            task = ready[0]
            answer = balancer.request("POST", f"/api/v1/tasks/{task['id']}/complete",
                                      json=WORK[spec], headers=auth)
        except Unanswered:
            continue
        if answer.status_code == 200:
            ledger.note(completed=(task["tracking_code"], spec))
        elif answer.status_code in (404, 409):  # a colleague or a timer came first
            ledger.note(conflicts=1)
        else:
            ledger.note(unexpected=f"complete {answer.status_code} {answer.text[:200]}")


def run_threads(targets: list[tuple[Any, tuple[Any, ...]]]) -> list[threading.Thread]:
    """Start one daemon thread per (function, arguments)."""
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, args in targets]
    for thread in threads:
        thread.start()
    return threads


def join_all(threads: list[threading.Thread], seconds: float) -> None:
    """Wait for the threads to end; AssertionError if one is still busy after ``seconds``."""
    deadline = time.monotonic() + seconds
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        assert not thread.is_alive(), "a client thread hung"
