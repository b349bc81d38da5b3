"""The regular-mailings client: :class:`Client` and :class:`AsyncClient`.

One set of rules for every call (``create``, ``get``, ``list``, ``update``, ``launch``,
``activate``, ``deactivate``, ``status``):

* Every attempt of a call carries the same ``Request-ID`` (and ``X-Request-ID``, the older
  name), so the platform's deduplication applies a retried change once; a repeat answered
  with ``Duplicate-Request: true`` (or ``X-Duplicate-Request``) is reported as a duplicate.
* Connection errors, timeouts, HTTP 429 and 5xx are retried (bounded, exponential backoff
  with jitter, ``Retry-After`` in ASCII digits or an HTTP date honoured up to a cap).  A TLS
  certificate failure and a 5xx marked as a duplicate are not retried; redirects are never
  followed.
* ``timeout`` bounds each attempt as a whole, from connecting to the last byte; an attempt
  is finished (connection released) before the next one starts, and no thread, connection
  or log filter outlives the call.
* The token is never logged and never appears in an exception message, in any of its
  spellings; plain ``http://`` is refused except for loopback hosts, which are never
  proxied; answers are read up to a size cap; XML is parsed with ``defusedxml``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import math
import random
import re
import ssl
import threading
import time
import uuid
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Final, Literal, Self
from urllib.parse import quote, quote_plus
from xml.sax.saxutils import escape

import attrs
import httpcore
import httpx

from ._errors import (
    AltcraftAPIError,
    InvalidArgumentError,
    ProtocolError,
    TransportError,
)
from ._request import (
    MailingInfo,
    MailingStatus,
    MailingSummary,
    RegularMailing,
    parse_envelope,
)

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "ENDPOINTS",
    "ENDPOINT_PATH",
    "AsyncClient",
    "Auth",
    "Client",
    "Format",
    "SubmitResult",
    "endpoint_url",
]

Format = Literal["json", "xml"]
Auth = Literal["body", "bearer"]

ENDPOINTS: Final[Mapping[str, str]] = {
    "create": "campaigns/regulars/add/",
    "get": "campaigns/regulars/get",
    "list": "campaigns/regulars/list/",
    "update": "campaigns/regulars/update",
    "launch": "campaigns/regulars/start",
    "activate": "campaigns/activate/",
    "deactivate": "campaigns/deactivate",
    "status": "campaigns/get_status",
}
API_PREFIX: Final = "/api/v1.1/"
ENDPOINT_PATH: Final = API_PREFIX + ENDPOINTS["create"]
DEFAULT_MAX_RESPONSE_BYTES: Final = 1 << 20
USER_AGENT: Final = "altcraft-schedule"
_CONTENT_TYPES: Final = {"json": "application/json", "xml": "application/xml"}
_AUTH_MODES: Final = ("body", "bearer")
_MAX_REQUEST_ID = 200
# A day: larger values overflow the socket layer's timeouts (timeout=1e10).
_MAX_SECONDS: Final = 86400.0

logger = logging.getLogger("altcraft_schedule.submit")


@attrs.frozen(slots=True)
class SubmitResult:
    """The outcome of a create: the new mailing's ``saved_id``, the ``request_id``
    sent (keep it to retry the same create later), whether the platform answered it as a
    ``duplicate`` of an earlier request, and how many ``attempts`` it took."""

    saved_id: int
    request_id: str
    duplicate: bool
    attempts: int = 1


@attrs.frozen(slots=True)
class CallResult:
    """The outcome of a change (``update``, ``launch``, ``activate``, ``deactivate``):
    the answer's ``data`` (often ``None``), the ``request_id`` sent, whether the platform
    answered it as a ``duplicate``, and the number of ``attempts``."""

    data: Any
    request_id: str
    duplicate: bool
    attempts: int = 1


# -- arguments ---------------------------------------------------------------------------


def _bad(name: str, value: Any, allowed: str) -> InvalidArgumentError:
    return InvalidArgumentError.bad_value(name, value, "is not allowed", allowed)


def _is_loopback(host: str) -> bool:
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def endpoint_url(base_url: str) -> str:
    """The endpoint's URL under ``base_url`` (``https://host[:port][/prefix]``).

    Raises :class:`InvalidArgumentError` for a URL that is not ``https`` (``http`` is
    allowed for loopback hosts only: 127.0.0.0/8, ::1, localhost), or that carries
    credentials, a query or a fragment.  Nothing is sent.
    """
    allowed = "https://host[:port][/prefix], or http:// to a loopback host"
    if not isinstance(base_url, str):
        raise _bad("base_url", base_url, allowed)
    try:
        url = httpx.URL(base_url)
        host = url.host  # decoding an IDNA host can fail here, not in the constructor
    except (httpx.InvalidURL, TypeError, ValueError):  # UnicodeError is a ValueError
        raise _bad("base_url", base_url, allowed) from None
    if url.scheme not in ("https", "http") or not host:
        raise _bad("base_url", base_url, allowed)
    if url.scheme == "http" and not _is_loopback(host):
        raise InvalidArgumentError(
            f"base_url: {base_url!r} is plain http to a non-loopback host, which would send "
            f"the token unencrypted; allowed: {allowed}"
        )
    if url.userinfo or url.query or url.fragment:
        # Not quoted: credentials or a query are where a pasted token would be.
        shown = f"{url.scheme}://{host}{url.path}"
        raise InvalidArgumentError(
            f"base_url: {shown!r} (with its credentials, query or fragment hidden) carries "
            f"credentials, a query or a fragment; allowed: {allowed}",
            field="base_url",
            reason="carries credentials, a query or a fragment",
            allowed=allowed,
        )
    return str(url.copy_with(path=url.path.rstrip("/") + ENDPOINT_PATH))


def _visible_ascii(text: str) -> bool:
    return all("!" <= ch <= "~" for ch in text)


def _check_token(token: Any) -> str:
    # The value is never quoted: even a malformed token may be mostly secret.  Visible
    # ASCII only, so it fits a header and no encoder error can echo it.
    allowed = "a non-empty string of visible ASCII characters"
    if not isinstance(token, str):
        raise InvalidArgumentError(f"token: is a {type(token).__name__}; allowed: {allowed}")
    if not token or not _visible_ascii(token):
        raise InvalidArgumentError(
            f"token: is empty or holds other characters (length {len(token)}); allowed: {allowed}"
        )
    return token


def _check_request_id(request_id: Any) -> str:
    if request_id is None:
        return str(uuid.uuid4())
    allowed = f"1-{_MAX_REQUEST_ID} visible ASCII characters (a UUID, for example)"
    if (
        not isinstance(request_id, str)
        or not 0 < len(request_id) <= _MAX_REQUEST_ID
        or not _visible_ascii(request_id)
    ):
        raise _bad("request_id", request_id, allowed)
    return request_id


def _check_number(
    name: str, value: Any, *, minimum: float, positive: bool = False, maximum: float = _MAX_SECONDS
) -> float:
    allowed = f"a finite number {'>' if positive else '>='} {minimum:g} and <= {maximum:g}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _bad(name, value, allowed)
    if value < minimum or value > maximum or (positive and value == minimum):
        raise _bad(name, value, allowed)
    return float(value)


def _check_count(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(name, value, f"an integer >= {minimum}")
    return value


@attrs.frozen(slots=True)
class _Retry:
    retries: int
    backoff: float
    max_backoff: float
    retry_after_cap: float
    sleep: Any  # time.sleep, or an async sleep in AsyncClient

    def backoff_delay(self, attempt: int) -> float:
        """Exponential, with "equal jitter": half fixed, half random (spreads retries of
        many clients while still always waiting)."""
        ceiling = min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


# -- the token scrubber ------------------------------------------------------------------


class _Scrubber:
    """Replaces every spelling of the token (raw, URL-quoted, JSON- and XML-escaped) in
    text put into messages, so neither our texts nor echoed server texts can leak it."""

    __slots__ = ("_patterns",)

    def __init__(self, token: str) -> None:
        forms = {token, quote(token, safe=""), quote(token), quote_plus(token), escape(token)}
        forms.add(quote_plus(token, safe="/"))
        forms.add(json.dumps(token)[1:-1])
        forms.add(repr(token.encode())[2:-1])  # httpcore logs header bytes by their repr
        # Percent-escapes may come back in either case (%2F or %2f).
        self._patterns = [
            re.compile(re.escape(form), re.IGNORECASE if "%" in form else 0)
            for form in sorted((form for form in forms if form), key=len, reverse=True)
        ]

    def __repr__(self) -> str:
        return "_Scrubber(***)"

    def __call__(self, text: str) -> str:
        for pattern in self._patterns:
            text = pattern.sub("***", text)
        return text


# httpcore's DEBUG trace logs response headers as received; a server echoing the token in
# one (a redirect's Location, say) would put it in the logs.  During a submit, records of
# these loggers pass through the scrubber.
_HTTP_LOGGERS: Final = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class _ScrubFilter(logging.Filter):
    def __init__(self, scrub: _Scrubber) -> None:
        super().__init__()
        self._scrub = scrub

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self._scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


_FILTERS_LOCK = threading.Lock()


@contextlib.contextmanager
def _scrubbed_http_logs(scrub: _Scrubber) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _HTTP_LOGGERS]
    log_filter = _ScrubFilter(scrub)
    # Copy-on-write under a lock: logging iterates a logger's filter list without a lock,
    # so mutating it in place while another thread logs could skip a filter.
    with _FILTERS_LOCK:
        for http_logger in loggers:
            http_logger.filters = [*http_logger.filters, log_filter]
    try:
        yield
    finally:
        with _FILTERS_LOCK:
            for http_logger in loggers:
                http_logger.filters = [f for f in http_logger.filters if f is not log_filter]


# -- one attempt -------------------------------------------------------------------------

# The attempt's deadline, read by our network streams at every socket operation: httpx
# bounds each read, not the whole exchange, so a server dripping its headers a byte at a
# time could otherwise hold an attempt as long as it likes.
_DEADLINE: ContextVar[float | None] = ContextVar("altcraft_schedule_deadline", default=None)


def _bounded(timeout: float | None) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), 0.001)  # 0 would make the socket non-blocking
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _bounded(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.connect_unix_socket(path, _bounded(timeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _bound_own_pools(client: httpx.Client) -> None:
    """Route our own client's sockets through the deadline streams (httpx has no public
    hook for the network backend; a client given by the caller is left alone)."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


