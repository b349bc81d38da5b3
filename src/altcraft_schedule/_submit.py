"""``submit()``: one create, as a thin wrapper over :meth:`Client.create`.

The rules (one ``Request-ID`` for every attempt, retries, the token never shown, loopback
never proxied, size caps) are the client's: see :mod:`altcraft_schedule._client`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from ._client import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ENDPOINT_PATH,
    Auth,
    Client,
    Format,
    SubmitResult,
    _Scrubber,
    endpoint_url,
)
from ._errors import InvalidArgumentError
from ._request import RegularMailing

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "ENDPOINT_PATH",
    "SubmitResult",
    "_Scrubber",
    "endpoint_url",
    "submit",
]


def submit(
    mailing: RegularMailing,
    *,
    token: str,
    base_url: str,
    format: Format = "json",
    timeout: float = 10.0,
    retries: int = 3,
    request_id: str | None = None,
    auth: Auth = "body",
    client: httpx.Client | None = None,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    backoff: float = 0.5,
    max_backoff: float = 8.0,
    retry_after_cap: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> SubmitResult:
    """Create ``mailing`` on the platform at ``base_url``; return its ``saved_id``.

    The same as ``Client(base_url, token=..., ...).create(mailing, request_id=...)`` in a
    ``with`` block: ``format`` (``json``/``xml``) is the body's format and the answer's;
    ``auth`` puts the token in the body (``body``) or in ``Authorization: Bearer``
    (``bearer``).  ``request_id`` is the deduplication key (a fresh UUID4 by default),
    sent as ``Request-ID`` and ``X-Request-ID`` on every attempt.  ``timeout`` bounds each
    attempt as a whole; ``retries`` is the number of retries after the first attempt
    (connection errors, timeouts, HTTP 429/5xx), waiting ``backoff * 2**(n-1)`` seconds
    (at most ``max_backoff``, jittered) or the server's ``Retry-After`` (more than
    ``retry_after_cap`` seconds: give up).  A ``client`` given by the caller is used as is
    and not closed.

    Raises :class:`InvalidArgumentError` (bad argument, or ``http://`` to a non-loopback
    host: nothing is sent), :class:`AltcraftAPIError` (``error != 0``),
    :class:`TransportError` (no answer after the retries, an HTTP error status, a
    redirect) and :class:`ProtocolError` (an answer that is not a valid response, or
    larger than ``max_response_bytes``); all are :class:`CallError` but the first.
    """
    if not isinstance(mailing, RegularMailing):
        raise InvalidArgumentError(
            f"mailing: {type(mailing).__name__} is not allowed; allowed: a RegularMailing",
            field="mailing",
            value=type(mailing).__name__,
            allowed="a RegularMailing",
        )
    with Client(
        base_url,
        token=token,
        format=format,
        auth=auth,
        timeout=timeout,
        retries=retries,
        http_client=client,
        max_response_bytes=max_response_bytes,
        backoff=backoff,
        max_backoff=max_backoff,
        retry_after_cap=retry_after_cap,
        sleep=sleep,
    ) as api:
        return api.create(mailing, request_id=request_id)
