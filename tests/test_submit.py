"""submit() against a real HTTP server on 127.0.0.1 (tests/fake_altcraft.py)."""

from __future__ import annotations

import gzip
import json
import logging
import socket
import traceback
import uuid
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from altcraft_schedule._errors import (
    AltcraftAPIError,
    InvalidArgumentError,
    ProtocolError,
    TransportError,
)
from altcraft_schedule._limits import CycleLimits
from altcraft_schedule._request import RegularMailing
from altcraft_schedule._schedule import StartSchedule
from altcraft_schedule._submit import ENDPOINT_PATH, SubmitResult, endpoint_url, submit
from fake_altcraft import (
    FakeAltcraft,
    api_error,
    drip,
    drip_headers,
    drop_after_create,
    http_status,
    oversize,
    raw_body,
    slow,
)


@pytest.fixture
def fake() -> Iterator[FakeAltcraft]:
    with FakeAltcraft() as server:
        yield server
    assert server.errors == []


class Sleeps:
    """An injected sleep: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def mailing(**overrides: Any) -> RegularMailing:
    fields: dict[str, Any] = {
        "name": "Weekly digest",
        "data_type": "list",
        "data_id": 12,
        "content": [{"message_id": 15, "subject": "Hello"}],
        "send_channel": "email",
        "start_schedule": StartSchedule(hours=[9], mins=[0], wdays=[1]),
        "limits": CycleLimits(limit=1000, aglimit_percent=10),
    }
    fields.update(overrides)
    return RegularMailing(**fields)


def call(fake: FakeAltcraft, sleeps: Sleeps | None = None, **kwargs: Any) -> SubmitResult:
    options: dict[str, Any] = {
        "token": fake.token,
        "base_url": fake.base_url,
        "timeout": 2.0,
        "backoff": 0.001,
        "sleep": sleeps if sleeps is not None else Sleeps(),
    }
    options.update(kwargs)
    return submit(options.pop("mailing", mailing()), **options)


# -- success -----------------------------------------------------------------------------


def test_json_success(fake: FakeAltcraft) -> None:
    m = mailing()
    result = call(fake, mailing=m)
    assert result.saved_id == fake.mailings[0].saved_id
    assert (result.duplicate, result.attempts) == (False, 1)
    [request] = fake.requests
    assert request.path == ENDPOINT_PATH
    assert request.header("Content-Type") == "application/json"
    assert request.header("Accept") == "application/json"
    assert request.request_id == result.request_id == request.header("X-Request-ID")
    assert uuid.UUID(result.request_id).version == 4
    assert request.header("Authorization") is None
    assert json.loads(request.body) == m.to_json_body(fake.token)
    assert fake.mailings[0].params == m.to_dict()


def test_xml_success(fake: FakeAltcraft) -> None:
    m = mailing()
    result = call(fake, mailing=m, format="xml")
    [request] = fake.requests
    assert request.header("Content-Type") == "application/xml"
    assert request.body.decode() == m.to_xml(fake.token, format="xml")
    assert request.params is not None and request.params["format"] == "xml"
    assert result.saved_id == fake.mailings[0].saved_id


def test_bearer_keeps_the_token_out_of_the_body(fake: FakeAltcraft) -> None:
    result = call(fake, auth="bearer")
    [request] = fake.requests
    assert request.header("Authorization") == f"Bearer {fake.token}"
    assert fake.token.encode() not in request.body
    assert result.saved_id == fake.mailings[0].saved_id


def test_callers_request_id_and_client(fake: FakeAltcraft) -> None:
    with httpx.Client() as client:
        result = call(fake, request_id="create-digest-2024-05", client=client)
        assert not client.is_closed  # the caller's client is the caller's to close
        again = call(fake, request_id="create-digest-2024-05", client=client)
    assert result.request_id == "create-digest-2024-05"
    assert (again.saved_id, again.duplicate) == (result.saved_id, True)
    assert len(fake.mailings) == 1


@pytest.mark.parametrize("header", ["Duplicate-Request", "X-Duplicate-Request"])
def test_duplicate_header_spellings(header: str) -> None:
    with FakeAltcraft(duplicate_header=header) as server:
        first = call(server, request_id="same-key")
        second = call(server, request_id="same-key")
    assert (first.duplicate, second.duplicate) == (False, True)
    assert first.saved_id == second.saved_id


def test_gzip_answer_is_accepted(fake: FakeAltcraft) -> None:
    body = gzip.compress(b'{"data": {"saved_id": 7}, "error": 0, "error_text": "ok"}')
    fake.enqueue(raw_body(body, headers={"Content-Encoding": "gzip"}))
    assert call(fake).saved_id == 7


# -- API and protocol errors -------------------------------------------------------------


def test_api_error(fake: FakeAltcraft) -> None:
    fake.enqueue(api_error(402, "Tariff limit reached"))
    with pytest.raises(AltcraftAPIError) as info:
        call(fake, request_id="rid-1")
    assert (info.value.code, info.value.text, info.value.request_id) == (
        402,
        "Tariff limit reached",
        "rid-1",
    )
    assert fake.mailings == []


@pytest.mark.parametrize("auth", ["body", "bearer"])
def test_wrong_token_is_an_api_error_without_the_token(fake: FakeAltcraft, auth: str) -> None:
    wrong = "wrong-token-abcdef123456"
    with pytest.raises(AltcraftAPIError) as info:
        call(fake, token=wrong, auth=auth)
    assert info.value.code == 401
    assert wrong not in str(info.value)


def test_api_error_text_echoing_the_token_is_scrubbed(fake: FakeAltcraft) -> None:
    fake.enqueue(api_error(401, f"token {fake.token} is revoked"))
    with pytest.raises(AltcraftAPIError) as info:
        call(fake)
    assert fake.token not in str(info.value)
    assert info.value.text == "token *** is revoked"


def test_api_error_in_xml(fake: FakeAltcraft) -> None:
    fake.enqueue(api_error(400, "Incorrect request"))
    with pytest.raises(AltcraftAPIError) as info:
        call(fake, format="xml")
    assert (info.value.code, info.value.text) == (400, "Incorrect request")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html>Bad gateway</html>", "text/html"),
        (b"not json at all", "application/json"),
        (b'{"error": "0", "error_text": "x"}', "application/json"),
        (b'{"error": 0, "error_text": "Successful operation"}', "application/json"),
        (b'{"error": 0, "error_text": "x", "data": {"saved_id": "92"}}', "application/json"),
        (b'{"error": NaN, "error_text": "x"}', "application/json"),
        (b"[0]", "application/json"),
        (b"", "application/json"),
        (b"<xml><error>zero</error></xml>", "application/xml"),
        (
            b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><error>0</error>'
            b"<error_text>&b;</error_text></xml>",
            "application/xml",
        ),
        (
            b'<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<xml><error>0</error><error_text>&x;</error_text></xml>",
            "application/xml",
        ),
    ],
    ids=[
        "html",
        "garbage",
        "error-as-string",
        "no-saved-id",
        "saved-id-as-string",
        "nan",
        "array",
        "empty",
        "xml-bad-error",
        "xml-entity-expansion",
        "xml-external-entity",
    ],
)
def test_malformed_answers(fake: FakeAltcraft, body: bytes, content_type: str) -> None:
    fake.enqueue(raw_body(body, content_type=content_type))
    sleeps = Sleeps()
    with pytest.raises(ProtocolError, match="request "):
        call(fake, sleeps)
    assert sleeps.delays == []  # a malformed answer is not retried


@pytest.mark.parametrize("chunked", [True, False])
def test_oversize_answer(fake: FakeAltcraft, chunked: bool) -> None:
    size = 8 * 1024 * 1024
    fake.enqueue(oversize(size, chunked=chunked))
    with pytest.raises(ProtocolError, match=r"cap of 65536|the cap is 65536"):
        call(fake, max_response_bytes=65536)
    assert fake.wait_idle()
    # The client stopped reading and hung up: the server could not write the whole body.
    [sent] = fake.oversize_sent
    assert sent < size


def test_decompression_bomb_stops_at_the_cap(fake: FakeAltcraft) -> None:
    bomb = gzip.compress(b" " * (4 * 1024 * 1024))
    assert len(bomb) < 65536
    fake.enqueue(raw_body(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(ProtocolError, match="cap of 65536"):
        call(fake, max_response_bytes=65536)


@pytest.mark.parametrize(
    ("body", "encoding", "message"),
    [
        (b"\x1f\x8b not gzip", "gzip", "not valid compressed data"),
        (gzip.compress(b'{"error": 0}')[:-12], "gzip", "truncated"),
        (b"anything", "br", "Content-Encoding 'br'"),
    ],
)
def test_bad_encodings(fake: FakeAltcraft, body: bytes, encoding: str, message: str) -> None:
    fake.enqueue(raw_body(body, headers={"Content-Encoding": encoding}))
    with pytest.raises(ProtocolError, match=message):
        call(fake)


def test_deflate_answer_is_accepted(fake: FakeAltcraft) -> None:
    body = zlib.compress(b'{"data": {"saved_id": 8}, "error": 0, "error_text": "ok"}')
    fake.enqueue(raw_body(body, headers={"Content-Encoding": "deflate"}))
    assert call(fake).saved_id == 8


# -- transport errors and retries --------------------------------------------------------


def test_drop_after_create_then_retry_creates_once(fake: FakeAltcraft) -> None:
    fake.enqueue(drop_after_create())
    sleeps = Sleeps()
    result = call(fake, sleeps)
    assert len(fake.mailings) == 1
    assert result.saved_id == fake.mailings[0].saved_id
    assert (result.duplicate, result.attempts, len(sleeps.delays)) == (True, 2, 1)
    first, second = fake.requests
    assert first.request_id == second.request_id == result.request_id
    assert first.body == second.body


def test_timeout_without_retries(fake: FakeAltcraft) -> None:
    fake.enqueue(slow(1.0))
    with pytest.raises(TransportError, match="Timeout"):
        call(fake, timeout=0.1, retries=0)


def test_timeout_then_retry_is_a_duplicate(fake: FakeAltcraft) -> None:
    fake.enqueue(slow(1.0))
    result = call(fake, timeout=0.2, retries=3)
    assert result.duplicate and result.attempts >= 2
    assert len(fake.mailings) == 1
    assert result.saved_id == fake.mailings[0].saved_id


def test_answer_that_trickles_past_the_timeout(fake: FakeAltcraft) -> None:
    fake.enqueue(drip(50, 0.05))
    with pytest.raises(TransportError, match="still arriving"):
        call(fake, timeout=0.3, retries=0)


def test_headers_that_trickle_past_the_timeout(fake: FakeAltcraft) -> None:
    # Every byte comes well within the read timeout; the whole head would take ~15 s.
    fake.enqueue(drip_headers(0.05))
    with pytest.raises(TransportError, match="no complete answer within the timeout"):
        call(fake, timeout=0.3, retries=0)
    assert fake.header_drips_finished == 0  # submit gave up long before the server finished


def test_non_retryable_httpx_error_is_scrubbed() -> None:
    token = "tok-abcdef-987654"
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ProxyError(f"proxy refused a request with {token}")

    sleeps = Sleeps()
    transport = httpx.MockTransport(handler)
    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(TransportError, match="ProxyError: proxy refused") as info,
    ):
        submit(mailing(), token=token, base_url="https://example.com", client=client, sleep=sleeps)
    assert token not in str(info.value)
    assert (len(calls), sleeps.delays) == (1, [])
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_500_then_success(fake: FakeAltcraft) -> None:
    fake.enqueue(http_status(500, body=b"oops"))
    sleeps = Sleeps()
    result = call(fake, sleeps, backoff=0.5, max_backoff=8.0)
    assert (result.attempts, result.duplicate) == (2, False)
    assert len(fake.mailings) == 1
    # Equal jitter: the first backoff lies in [backoff / 2, backoff].
    assert len(sleeps.delays) == 1 and 0.25 <= sleeps.delays[0] <= 0.5


def test_backoff_grows_and_is_capped(fake: FakeAltcraft) -> None:
    fake.enqueue(*[http_status(503)] * 5)
    sleeps = Sleeps()
    with pytest.raises(TransportError, match=r"HTTP 503 .*after 5 attempt"):
        call(fake, sleeps, retries=4, backoff=1.0, max_backoff=3.0)
    assert len(fake.requests) == 5
    for delay, ceiling in zip(sleeps.delays, [1.0, 2.0, 3.0, 3.0], strict=True):
        assert ceiling / 2 <= delay <= ceiling
    assert len({request.request_id for request in fake.requests}) == 1


def test_429_retry_after_seconds(fake: FakeAltcraft) -> None:
    fake.enqueue(http_status(429, headers={"Retry-After": "2"}))
    sleeps = Sleeps()
    result = call(fake, sleeps)
    assert sleeps.delays == [2.0]
    assert result.attempts == 2


def test_429_retry_after_http_date(fake: FakeAltcraft) -> None:
    when = datetime.now(UTC) + timedelta(seconds=20)
    fake.enqueue(http_status(429, headers={"Retry-After": format_datetime(when, usegmt=True)}))
    sleeps = Sleeps()
    call(fake, sleeps)
    assert len(sleeps.delays) == 1 and 10 <= sleeps.delays[0] <= 21


def test_retry_after_over_the_cap_gives_up(fake: FakeAltcraft) -> None:
    fake.enqueue(http_status(429, headers={"Retry-After": "3600"}))
    sleeps = Sleeps()
    with pytest.raises(TransportError, match="3600 s, over the cap of 30 s"):
        call(fake, sleeps)
    assert sleeps.delays == []
    assert len(fake.requests) == 1


@pytest.mark.parametrize("status", [400, 403, 404])
def test_non_retryable_status(fake: FakeAltcraft, status: int) -> None:
    fake.enqueue(http_status(status, body=b"<html>no</html>"))
    sleeps = Sleeps()
    with pytest.raises(TransportError, match=f"HTTP {status}"):
        call(fake, sleeps)
    assert sleeps.delays == []


def test_error_status_with_an_api_envelope_is_an_api_error(fake: FakeAltcraft) -> None:
    body = b'{"error": 401, "error_text": "API token required"}'
    fake.enqueue(http_status(401, body=body, headers={"Content-Type": "application/json"}))
    with pytest.raises(AltcraftAPIError) as info:
        call(fake)
    assert info.value.code == 401


def test_redirect_is_not_followed(fake: FakeAltcraft) -> None:
    fake.enqueue(http_status(307, headers={"Location": "https://elsewhere.example/steal"}))
    with pytest.raises(TransportError, match="not followed"):
        call(fake)
    assert len(fake.requests) == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_after_retries() -> None:
    sleeps = Sleeps()
    with pytest.raises(TransportError, match=r"ConnectError.*after 3 attempt") as info:
        submit(
            mailing(),
            token="secret-token-value-1234",
            base_url=f"http://127.0.0.1:{free_port()}",
            retries=2,
            sleep=sleeps,
        )
    assert len(sleeps.delays) == 2
    # No chained httpx exception (it would carry the request, headers and body).
    assert info.value.__cause__ is None and info.value.__context__ is None


# -- arguments and URL safety ------------------------------------------------------------


class NoNetwork(httpx.BaseTransport):
    """A transport that fails the test if anything is sent."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        pytest.fail(f"unexpected network I/O to {request.url}")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://example.com",
        "http://10.0.0.1:8080",
        "http://127.0.0.1.nip.io",
        "http://localhost.example.com",
        "ftp://127.0.0.1",
        "https://user:pw@example.com",
        "https://example.com/?token=abc",
        "https://example.com/#x",
        "not a url",
        "",
    ],
)
def test_refused_base_urls_do_no_io(base_url: str) -> None:
    with httpx.Client(transport=NoNetwork()) as client, pytest.raises(InvalidArgumentError):
        submit(mailing(), token="tok-123456", base_url=base_url, client=client)


