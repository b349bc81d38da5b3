"""A fake Altcraft platform for tests: in process (an httpx transport) or a real HTTP
server on 127.0.0.1 (ephemeral port).

It serves the regular-mailing endpoints under ``/api/v1.1/`` (``campaigns/regulars/add/``,
``get``, ``list/``, ``update``, ``start``, ``campaigns/activate/``, ``deactivate``,
``get_status``) as the platform does, keeping state: created mailings are returned by
``get`` and ``list``, ``update`` replaces them, ``activate``/``deactivate`` switch them.

* reads a JSON or XML body (by ``Content-Type``) and answers JSON, or XML when the body
  says ``format: xml``;
* checks the token (the body's ``token`` or ``Authorization: Bearer``): a wrong or missing
  one gets ``error 401``; a body that cannot be read or lacks a required parameter gets
  ``error 400`` (both with HTTP 200, the platform's way);
* applies each data-changing request once per ``Request-ID`` (or
  ``X-Request-ID``; without either, per distinct body) and answers a repeat with the
  original response plus
  ``Duplicate-Request: true`` and ``Duplicate-Key`` (the header name is configurable,
  e.g. ``X-Duplicate-Request`` as older platform versions send);
* records every request.

Behaviours are queued one per request (:meth:`FakeAltcraft.enqueue`); when the queue is
empty the server behaves normally.  Usage::

    with FakeAltcraft() as fake:                      # the loopback server
        fake.enqueue(http_status(500), drop_after_create())
        ... submit(..., token=fake.token, base_url=fake.base_url) ...
        assert len(fake.mailings) == 1

    fake = FakeAltcraft()                              # in process, no socket
    client = Client(fake.base_url, token=fake.token, transport=fake.transport())

In process, ``slow``, ``drip``, ``drip_headers`` and ``oversize`` need a socket: use the
server for them.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

from . import _xml as xmlwire
from ._errors import ProtocolError
from ._request import read_xml_request

__all__ = [
    "DEFAULT_TOKEN",
    "ENDPOINT",
    "Behaviour",
    "FakeAltcraft",
    "Mailing",
    "RecordedRequest",
    "api_error",
    "drip",
    "drip_headers",
    "drop_after_create",
    "duplicate_replay",
    "http_status",
    "oversize",
    "raw_body",
    "slow",
]

PREFIX = "/api/v1.1/"
ENDPOINT = PREFIX + "campaigns/regulars/add/"
_ROUTES = {
    "campaigns/regulars/add/": "create",
    "campaigns/regulars/get": "get",
    "campaigns/regulars/list/": "list",
    "campaigns/regulars/update": "update",
    "campaigns/regulars/start": "launch",
    "campaigns/activate/": "activate",
    "campaigns/deactivate": "deactivate",
    "campaigns/get_status": "status",
}
_CHANGES = ("create", "update", "launch", "activate", "deactivate")
DEFAULT_TOKEN = "fake-token-6f1c0d2e9a8b7c6d5e4f"
REQUIRED = ("name", "data_type", "data_id", "content", "send_channel")
_CHUNK = 64 * 1024


# -- behaviours --------------------------------------------------------------------------


@dataclass(frozen=True)
class Behaviour:
    """What the server does with one request.  Build it with the functions below."""

    kind: str  # "create", "api_error", "status", "raw", "oversize" or "drip"
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    code: int = 0
    text: str = ""
    delay: float = 0.0
    drop: bool = False
    size: int = 0
    chunked: bool = False


def slow(delay: float) -> Behaviour:
    """Create the mailing, then wait ``delay`` seconds before answering (the client may
    time out meanwhile: the mailing exists anyway, as on a slow real server)."""
    return Behaviour("create", delay=delay)


def drop_after_create() -> Behaviour:
    """Create the mailing, then close the connection without answering."""
    return Behaviour("create", drop=True)


def duplicate_replay(status: int = 500) -> Behaviour:
    """Answer HTTP ``status`` marked ``Duplicate-Request: true`` without applying the
    request: a platform replaying an earlier failed answer for this Request-ID."""
    return Behaviour("status", status=status, headers=(("Duplicate-Request", "true"),))


def api_error(code: int, text: str) -> Behaviour:
    """Answer ``{"error": code, "error_text": text}`` (HTTP 200) without creating."""
    return Behaviour("api_error", code=code, text=text)


def http_status(
    status: int, *, body: bytes = b"", headers: Mapping[str, str] | None = None
) -> Behaviour:
    """Answer HTTP ``status`` with ``body`` and ``headers`` (e.g. 500, or 429 with a
    ``Retry-After``) without creating."""
    return Behaviour("status", status=status, body=body, headers=tuple((headers or {}).items()))


def raw_body(
    body: bytes,
    *,
    content_type: str = "application/json",
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Behaviour:
    """Answer exactly ``body`` (malformed JSON, hostile XML, gzip...) without creating."""
    extra = (("Content-Type", content_type), *(headers or {}).items())
    return Behaviour("raw", status=status, body=body, headers=extra)


def oversize(size: int, *, chunked: bool = True) -> Behaviour:
    """Answer a ``size``-byte body of spaces: streamed in chunks without a length when
    ``chunked`` (the client must stop reading), else with its ``Content-Length``."""
    return Behaviour("oversize", size=size, chunked=chunked)


def drip_headers(interval: float) -> Behaviour:
    """Send the status line and headers one byte every ``interval`` seconds (then a valid
    answer, if the client is still there): no read waits long, the whole exchange does."""
    return Behaviour("drip_headers", delay=interval)


def drip(size: int, interval: float) -> Behaviour:
    """Answer a ``size``-byte body (with its length) one byte every ``interval`` seconds:
    each read is quick, the whole answer is slow."""
    return Behaviour("drip", size=size, delay=interval)


# -- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received: ``headers`` keys are lower-case; ``params`` is the parsed
    body (``None`` when it could not be read)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    params: dict[str, Any] | None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def request_id(self) -> str | None:
        return self.header("Request-ID") or self.header("X-Request-ID")


@dataclass
class Mailing:
    """A mailing the fake holds: its ID, the Request-ID that created it, its parameters
    without the token (replaced by ``update``), and whether it is active."""

    saved_id: int
    request_id: str | None
    params: dict[str, Any]
    is_active: bool = True
    update_time: str = "2024-04-03T15:35:54.024Z"
    launches: int = 0


@dataclass
class _Stored:
    status: int
    content_type: str
    body: bytes


@dataclass
class _State:
    behaviours: deque[Behaviour] = field(default_factory=deque)
    requests: list[RecordedRequest] = field(default_factory=list)
    mailings: list[Mailing] = field(default_factory=list)
    answered: dict[tuple[str, str], _Stored] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    oversize_sent: list[int] = field(default_factory=list)
    header_drips_finished: int = 0


# -- the server --------------------------------------------------------------------------


class FakeAltcraft:
    """The fake platform.  :meth:`start` it (or use ``with``), point the client at
    :attr:`base_url`, and inspect :attr:`requests` and :attr:`mailings` afterwards."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        duplicate_header: str = "Duplicate-Request",
        first_id: int = 92,
    ) -> None:
        self.token = token
        self.duplicate_header = duplicate_header
        self._next_id = first_id
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._active = 0
        self._state = _State()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> FakeAltcraft:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in slow()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeAltcraft:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake server is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The server's URL once started; ``http://localhost`` for the in-process
        transport (loopback, so plain http is allowed and nothing is proxied)."""
        if self._server is None:
            return "http://localhost"
        return f"http://127.0.0.1:{self.port}"

    # -- configuration and inspection ----------------------------------------------------

    def enqueue(self, *behaviours: Behaviour) -> None:
        """Queue behaviours for the next requests, one each, in order."""
        with self._lock:
            self._state.behaviours.extend(behaviours)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._state.requests)

    @property
    def mailings(self) -> list[Mailing]:
        with self._lock:
            return list(self._state.mailings)

    @property
    def errors(self) -> list[str]:
        """Unexpected exceptions in handlers (a test may assert there are none)."""
        with self._lock:
            return list(self._state.errors)

    @property
    def oversize_sent(self) -> list[int]:
        """Bytes of body each oversize answer managed to write before the client hung up."""
        with self._lock:
            return list(self._state.oversize_sent)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being handled (a handler may still be writing after the
        client gave up); False if that did not happen within ``timeout`` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout)

    # -- internals used by the handler ---------------------------------------------------

    def _enter(self) -> None:
        with self._idle:
            self._active += 1

    def _leave(self) -> None:
        with self._idle:
            self._active -= 1
            self._idle.notify_all()

    def _take(self, request: RecordedRequest) -> Behaviour:
        with self._lock:
            self._state.requests.append(request)
            queue = self._state.behaviours
            return queue.popleft() if queue else Behaviour("create")

    def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds``; True when the server is stopping (cut the answer short)."""
        return self._stopping.wait(seconds)

    def _note_error(self, text: str) -> None:
        with self._lock:
            self._state.errors.append(text)

    def _note_header_drip_finished(self) -> None:
        with self._lock:
            self._state.header_drips_finished += 1

    @property
    def header_drips_finished(self) -> int:
        """Header drips that reached their end (the client was still reading)."""
        with self._lock:
            return self._state.header_drips_finished

    def _note_oversize(self, sent: int) -> None:
        with self._lock:
            self._state.oversize_sent.append(sent)

    def _authenticated(self, request: RecordedRequest) -> bool:
        bearer = request.header("Authorization")
        if bearer is not None and bearer == f"Bearer {self.token}":
            return True
        params = request.params or {}
        return params.get("token") == self.token

    def transport(self) -> httpx.MockTransport:
        """An in-process httpx transport (sync and async) serving this fake's state."""
        return httpx.MockTransport(self._handle_in_process)

    def _handle_in_process(self, request: httpx.Request) -> httpx.Response:
        headers = {key.lower(): value for key, value in request.headers.items()}
        body = request.read()
        params = _parse(headers.get("content-type", ""), body)
        recorded = RecordedRequest("POST", request.url.path, headers, body, params)
        act = self._take(recorded)
        if act.kind in ("status", "raw"):
            return httpx.Response(act.status, headers=list(act.headers), content=act.body)
        if act.kind not in ("create", "api_error"):
            raise NotImplementedError(f"the {act.kind!r} fault needs the loopback server")
        status, answer_headers, answer = self._respond(recorded, act)
        if act.drop:
            raise httpx.RemoteProtocolError("the fake dropped the connection", request=request)
        return httpx.Response(status, headers=list(answer_headers), content=answer)

    def _respond(
        self, request: RecordedRequest, act: Behaviour
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        """The answer to a request the fake handles normally (state changes included)."""
        as_xml = (request.params or {}).get("format") == "xml"
        method = _ROUTES.get(request.path.removeprefix(PREFIX))

        def envelope(error: int, text: str, data: Any = None) -> tuple[int, Any, bytes]:
            content_type, body = _envelope(error, text, data, as_xml)
            return 200, (("Content-Type", content_type),), body

        if act.kind == "api_error":
            return envelope(act.code, act.text)
        if method is None:
            return 404, (("Content-Type", "text/plain"),), b"not found"
        if request.params is None:
            return envelope(400, "Incorrect request")
        if not self._authenticated(request):
            return envelope(401, "API token required")
        if method not in _CHANGES:
            error, text, data = self._read(method, request.params)
            return envelope(error, text, data)
        key = request.request_id or "sha256:" + hashlib.sha256(request.body).hexdigest()
        with self._lock:
            stored = self._state.answered.get((request.path, key))
            if stored is None:
                error, text, data = self._change(method, request)
                content_type, body = _envelope(error, text, data, as_xml)
                stored = _Stored(200, content_type, body)
                if error == 0:
                    self._state.answered[(request.path, key)] = stored
                repeat = False
            else:
                repeat = True
        headers: tuple[tuple[str, str], ...] = (("Content-Type", stored.content_type),)
        if repeat:
            headers += ((self.duplicate_header, "true"), ("Duplicate-Key", key))
        return stored.status, headers, stored.body

    def _find(self, params: dict[str, Any]) -> Mailing | None:
        wanted = params.get("id")
        for mailing in self._state.mailings:
            if mailing.saved_id == wanted:
                return mailing
        return None

    def _change(self, method: str, request: RecordedRequest) -> tuple[int, str, Any]:
        """Apply a data-changing request (the lock is held)."""
        params = {k: v for k, v in (request.params or {}).items() if k not in ("token", "format")}
        if method in ("create", "update") and any(key not in params for key in REQUIRED):
            return 400, "Incorrect request", None
        if method == "create":
            saved_id = self._next_id
            self._next_id += 1
            active = params.get("is_active", True)
            self._state.mailings.append(Mailing(saved_id, request.request_id, params, active))
            return 0, "Successful operation", {"saved_id": saved_id}
        mailing = self._find(params)
        if mailing is None:
            return 400, "Incorrect request: no regular mailing with this id", None
        if method == "update":
            mailing.params = {k: v for k, v in params.items() if k != "id"}
            mailing.is_active = mailing.params.get("is_active", mailing.is_active)
            return 0, "Successful operation", {"saved_id": mailing.saved_id}
        if method == "launch":
            if not mailing.is_active:
                return 400, "Incorrect request: the mailing is not active", None
            mailing.launches += 1
        else:
            mailing.is_active = method == "activate"
        return 0, "Successful operation", None

    def _read(self, method: str, params: dict[str, Any]) -> tuple[int, str, Any]:
        with self._lock:
            if method == "list":
                return 0, "Successful operation", self._list(params)
            mailing = self._find(params)
            if mailing is None:
                return 400, "Incorrect request: no regular mailing with this id", None
            if method == "status":
                status = "Active" if mailing.is_active else "Inactive"
                data = {"is_active": mailing.is_active, "is_completed": False, "status": status}
                return 0, "Successful operation", data
            wire = {**mailing.params, "is_active": mailing.is_active}
            wire |= {"id": mailing.saved_id, "updated_user": "fake"}
            wire["update_time"] = mailing.update_time
            return 0, "Successful operation", wire

    def _list(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        from_id = params.get("from_id", 1)
        limit = params.get("limit", 1000)
        rows = [
            {
                "id": m.saved_id,
                "name": m.params.get("name", ""),
                "type": "regular",
                "is_active": m.is_active,
                "for_confirm": False,
            }
            for m in sorted(self._state.mailings, key=lambda m: m.saved_id)
            if m.saved_id >= from_id and (not params.get("is_active") or m.is_active)
        ]
        return rows[:limit]


def _envelope(error: int, text: str, data: Any, as_xml: bool) -> tuple[str, bytes]:
    if isinstance(data, int):  # a saved_id
        data = {"saved_id": data}
    body: dict[str, Any] = {"error": error, "error_text": text}
    if data is not None:
        body = {"data": data, **body}
    if as_xml:
        return "application/xml", xmlwire.dumps(body).encode()
    return "application/json", json.dumps(body).encode()


def _parse(content_type: str, body: bytes) -> dict[str, Any] | None:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    try:
        if kind == "application/json":
            data = json.loads(body)
            return data if isinstance(data, dict) else None
        if kind == "application/xml":
            return read_xml_request(body)
    except (ValueError, ProtocolError):
        return None
    return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeAltcraft

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError):  # a client hanging up is expected
            self.fake._note_error(repr(exc))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm
    # and delayed ACKs would add ~40 ms to every answer.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the records instead."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {key.lower(): value for key, value in self.headers.items()}
        params = _parse(headers.get("content-type", ""), body)
        request = RecordedRequest("POST", self.path, headers, body, params)
        fake = self.server.fake
        fake._enter()
        try:
            self._serve(fake, request, fake._take(request))
        except ConnectionError:
            self.close_connection = True
        finally:
            fake._leave()

    def _serve(self, fake: FakeAltcraft, request: RecordedRequest, act: Behaviour) -> None:
        if act.kind in ("status", "raw"):
            self._answer(act.status, act.body, act.headers)
        elif act.kind == "oversize":
            self._oversize(fake, act)
        elif act.kind == "drip":
            self._drip(fake, act)
        elif act.kind == "drip_headers":
            self._drip_headers(fake, act)
        else:
            status, headers, body = fake._respond(request, act)
            if act.drop:
                self.close_connection = True  # hang up without a word
                return
            if act.delay:
                fake._wait(act.delay)
            self._answer(status, body, headers)

    def _answer(self, status: int, body: bytes, headers: tuple[tuple[str, str], ...]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _oversize(self, fake: FakeAltcraft, act: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if act.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(act.size))
        self.end_headers()
        sent = 0
        try:
            while sent < act.size:
                piece = b" " * min(_CHUNK, act.size - sent)
                if act.chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    self.wfile.write(piece)
                sent += len(piece)
            if act.chunked:
                self.wfile.write(b"0\r\n\r\n")
        except ConnectionError:
            self.close_connection = True
        fake._note_oversize(sent)

    def _drip_headers(self, fake: FakeAltcraft, act: Behaviour) -> None:
        content_type, body = _envelope(0, "Successful operation", 1, False)
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nX-Padding: {'x' * 200}\r\n\r\n"
        ).encode()
        try:
            for index in range(len(head)):
                self.wfile.write(head[index : index + 1])
                self.wfile.flush()
                if fake._wait(act.delay):
                    return
            self.wfile.write(body)
        except ConnectionError:
            self.close_connection = True
            return
        fake._note_header_drip_finished()

    def _drip(self, fake: FakeAltcraft, act: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(act.size))
        self.end_headers()
        for _ in range(act.size):
            self.wfile.write(b" ")
            fake._wait(act.delay)