@attrs.frozen(slots=True)
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes

    @property
    def duplicate(self) -> bool:
        return any(
            self.headers.get(name, "").strip().lower() == "true"
            for name in ("Duplicate-Request", "X-Duplicate-Request")
        )


class _RetryableError(Exception):
    """Internal: an attempt failed in a way worth retrying (message already scrubbed)."""


_RETRYABLE_HTTPX = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


def _decoder(encoding: str) -> Any:
    """A zlib decompressor for the body's Content-Encoding (None for identity)."""
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise ProtocolError(f"the response uses Content-Encoding {encoding!r}; expected identity")


class _BodyReader:
    """Decodes the body chunk by chunk, refusing more than ``cap`` bytes (raw or decoded),
    so a decompression bomb or an endless body stops at the cap."""

    def __init__(self, response: httpx.Response, cap: int) -> None:
        declared = response.headers.get("Content-Length", "")
        if declared.strip().isdigit() and declared.isascii() and int(declared) > cap:
            raise ProtocolError(f"the response declares {int(declared)} bytes; the cap is {cap}")
        self._decoder = _decoder(response.headers.get("Content-Encoding", "").strip().lower())
        self._cap = cap
        self._body = bytearray()
        self._received = 0

    def feed(self, chunk: bytes) -> None:
        self._received += len(chunk)
        data: bytes | None = chunk
        if self._decoder is not None:
            try:
                data = self._decoder.decompress(chunk, self._cap + 1 - len(self._body))
            except zlib.error:
                data = None
        if data is None:
            raise ProtocolError("the response body is not valid compressed data")
        self._body += data
        if len(self._body) > self._cap or self._received > self._cap:
            raise ProtocolError(f"the response body is over the cap of {self._cap} bytes")

    def feed_decoded(self, content: bytes) -> None:
        self._decoder = None
        self.feed(content)

    def done(self) -> bytes:
        if self._decoder is not None and not self._decoder.eof:
            raise ProtocolError("the response body's compressed data is truncated")
        return bytes(self._body)