@pytest.mark.parametrize(
    ("base_url", "url"),
    [
        ("https://example.com", f"https://example.com{ENDPOINT_PATH}"),
        ("https://example.com/", f"https://example.com{ENDPOINT_PATH}"),
        ("https://example.com:8443/altcraft", f"https://example.com:8443/altcraft{ENDPOINT_PATH}"),
        ("http://127.0.0.1:8080", f"http://127.0.0.1:8080{ENDPOINT_PATH}"),
        ("http://127.9.8.7", f"http://127.9.8.7{ENDPOINT_PATH}"),
        ("http://[::1]:9000", f"http://[::1]:9000{ENDPOINT_PATH}"),
        ("http://LOCALHOST", f"http://localhost{ENDPOINT_PATH}"),
    ],
)
def test_endpoint_url(base_url: str, url: str) -> None:
    assert endpoint_url(base_url) == url


def test_token_in_a_refused_url_is_not_echoed() -> None:
    token = "tok-9f8e7d6c5b4a"
    with pytest.raises(InvalidArgumentError) as info:
        submit(mailing(), token=token, base_url=f"https://example.com/?token={token}")
    assert token not in str(info.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("format", "yaml"),
        ("auth", "basic"),
        ("timeout", 0),
        ("timeout", float("inf")),
        ("retries", -1),
        ("retries", True),
        ("request_id", ""),
        ("request_id", "has space"),
        ("request_id", "x" * 201),
        ("max_response_bytes", 0),
        ("backoff", -1.0),
        ("retry_after_cap", "30"),
        ("mailing", {"name": "x"}),
        ("client", object()),
    ],
)
def test_bad_arguments(name: str, value: Any) -> None:
    kwargs: dict[str, Any] = {"token": "tok-123456", "base_url": "https://example.com"}
    target: Any = mailing()
    if name == "mailing":
        target = value
    else:
        kwargs[name] = value
    with pytest.raises(InvalidArgumentError, match=name):
        submit(target, **kwargs)


