"""The CLI's client commands against the loopback fake platform."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from altcraft_schedule import Client, RegularMailing, StartSchedule
from altcraft_schedule._cli import main
from altcraft_schedule.testing import FakeAltcraft, http_status


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAltcraft]:
    with FakeAltcraft() as server:
        monkeypatch.setenv("ALTCRAFT_TOKEN", server.token)
        monkeypatch.setenv("ALTCRAFT_BASE_URL", server.base_url)
        yield server


def created(fake: FakeAltcraft) -> int:
    mailing = RegularMailing(
        name="Digest",
        data_type="list",
        data_id=3,
        content=({"message_id": 1},),
        send_channel="email",
        start_schedule=StartSchedule(hours=(9,), mins=(0,)),
    )
    with Client(fake.base_url, token=fake.token) as api:
        return api.create(mailing).saved_id


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_get_list_status_activate_deactivate_launch(
    fake: FakeAltcraft, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = created(fake)
    got = run_json(capsys, "get", str(saved))
    assert isinstance(got, dict) and got["id"] == saved
    assert got["mailing"]["start_schedule"]["start_hours"] == [9]
    assert run_json(capsys, "list") == {
        "mailings": [{"id": saved, "name": "Digest", "is_active": True}]
    }
    assert run_json(capsys, "deactivate", str(saved))["id"] == saved  # type: ignore[index]
    assert run_json(capsys, "status", str(saved))["status"] == "Inactive"  # type: ignore[index]
    run_json(capsys, "activate", str(saved))
    launched = run_json(capsys, "launch", str(saved), "--override-limit", "5", "--request-id", "L1")
    assert launched["request_id"] == "L1"  # type: ignore[index]
    assert main(["list"]) == 0
    assert "Digest" in capsys.readouterr().out
    assert fake.token not in capsys.readouterr().out


def test_a_failed_launch_names_its_request_id_and_a_safe_rerun(
    fake: FakeAltcraft, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = created(fake)
    fake.enqueue(http_status(503))
    assert main(["launch", str(saved), "--retries", "0", "--request-id", "K-1"]) == 1
    err = capsys.readouterr().err
    assert "K-1" in err and "rerun with --request-id K-1" in err
    fake.enqueue(http_status(503))
    assert main(["status", str(saved), "--retries", "0"]) == 1
    assert "rerun with" not in capsys.readouterr().err  # a read: nothing to deduplicate


def test_no_token_sends_nothing(fake: FakeAltcraft, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALTCRAFT_TOKEN")
    assert main(["list"]) == 1
    assert fake.requests == []


def test_a_token_pasted_into_the_base_url_is_not_echoed(
    fake: FakeAltcraft, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "tok/with/slash-0123456789"
    monkeypatch.setenv("ALTCRAFT_TOKEN", token)
    for url in (f"https://example.com/?token={token}", f"https://{token}@example.com"):
        assert main(["list", "--base-url", url]) == 1
        err = capsys.readouterr().err
        assert token not in err and "token%2F" not in err.lower() and "tok%2f" not in err.lower()


def test_next_and_plan_of_a_mailing(fake: FakeAltcraft, capsys: pytest.CaptureFixture[str]) -> None:
    saved = created(fake)
    shown = run_json(capsys, "next", "--mailing", str(saved), "-n", "3", "--tz", "UTC")
    assert isinstance(shown, dict) and len(shown["runs"]) == 3
    assert all("T09:00" in json.dumps(run) for run in shown["runs"])
    plan = run_json(capsys, "plan", "--mailing", str(saved), "--limit", "10", "--cycles", "3")
    assert isinstance(plan, dict) and "10" in json.dumps(plan)
    assert main(["next", "0 9 * * *", "--mailing", str(saved)]) == 2