def _skips_body(status: int) -> bool:
    return status == 429 or status >= 500  # a retried answer's body is not used


def _attempt(client: httpx.Client, request: _Prepared, timeout: float, cap: int) -> _Answer:
    """One exchange, given at most ``timeout`` seconds in all, finished when it returns."""
    deadline = time.monotonic() + timeout
    token = _DEADLINE.set(deadline)
    in_body = False
    try:
        with client.stream(
            "POST",
            request.url,
            content=request.body,
            headers=request.headers,
            timeout=timeout,
            follow_redirects=False,
        ) as response:
            reader = _BodyReader(response, cap)
            in_body = True
            if response.is_stream_consumed:  # an in-memory answer (a mock transport)
                reader.feed_decoded(response.content)
            elif not _skips_body(response.status_code):
                for chunk in response.iter_raw():
                    reader.feed(chunk)
                    if time.monotonic() > deadline:
                        raise _RetryableError(
                            "the response body was still arriving when the timeout passed"
                        )
            return _Answer(
                response.status_code, response.reason_phrase, response.headers, reader.done()
            )
    except httpx.TimeoutException as exc:
        if time.monotonic() < deadline:
            raise  # httpx's own phase timeout, before ours
        kind = type(exc).__name__
    finally:
        _DEADLINE.reset(token)
    if in_body:
        raise _RetryableError(
            f"{kind}: the response body was still arriving when the timeout passed"
        )
    raise _RetryableError(f"{kind}: no complete answer within the timeout of {timeout:g} s")