@pytest.mark.parametrize("token", ["", "has space", "tab\tinside", "ключ", 12345, None])
def test_bad_tokens_are_refused_without_echo(token: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="token") as info:
        submit(mailing(), token=token, base_url="https://example.com")
    if isinstance(token, str) and token:
        assert token not in str(info.value)


# -- the token never leaks ---------------------------------------------------------------


def scenarios(fake: FakeAltcraft) -> list[tuple[str, Callable[[], object]]]:
    """Calls that succeed or fail in every way, each run with the token in play."""

    def run(*behaviours: Any, **kwargs: Any) -> Callable[[], object]:
        def go() -> object:
            fake.enqueue(*behaviours)
            return call(fake, **kwargs)

        return go

    closed = f"http://127.0.0.1:{free_port()}"
    return [
        ("ok-body", run()),
        ("ok-bearer-xml", run(auth="bearer", format="xml")),
        ("dup", run(drop_after_create())),
        ("api-echo", run(api_error(401, f"bad token {fake.token}"))),
        ("garbage", run(raw_body(fake.token.encode()))),
        ("xml-echo", run(raw_body(f"<xml><error>{fake.token}</error></xml>".encode()))),
        ("500", run(http_status(500), http_status(500), retries=1)),
        ("timeout", run(slow(1.0), timeout=0.1, retries=0)),
        ("oversize", run(oversize(1 << 20), max_response_bytes=1024)),
        ("redirect", run(http_status(302, headers={"Location": f"/?t={fake.token}"}))),
        ("refused", lambda: call(fake, base_url=closed, retries=1, auth="bearer")),
        ("plain-http", lambda: call(fake, base_url=f"http://example.com/?{fake.token}")),
    ]


