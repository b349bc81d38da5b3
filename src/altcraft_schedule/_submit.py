"""Send a create-regular-mailing request, safely.

:func:`submit` POSTs a :class:`~altcraft_schedule._request.RegularMailing` to
``<base_url>/api/v1.1/campaigns/regulars/add/`` and returns the new mailing's ID.

* Every attempt carries the same ``Request-ID`` (and ``X-Request-ID``, the older name), so
  the platform's deduplication applies a retried create once; a repeat answered with
  ``Duplicate-Request: true`` (or ``X-Duplicate-Request``) is reported as ``duplicate``.
* Connection errors, timeouts, HTTP 429 and 5xx are retried (bounded, exponential backoff
  with jitter, ``Retry-After`` honoured up to a cap); redirects are never followed.
* The token is never logged and never appears in an exception message; plain ``http://``
  is refused except for loopback hosts; the response is read up to a size cap; XML is
  parsed with ``defusedxml``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import math
import random
import re
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final
from urllib.parse import quote, quote_plus
from xml.sax.saxutils import escape

import attrs
import httpx

from ._errors import (
    AltcraftAPIError,
    InvalidArgumentError,
    ProtocolError,
    TransportError,
)
from ._request import RegularMailing, parse_response

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "ENDPOINT_PATH",
    "SubmitResult",
    "endpoint_url",
    "submit",
]

ENDPOINT_PATH: Final = "/api/v1.1/campaigns/regulars/add/"
DEFAULT_MAX_RESPONSE_BYTES: Final = 1 << 20
USER_AGENT: Final = "altcraft-schedule"
_CONTENT_TYPES: Final = {"json": "application/json", "xml": "application/xml"}
_AUTH_MODES: Final = ("body", "bearer")
_MAX_REQUEST_ID = 200

logger = logging.getLogger("altcraft_schedule.submit")


@attrs.frozen(slots=True)
class SubmitResult:
    """The outcome of :func:`submit`: the new mailing's ``saved_id``, the ``request_id``
    sent (keep it to retry the same create later), whether the platform answered it as a
    ``duplicate`` of an earlier request, and how many ``attempts`` it took."""

    saved_id: int
    request_id: str
    duplicate: bool
    attempts: int = 1


# -- arguments ---------------------------------------------------------------------------


def _bad(name: str, value: Any, allowed: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"{name}: {value!r} is not allowed; allowed: {allowed}")


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
        raise InvalidArgumentError(
            f"base_url: {base_url!r} carries credentials, a query or a fragment; allowed: {allowed}"
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


def _check_number(name: str, value: Any, *, minimum: float, positive: bool = False) -> float:
    allowed = f"a finite number {'>' if positive else '>='} {minimum:g}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _bad(name, value, allowed)
    if value < minimum or (positive and value == minimum):
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
    sleep: Callable[[float], None]

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
        forms = {token, quote(token, safe=""), quote_plus(token), escape(token)}
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


@contextlib.contextmanager
def _scrubbed_http_logs(scrub: _Scrubber) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _HTTP_LOGGERS]
    log_filter = _ScrubFilter(scrub)
    for http_logger in loggers:
        http_logger.addFilter(log_filter)
    try:
        yield
    finally:
        for http_logger in loggers:
            http_logger.removeFilter(log_filter)


# -- one attempt -------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


# Lets a phase that httpx itself times out at the deadline report its own error first.
_DEADLINE_GRACE = 0.25


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


def _inflate(decoder: Any, chunk: bytes, limit: int) -> bytes | None:
    """Decompress ``chunk``, producing at most ``limit`` bytes (so a decompression bomb
    stops at the cap); None when the data is not valid."""
    try:
        data: bytes = decoder.decompress(chunk, limit)
    except zlib.error:
        return None
    return data


def _read_capped(response: httpx.Response, cap: int, deadline: float) -> bytes:
    """The body, decoded, refusing more than ``cap`` bytes (raw or decoded) and stopping
    the read as soon as the cap is passed."""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > cap:
        raise ProtocolError(f"the response declares {int(declared)} bytes; the cap is {cap}")
    decoder = _decoder(response.headers.get("Content-Encoding", "").strip().lower())
    body = bytearray()
    received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        data = chunk if decoder is None else _inflate(decoder, chunk, cap + 1 - len(body))
        if data is None:
            raise ProtocolError("the response body is not valid compressed data")
        body += data
        if len(body) > cap or received > cap:
            raise ProtocolError(f"the response body is over the cap of {cap} bytes")
        if time.monotonic() > deadline:
            raise _RetryableError("the response body was still arriving when the timeout passed")
    if decoder is not None and not decoder.eof:
        raise ProtocolError("the response body's compressed data is truncated")
    return bytes(body)


def _attempt(
    client: httpx.Client,
    url: str,
    *,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    cap: int,
) -> _Answer:
    """One exchange, given at most ``timeout`` seconds in all.

    httpx bounds each phase (connect, write, every read), not the whole: a server sending
    its headers a byte at a time would hold the call for as long as it likes.  So the
    exchange runs in a daemon thread and is abandoned at the deadline; the thread ends
    when its connection does (closing a client of ours closes it).
    """
    deadline = time.monotonic() + timeout
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            with client.stream(
                "POST",
                url,
                content=body,
                headers=headers,
                timeout=timeout,
                follow_redirects=False,
            ) as response:
                status = response.status_code
                # A 429/5xx answer is not used: skip reading it.
                retried = status == 429 or status >= 500
                content = b"" if retried else _read_capped(response, cap, deadline)
                outcome["answer"] = _Answer(
                    status, response.reason_phrase, response.headers, content
                )
        except BaseException as exc:  # handed over to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="altcraft-submit-attempt", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()) + _DEADLINE_GRACE)
    if worker.is_alive():
        raise _RetryableError(f"no complete answer within the timeout of {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]
    answer: _Answer = outcome["answer"]
    return answer


# -- the retry loop ----------------------------------------------------------------------


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: BaseException, scrub: _Scrubber) -> str:
    text = scrub(str(exc)) or "no details"
    return f"{type(exc).__name__}: {text}"


def _send(
    client: httpx.Client,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    cap: int,
    retry: _Retry,
    scrub: _Scrubber,
) -> tuple[_Answer, int]:
    """The first answer that is not retried, and the attempt it came from."""
    request_id = headers["Request-ID"]
    attempts = retry.retries + 1
    for attempt in range(1, attempts + 1):
        logger.debug("request %s: attempt %d of %d, POST %s", request_id, attempt, attempts, url)
        failure: str | None = None
        fatal: str | None = None
        answer: _Answer | None = None
        try:
            answer = _attempt(client, url, body=body, headers=headers, timeout=timeout, cap=cap)
        except _RetryableError as exc:
            failure = str(exc)
        except _RETRYABLE_HTTPX as exc:
            failure = _describe(exc, scrub)
        except httpx.HTTPError as exc:
            fatal = _describe(exc, scrub)
        # Raised outside the handlers: a chained httpx error would carry the request
        # (and its Authorization header or body) along with the exception.
        if fatal is not None:
            raise TransportError(f"request {request_id}: the request failed: {fatal}")
        if answer is not None:
            logger.info("request %s: attempt %d: HTTP %d", request_id, attempt, answer.status)
            if answer.status != 429 and answer.status < 500:
                return answer, attempt
            failure = f"HTTP {answer.status} {answer.reason}".rstrip()
            delay = _retry_after(answer.headers)
            if delay is not None and delay > retry.retry_after_cap:
                raise TransportError(
                    f"request {request_id}: {failure}; the server asks to retry after "
                    f"{delay:g} s, over the cap of {retry.retry_after_cap:g} s"
                )
        else:
            delay = None
            logger.info("request %s: attempt %d failed: %s", request_id, attempt, failure)
        if attempt == attempts:
            break
        wait = retry.backoff_delay(attempt) if delay is None else delay
        logger.info("request %s: retrying in %.3f s", request_id, wait)
        retry.sleep(wait)
    raise TransportError(f"request {request_id}: {failure} (after {attempts} attempt(s))")


def _result(answer: _Answer, request_id: str, attempts: int, scrub: _Scrubber) -> SubmitResult:
    status = answer.status
    if 300 <= status < 400:
        location = scrub(answer.headers.get("Location", ""))
        raise TransportError(
            f"request {request_id}: HTTP {status} redirect to {location!r} not followed "
            "(a redirect could carry the token elsewhere); check base_url"
        )
    if status >= 400:
        try:
            parsed = parse_response(answer.body)
        except ProtocolError:
            parsed = None
        if parsed is None or parsed.error == 0:
            raise TransportError(f"request {request_id}: HTTP {status} {answer.reason}".rstrip())
    else:
        parsed = parse_response(answer.body)
    if parsed.error != 0:
        raise AltcraftAPIError(parsed.error, scrub(parsed.error_text), request_id=request_id)
    if parsed.saved_id is None:
        raise ProtocolError("the response has error 0 but no saved_id")
    duplicate = any(
        answer.headers.get(name, "").strip().lower() == "true"
        for name in ("Duplicate-Request", "X-Duplicate-Request")
    )
    return SubmitResult(parsed.saved_id, request_id, duplicate, attempts)


# -- the entry point ---------------------------------------------------------------------


def _body(mailing: RegularMailing, token: str, format: str, auth: str) -> bytes:
    in_body = token if auth == "body" else None
    if format == "xml":
        # "format" asks the platform to answer in XML too (its default is JSON).
        return mailing.to_xml(in_body, format="xml").encode("utf-8")
    return mailing.to_json(in_body).encode("utf-8")


def submit(
    mailing: RegularMailing,
    *,
    token: str,
    base_url: str,
    format: str = "json",
    timeout: float = 10.0,
    retries: int = 3,
    request_id: str | None = None,
    auth: str = "body",
    client: httpx.Client | None = None,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    backoff: float = 0.5,
    max_backoff: float = 8.0,
    retry_after_cap: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> SubmitResult:
    """Create ``mailing`` on the platform at ``base_url``; return its ``saved_id``.

    ``format`` (``json``/``xml``) is the body's format and the answer's; ``auth`` puts the
    token in the body (``body``, the page's way) or in ``Authorization: Bearer``
    (``bearer``).  ``request_id`` is the deduplication key (a fresh UUID4 by default),
    sent as ``Request-ID`` and ``X-Request-ID`` on every attempt.  ``timeout`` bounds each
    attempt as a whole, from connecting to the last byte of the answer; ``retries`` is the
    number of retries after the first attempt (connection errors, timeouts, HTTP 429/5xx), waiting
    ``backoff * 2**(n-1)`` seconds (at most ``max_backoff``, jittered) or the server's
    ``Retry-After`` (more than ``retry_after_cap`` seconds: give up).  A ``client`` given
    by the caller is used as is and not closed.

    Raises :class:`InvalidArgumentError` (bad argument, or ``http://`` to a non-loopback
    host: nothing is sent), :class:`AltcraftAPIError` (``error != 0``),
    :class:`TransportError` (no answer after the retries, an HTTP error status, a
    redirect) and :class:`ProtocolError` (an answer that is not a valid response, or
    larger than ``max_response_bytes``).
    """
    if not isinstance(mailing, RegularMailing):
        raise InvalidArgumentError(
            f"mailing: {type(mailing).__name__} is not allowed; allowed: a RegularMailing"
        )
    token = _check_token(token)
    scrub = _Scrubber(token)
    message: str | None = None
    try:
        url = endpoint_url(base_url)
    except InvalidArgumentError as exc:
        message = scrub(str(exc))
    if message is not None:  # a token pasted into the URL must not reach the message
        raise InvalidArgumentError(message)
    if format not in _CONTENT_TYPES:
        raise _bad("format", format, "'json' or 'xml'")
    if auth not in _AUTH_MODES:
        raise _bad("auth", auth, "'body' or 'bearer'")
    request_id = _check_request_id(request_id)
    timeout = _check_number("timeout", timeout, minimum=0, positive=True)
    retry = _Retry(
        retries=_check_count("retries", retries, 0),
        backoff=_check_number("backoff", backoff, minimum=0),
        max_backoff=_check_number("max_backoff", max_backoff, minimum=0),
        retry_after_cap=_check_number("retry_after_cap", retry_after_cap, minimum=0),
        sleep=sleep,
    )
    cap = _check_count("max_response_bytes", max_response_bytes, 1)
    if client is not None and not isinstance(client, httpx.Client):
        raise _bad("client", type(client).__name__, "an httpx.Client or None")

    body = _body(mailing, token, format, auth)
    headers = {
        "Content-Type": _CONTENT_TYPES[format],
        "Accept": _CONTENT_TYPES[format],
        "Accept-Encoding": "identity",  # so the size cap applies to what is sent
        "Request-ID": request_id,
        "X-Request-ID": request_id,
        "User-Agent": USER_AGENT,
    }
    if auth == "bearer":
        headers["Authorization"] = f"Bearer {token}"

    http = client if client is not None else httpx.Client(follow_redirects=False)
    try:
        try:
            with _scrubbed_http_logs(scrub):
                answer, attempts = _send(
                    http, url, body, headers, timeout=timeout, cap=cap, retry=retry, scrub=scrub
                )
            return _result(answer, request_id, attempts, scrub)
        except ProtocolError as exc:
            problem = scrub(str(exc))
    finally:
        if client is None:
            http.close()
    # Re-raised scrubbed (a server may echo anything) and without the original's context.
    raise ProtocolError(f"request {request_id}: {problem}")