async def _attempt_async(
    client: httpx.AsyncClient, request: _Prepared, timeout: float, cap: int
) -> _Answer:
    """One exchange; ``asyncio.timeout`` cancels it at the deadline (its connection is
    closed by the cancellation, before the next attempt starts)."""
    try:
        async with asyncio.timeout(timeout):
            async with client.stream(
                "POST",
                request.url,
                content=request.body,
                headers=request.headers,
                timeout=timeout,
                follow_redirects=False,
            ) as response:
                reader = _BodyReader(response, cap)
                if response.is_stream_consumed:  # an in-memory answer (a mock transport)
                    reader.feed_decoded(response.content)
                elif not _skips_body(response.status_code):
                    async for chunk in response.aiter_raw():
                        reader.feed(chunk)
                return _Answer(
                    response.status_code, response.reason_phrase, response.headers, reader.done()
                )
    except TimeoutError:
        pass
    raise _RetryableError(f"Timeout: no complete answer within the timeout of {timeout:g} s")


# -- the retry loop ----------------------------------------------------------------------

_ASCII_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


def _retry_after(headers: httpx.Headers) -> float | None:
    """The delay a ``Retry-After`` asks for: ASCII digits or an HTTP date; anything else
    (``²``, Arabic-Indic digits, garbage) is ignored and the backoff applies."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if _ASCII_DIGITS.fullmatch(value):
        return float(value)
    if not value.isascii():
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: BaseException, scrub: _Scrubber) -> str:
    text = scrub(str(exc)) or "no details"
    return f"{type(exc).__name__}: {text}"


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):  # the chain of causes, bounded
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


@attrs.frozen(slots=True)
class _Prepared:
    method: str
    url: str
    body: bytes
    headers: dict[str, str]
    request_id: str


class _Loop:
    """The retry decisions shared by the sync and async loops."""

    def __init__(self, request: _Prepared, retry: _Retry, scrub: _Scrubber) -> None:
        self.request = request
        self.retry = retry
        self.scrub = scrub
        self.attempts = retry.retries + 1
        self.failure = "no attempt made"

    def error(self, message: str) -> TransportError:
        return TransportError(
            f"request {self.request.request_id}: {message}", request_id=self.request.request_id
        )

    def classify(self, exc: BaseException) -> None:
        """Record a retryable failure, or raise the call's error for a fatal one."""
        if isinstance(exc, _RetryableError):
            self.failure = str(exc)
            return
        if isinstance(exc, ProtocolError):
            raise ProtocolError(
                f"request {self.request.request_id}: {self.scrub(str(exc))}",
                request_id=self.request.request_id,
            )
        if isinstance(exc, httpx.HTTPError) and _is_certificate_failure(exc):
            detail = _describe(exc, self.scrub)
            raise self.error(f"the server's TLS certificate was refused (not retried): {detail}")
        if isinstance(exc, _RETRYABLE_HTTPX):
            self.failure = _describe(exc, self.scrub)
            return
        if isinstance(exc, httpx.HTTPError):
            raise self.error(f"the request failed: {_describe(exc, self.scrub)}")
        raise exc

    def wait_after(self, answer: _Answer | None, attempt: int) -> float | None:
        """None to return ``answer``; else the seconds to wait before the next attempt
        (raises when there is no next attempt)."""
        rid = self.request.request_id
        delay = None
        if answer is not None:
            logger.info("request %s: attempt %d: HTTP %d", rid, attempt, answer.status)
            if not _skips_body(answer.status):
                return None
            self.failure = self.scrub(f"HTTP {answer.status} {answer.reason}".rstrip())
            if answer.duplicate:
                raise self.error(
                    f"{self.failure}, marked as a duplicate of an earlier request with this "
                    "Request-ID (not retried: the platform replays the earlier answer)"
                )
            delay = _retry_after(answer.headers)
            if delay is not None and delay > self.retry.retry_after_cap:
                raise self.error(
                    f"{self.failure}; the server asks to retry after {delay:g} s, over the "
                    f"cap of {self.retry.retry_after_cap:g} s"
                )
        else:
            logger.info("request %s: attempt %d failed: %s", rid, attempt, self.failure)
        if attempt >= self.attempts:
            raise self.error(f"{self.failure} (after {self.attempts} attempt(s))")
        wait = self.retry.backoff_delay(attempt) if delay is None else delay
        logger.info("request %s: retrying in %.3f s", rid, wait)
        return wait