def test_token_never_leaks(fake: FakeAltcraft, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("altcraft_schedule.submit", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    texts: list[str] = []
    outcomes: dict[str, str] = {}
    for label, scenario in scenarios(fake):
        try:
            result = scenario()
        except Exception as exc:
            outcomes[label] = type(exc).__name__
            texts += [str(exc), repr(exc)]
            texts += traceback.format_exception(exc)
            texts += [str(arg) for arg in exc.args]
        else:
            outcomes[label] = "ok"
            texts.append(repr(result))
    for record in caplog.records:
        texts += [record.getMessage(), repr(record.args), str(record.exc_info)]
    assert outcomes == {
        "ok-body": "ok",
        "ok-bearer-xml": "ok",
        "dup": "ok",
        "api-echo": "AltcraftAPIError",
        "garbage": "ProtocolError",
        "xml-echo": "ProtocolError",
        "500": "TransportError",
        "timeout": "TransportError",
        "oversize": "ProtocolError",
        "redirect": "TransportError",
        "refused": "TransportError",
        "plain-http": "InvalidArgumentError",
    }
    # The logs are there (so the check below has something to check)...
    loggers = {record.name for record in caplog.records}
    assert {"altcraft_schedule.submit", "httpx"} <= loggers
    assert any("attempt" in record.getMessage() for record in caplog.records)
    # ...and the token is in none of it.
    leaks = [text for text in texts if fake.token in text]
    assert leaks == []


def test_scrubber_masks_every_spelling_of_the_token() -> None:
    from altcraft_schedule._submit import _Scrubber

    token = "Tk'x\"y\\z/+&<"
    scrub = _Scrubber(token)
    spellings = [
        token,
        quote(token, safe=""),
        quote(token, safe="").lower(),  # %2f as well as %2F
        json.dumps(token)[1:-1],
        repr(token.encode())[2:-1],  # how httpcore logs header bytes
    ]
    for spelling in spellings:
        assert token not in scrub(f"before {spelling} after")
        assert scrub(f"before {spelling} after") == "before *** after"