def _send(
    client: httpx.Client,
    request: _Prepared,
    *,
    timeout: float,
    cap: int,
    retry: _Retry,
    scrub: _Scrubber,
) -> tuple[_Answer, int]:
    """The first answer that is not retried, and the attempt it came from."""
    loop = _Loop(request, retry, scrub)
    for attempt in range(1, loop.attempts + 1):
        logger.debug("request %s: attempt %d of %d", request.request_id, attempt, loop.attempts)
        answer: _Answer | None = None
        caught: BaseException | None = None
        try:
            answer = _attempt(client, request, timeout, cap)
        except (_RetryableError, ProtocolError, httpx.HTTPError) as exc:
            caught = exc
        if caught is not None:
            # Classified outside the handler: a chained httpx error would carry the
            # request (and its Authorization header or body) along with the exception.
            loop.classify(caught)
        wait = loop.wait_after(answer, attempt)
        if wait is None and answer is not None:
            return answer, attempt
        retry.sleep(wait)
    raise loop.error(loop.failure)  # not reached: wait_after raises on the last attempt


async def _send_async(
    client: httpx.AsyncClient,
    request: _Prepared,
    *,
    timeout: float,
    cap: int,
    retry: _Retry,
    scrub: _Scrubber,
) -> tuple[_Answer, int]:
    loop = _Loop(request, retry, scrub)
    for attempt in range(1, loop.attempts + 1):
        answer: _Answer | None = None
        caught: BaseException | None = None
        try:
            answer = await _attempt_async(client, request, timeout, cap)
        except (_RetryableError, ProtocolError, httpx.HTTPError) as exc:
            caught = exc
        if caught is not None:
            loop.classify(caught)
        wait = loop.wait_after(answer, attempt)
        if wait is None and answer is not None:
            return answer, attempt
        await retry.sleep(wait)
    raise loop.error(loop.failure)


# -- reading answers ---------------------------------------------------------------------


def _envelope(answer: _Answer, request_id: str, scrub: _Scrubber) -> dict[str, Any]:
    """The answer's envelope (``error`` 0), or the call's error."""
    status = answer.status
    if 300 <= status < 400:
        location = scrub(answer.headers.get("Location", ""))
        raise TransportError(
            f"request {request_id}: HTTP {status} redirect to {location!r} not followed "
            "(a redirect could carry the token elsewhere); check base_url",
            request_id=request_id,
        )
    problem: str | None = None
    envelope: dict[str, Any] | None = None
    try:
        envelope = parse_envelope(answer.body)
    except ProtocolError as exc:
        problem = scrub(str(exc))
    if status >= 400 and (envelope is None or envelope["error"] == 0):
        reason = scrub(f"HTTP {status} {answer.reason}".rstrip())
        raise TransportError(f"request {request_id}: {reason}", request_id=request_id)
    if envelope is None:
        raise ProtocolError(f"request {request_id}: {problem}", request_id=request_id)
    if envelope["error"] != 0:
        raise AltcraftAPIError(
            envelope["error"], scrub(envelope["error_text"]), request_id=request_id
        )
    return envelope


def _saved_id(envelope: Mapping[str, Any], request_id: str) -> int:
    data = envelope.get("data")
    saved = data.get("saved_id") if isinstance(data, Mapping) else None
    if saved is None:
        saved = envelope.get("saved_id")  # the page's response table lists it at the top
    if not isinstance(saved, int) or isinstance(saved, bool) or saved < 1:
        shown = "missing" if saved is None else type(saved).__name__
        raise ProtocolError(
            f"request {request_id}: the response has error 0 but saved_id is {shown}; "
            "expected an integer >= 1",
            request_id=request_id,
        )
    return saved


def _data_mapping(envelope: Mapping[str, Any], what: str, request_id: str) -> Mapping[str, Any]:
    data = envelope.get("data")
    if not isinstance(data, Mapping):
        raise ProtocolError(
            f"request {request_id}: the {what} answer's data is not an object",
            request_id=request_id,
        )
    return data


def _data_list(envelope: Mapping[str, Any], request_id: str) -> list[Any]:
    data = envelope.get("data")
    if data in (None, ""):
        return []
    if isinstance(data, Mapping):  # XML: one element, or an "array" of one
        data = [data]
    if not isinstance(data, list):
        raise ProtocolError(
            f"request {request_id}: the list answer's data is not an array", request_id=request_id
        )
    return data


# -- the clients -------------------------------------------------------------------------


def _base_url(base_url: Any, scrub: _Scrubber) -> str:
    message: str | None = None
    try:
        url = endpoint_url(base_url)
    except InvalidArgumentError as exc:
        message = scrub(str(exc))
    if message is not None:  # a token pasted into the URL must not reach the message
        raise InvalidArgumentError(message, field="base_url", allowed="an https:// URL")
    return url[: -len(ENDPOINT_PATH)]


def _mailing_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _bad("mailing_id", value, "an integer >= 1")
    return value


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad(name, value, "True or False")
    return value


def _host_is_loopback(base: str) -> bool:
    return _is_loopback(httpx.URL(base).host)


def _own_client_kwargs(base: str) -> dict[str, Any]:
    # Loopback is never proxied: trust_env=False also ignores HTTP(S)_PROXY and ALL_PROXY.
    return {"follow_redirects": False, "trust_env": not _host_is_loopback(base)}


def _proxy_error(exc: ImportError) -> TransportError:
    return TransportError(
        "the environment's proxy settings need a package that is not installed "
        f"({exc.name or exc}); "
        "install httpx[socks] for a SOCKS proxy, or unset ALL_PROXY/HTTPS_PROXY"
    )


class _Base:
    """Configuration and request building shared by :class:`Client` and
    :class:`AsyncClient`."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        format: Format,
        auth: Auth,
        timeout: float,
        retries: int,
        max_response_bytes: int,
        backoff: float,
        max_backoff: float,
        retry_after_cap: float,
        sleep: Any,
    ) -> None:
        self._token = _check_token(token)
        self._scrub = _Scrubber(self._token)
        self._base = _base_url(base_url, self._scrub)
        if format not in _CONTENT_TYPES:
            raise _bad("format", format, "'json' or 'xml'")
        if auth not in _AUTH_MODES:
            raise _bad("auth", auth, "'body' or 'bearer'")
        self._format: Format = format
        self._auth: Auth = auth
        self._timeout = _check_number("timeout", timeout, minimum=0, positive=True)
        self._cap = _check_count("max_response_bytes", max_response_bytes, 1)
        self._retry = _Retry(
            retries=_check_count("retries", retries, 0),
            backoff=_check_number("backoff", backoff, minimum=0),
            max_backoff=_check_number("max_backoff", max_backoff, minimum=0),
            retry_after_cap=_check_number("retry_after_cap", retry_after_cap, minimum=0),
            sleep=sleep,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._base!r}, token=***, format={self._format!r})"

    def _prepare(
        self, method: str, params: Mapping[str, Any], request_id: str | None = None
    ) -> _Prepared:
        from . import _xml as xmlwire

        rid = _check_request_id(request_id)
        fields: dict[str, Any] = {}
        if self._auth == "body":
            fields["token"] = self._token
        if self._format == "xml":
            fields["format"] = "xml"  # asks the platform to answer in XML too
        fields.update(params)
        if self._format == "xml":
            body = xmlwire.dumps(fields).encode("utf-8")
        else:
            body = json.dumps(fields, ensure_ascii=False, allow_nan=False).encode("utf-8")
        headers = {
            "Content-Type": _CONTENT_TYPES[self._format],
            "Accept": _CONTENT_TYPES[self._format],
            "Accept-Encoding": "identity",  # so the size cap applies to what is sent
            "Request-ID": rid,
            "X-Request-ID": rid,
            "User-Agent": USER_AGENT,
        }
        if self._auth == "bearer":
            headers["Authorization"] = f"Bearer {self._token}"
        return _Prepared(method, self._base + API_PREFIX + ENDPOINTS[method], body, headers, rid)

    def _mailing_body(self, mailing: Any) -> dict[str, Any]:
        if not isinstance(mailing, RegularMailing):
            raise InvalidArgumentError.bad_value(
                "mailing", type(mailing).__name__, "is not allowed", "a RegularMailing"
            )
        return mailing.to_dict()

    @staticmethod
    def _launch_params(
        mailing_id: Any, override_limit: Any, override_source: Any
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"id": _mailing_id(mailing_id)}
        if override_limit is not None:
            params["override_limit"] = _check_count("override_limit", override_limit, 0)
        if override_source is not None:
            allowed = "a pair (source_type, source_id): ('list' or 'segment', an integer >= 1)"
            if (
                not isinstance(override_source, tuple)
                or len(override_source) != 2
                or override_source[0] not in ("list", "segment")
                or isinstance(override_source[1], bool)
                or not isinstance(override_source[1], int)
                or override_source[1] < 1
            ):
                raise _bad("override_source", override_source, allowed)
            params["override_source_type"], params["override_source_id"] = override_source
        return params

    def _page_params(self, from_id: int, page_size: int, active_only: bool) -> dict[str, Any]:
        params: dict[str, Any] = {"from_id": from_id, "limit": page_size}
        if active_only:
            params["is_active"] = True
        return params

    def _finish(self, method: str, answer: _Answer, request: _Prepared, attempts: int) -> Any:
        rid = request.request_id
        envelope = _envelope(answer, rid, self._scrub)
        if method == "create":
            return SubmitResult(_saved_id(envelope, rid), rid, answer.duplicate, attempts)
        try:
            if method == "get":
                return MailingInfo.from_wire(_data_mapping(envelope, "get", rid))
            if method == "status":
                return MailingStatus.from_wire(_data_mapping(envelope, "status", rid))
            if method == "list":
                return [MailingSummary.from_wire(item) for item in _data_list(envelope, rid)]
        except ProtocolError as exc:
            problem = self._scrub(str(exc))
        else:
            return CallResult(envelope.get("data"), rid, answer.duplicate, attempts)
        raise ProtocolError(f"request {rid}: {problem}", request_id=rid)


def _check_page_size(page_size: Any) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= 10000:
        raise _bad("page_size", page_size, "an integer from 1 to 10000")
    return page_size


def _next_from_id(page: list[MailingSummary], from_id: int) -> int:
    return max([item.id for item in page], default=from_id) + 1


class Client(_Base):
    """A synchronous client for the regular-mailing endpoints at ``base_url``.

    ``format`` (``json``/``xml``) is the body's format and the answer's; ``auth`` puts the
    token in the body (``body``, the create page's way) or in ``Authorization: Bearer``
    (``bearer``).  ``timeout`` bounds each attempt as a whole; ``retries`` is the number
    of retries after the first attempt.  ``http_client`` (an ``httpx.Client``) or
    ``transport`` (an ``httpx.BaseTransport``, e.g. ``altcraft_schedule.testing``'s fake)
    replaces the client of our own; a client given by the caller is used as is and not
    closed.  Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        format: Format = "json",
        auth: Auth = "body",
        timeout: float = 10.0,
        retries: int = 3,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        retry_after_cap: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            base_url,
            token=token,
            format=format,
            auth=auth,
            timeout=timeout,
            retries=retries,
            max_response_bytes=max_response_bytes,
            backoff=backoff,
            max_backoff=max_backoff,
            retry_after_cap=retry_after_cap,
            sleep=sleep,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise _bad("http_client", type(http_client).__name__, "an httpx.Client or None")
        self._owned = http_client is None
        if http_client is not None:
            self._http = http_client
        else:
            try:
                self._http = httpx.Client(transport=transport, **_own_client_kwargs(self._base))
            except ImportError as exc:
                raise _proxy_error(exc) from None
            _bound_own_pools(self._http)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if it is ours."""
        if self._owned:
            self._http.close()

    def _call(self, method: str, params: Mapping[str, Any], request_id: str | None = None) -> Any:
        request = self._prepare(method, params, request_id)
        with _scrubbed_http_logs(self._scrub):
            answer, attempts = _send(
                self._http,
                request,
                timeout=self._timeout,
                cap=self._cap,
                retry=self._retry,
                scrub=self._scrub,
            )
        return self._finish(method, answer, request, attempts)

    def create(self, mailing: RegularMailing, *, request_id: str | None = None) -> SubmitResult:
        """Create ``mailing``; the result carries its ``saved_id``."""
        result: SubmitResult = self._call("create", self._mailing_body(mailing), request_id)
        return result

    def get(self, mailing_id: int) -> MailingInfo:
        """The mailing ``mailing_id`` as the platform has it."""
        info: MailingInfo = self._call("get", {"id": _mailing_id(mailing_id)})
        return info

    def list(self, *, active_only: bool = False, page_size: int = 1000) -> Iterator[MailingSummary]:
        """Every regular mailing (only the active ones with ``active_only``), fetched in
        pages of ``page_size`` by ``from_id`` until a page comes back short."""
        active_only = _flag("active_only", active_only)
        page_size = _check_page_size(page_size)
        from_id = 1
        while True:
            page: list[MailingSummary] = self._call(
                "list", self._page_params(from_id, page_size, active_only)
            )
            yield from page
            if len(page) < page_size:
                return
            from_id = _next_from_id(page, from_id)

    def update(
        self, mailing_id: int, mailing: RegularMailing, *, request_id: str | None = None
    ) -> CallResult:
        """Replace mailing ``mailing_id`` with ``mailing`` (the whole object is sent)."""
        params = {"id": _mailing_id(mailing_id), **self._mailing_body(mailing)}
        result: CallResult = self._call("update", params, request_id)
        return result

    def launch(
        self,
        mailing_id: int,
        *,
        override_limit: int | None = None,
        override_source: tuple[Literal["list", "segment"], int] | None = None,
        request_id: str | None = None,
    ) -> CallResult:
        """Start one run of an active mailing now (``campaigns/regulars/start``)."""
        params = self._launch_params(mailing_id, override_limit, override_source)
        result: CallResult = self._call("launch", params, request_id)
        return result

    def activate(self, mailing_id: int, *, run_now: bool = False) -> CallResult:
        """Activate the mailing (``run_now``: also run it once now)."""
        params = {"id": _mailing_id(mailing_id), "run_now": _flag("run_now", run_now)}
        result: CallResult = self._call("activate", params)
        return result

    def deactivate(self, mailing_id: int, *, abort_if_running: bool = False) -> CallResult:
        """Deactivate the mailing (``abort_if_running``: also stop a run in progress)."""
        flag = _flag("abort_if_running", abort_if_running)
        result: CallResult = self._call(
            "deactivate", {"id": _mailing_id(mailing_id), "abort_if_running": flag}
        )
        return result

    def status(self, mailing_id: int) -> MailingStatus:
        """The mailing's state (``campaigns/get_status``)."""
        status: MailingStatus = self._call("status", {"id": _mailing_id(mailing_id)})
        return status


class AsyncClient(_Base):
    """The asyncio twin of :class:`Client`: the same arguments and methods, awaited
    (``list`` is an async iterator).  ``http_client`` is an ``httpx.AsyncClient``,
    ``transport`` an ``httpx.AsyncBaseTransport``.  Cancelling a call stops its attempt
    and closes its connection; what the platform already did stays done."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        format: Format = "json",
        auth: Auth = "body",
        timeout: float = 10.0,
        retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        retry_after_cap: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            base_url,
            token=token,
            format=format,
            auth=auth,
            timeout=timeout,
            retries=retries,
            max_response_bytes=max_response_bytes,
            backoff=backoff,
            max_backoff=max_backoff,
            retry_after_cap=retry_after_cap,
            sleep=sleep,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise _bad("http_client", type(http_client).__name__, "an httpx.AsyncClient or None")
        self._owned = http_client is None
        if http_client is not None:
            self._http = http_client
        else:
            try:
                self._http = httpx.AsyncClient(
                    transport=transport, **_own_client_kwargs(self._base)
                )
            except ImportError as exc:
                raise _proxy_error(exc) from None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client if it is ours."""
        if self._owned:
            await self._http.aclose()

    async def _call(
        self, method: str, params: Mapping[str, Any], request_id: str | None = None
    ) -> Any:
        request = self._prepare(method, params, request_id)
        with _scrubbed_http_logs(self._scrub):
            answer, attempts = await _send_async(
                self._http,
                request,
                timeout=self._timeout,
                cap=self._cap,
                retry=self._retry,
                scrub=self._scrub,
            )
        return self._finish(method, answer, request, attempts)

    async def create(
        self, mailing: RegularMailing, *, request_id: str | None = None
    ) -> SubmitResult:
        """Create ``mailing``; the result carries its ``saved_id``."""
        result: SubmitResult = await self._call("create", self._mailing_body(mailing), request_id)
        return result

    async def get(self, mailing_id: int) -> MailingInfo:
        """The mailing ``mailing_id`` as the platform has it."""
        info: MailingInfo = await self._call("get", {"id": _mailing_id(mailing_id)})
        return info

    async def list(
        self, *, active_only: bool = False, page_size: int = 1000
    ) -> AsyncIterator[MailingSummary]:
        """Every regular mailing, page by page (see :meth:`Client.list`)."""
        active_only = _flag("active_only", active_only)
        page_size = _check_page_size(page_size)
        from_id = 1
        while True:
            page: list[MailingSummary] = await self._call(
                "list", self._page_params(from_id, page_size, active_only)
            )
            for item in page:
                yield item
            if len(page) < page_size:
                return
            from_id = _next_from_id(page, from_id)

    async def update(
        self, mailing_id: int, mailing: RegularMailing, *, request_id: str | None = None
    ) -> CallResult:
        """Replace mailing ``mailing_id`` with ``mailing`` (the whole object is sent)."""
        params = {"id": _mailing_id(mailing_id), **self._mailing_body(mailing)}
        result: CallResult = await self._call("update", params, request_id)
        return result

    async def launch(
        self,
        mailing_id: int,
        *,
        override_limit: int | None = None,
        override_source: tuple[Literal["list", "segment"], int] | None = None,
        request_id: str | None = None,
    ) -> CallResult:
        """Start one run of an active mailing now."""
        params = self._launch_params(mailing_id, override_limit, override_source)
        result: CallResult = await self._call("launch", params, request_id)
        return result

    async def activate(self, mailing_id: int, *, run_now: bool = False) -> CallResult:
        """Activate the mailing (``run_now``: also run it once now)."""
        params = {"id": _mailing_id(mailing_id), "run_now": _flag("run_now", run_now)}
        result: CallResult = await self._call("activate", params)
        return result

    async def deactivate(self, mailing_id: int, *, abort_if_running: bool = False) -> CallResult:
        """Deactivate the mailing (``abort_if_running``: also stop a run in progress)."""
        flag = _flag("abort_if_running", abort_if_running)
        params = {"id": _mailing_id(mailing_id), "abort_if_running": flag}
        result: CallResult = await self._call("deactivate", params)
        return result

    async def status(self, mailing_id: int) -> MailingStatus:
        """The mailing's state."""
        status: MailingStatus = await self._call("status", {"id": _mailing_id(mailing_id)})
        return status
