"""Audit without content, retention, and the data subject's rights (export, delete)."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask

from addon.logs import JsonFormatter
from services.audit import AuditLog
from services.demo import DEMO_TEACHER, DEMO_TENANT, DEMO_TENANT_ADMIN
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

TEAM_4B = {"kind": "team", "schoolId": "nordskolen", "teamId": "4b", "docId": DEMO_DOC}


def _card(body: dict[str, Any]) -> dict[str, Any]:
    navigation = body["renderActions"]["action"]["navigations"][0]
    return next(iter(navigation.values()))  # type: ignore[no-any-return]


def _action_event(parameters: dict[str, str], **form: str) -> dict[str, Any]:
    event = load_fixture("docs-action-open-template.json")
    event["commonEventObject"]["parameters"] = parameters
    event["commonEventObject"]["formInputs"] = {
        k: {"stringInputs": {"value": [v]}} for k, v in form.items()
    }
    return event


def test_the_tenant_admin_sees_generations_and_changes_without_content(
    addon: AddonClient,
) -> None:
    addon.answer("/addon/actions/generate", "docs-action-generate.json")
    addon.answer(
        "/addon/actions/save-layer",
        _action_event(TEAM_4B, elevgruppe="Hemmelig tekst om klassen."),
    )

    card = str(
        _card(
            addon.answer(
                "/addon/actions/audit",
                _action_event({"docId": DEMO_DOC}),
                email=DEMO_TENANT_ADMIN,
            )
        )
    )

    assert "laesetekst@1" in card and DEMO_TEACHER in card
    assert "team:nordskolen/4b v6" in card
    assert "Hemmelig tekst" not in card and "Vikingetiden" not in card


def test_the_audit_card_filters_by_user(addon: AddonClient) -> None:
    addon.answer("/addon/actions/generate", "docs-action-generate.json")

    card = str(
        _card(
            addon.answer(
                "/addon/actions/audit",
                _action_event({"docId": DEMO_DOC}, user="nobody@x.dk"),
                email=DEMO_TENANT_ADMIN,
            )
        )
    )

    assert "laesetekst@1" not in card
    assert "Ingen poster." in card


def test_a_teacher_cannot_open_the_audit_card(addon: AddonClient) -> None:
    card = _card(
        addon.answer("/addon/actions/audit", _action_event({"docId": DEMO_DOC}))
    )

    assert card["name"] == "error"


def test_expired_records_are_purged_and_fresh_ones_kept(
    addon: AddonClient, demo: Flask
) -> None:
    addon.answer("/addon/actions/generate", "docs-action-generate.json")
    store = demo.extensions["laerer"].store
    later = AuditLog(store, clock=lambda: datetime.now(UTC) + timedelta(days=31))

    assert AuditLog(store).purge_expired(DEMO_TENANT) == 0
    assert later.purge_expired(DEMO_TENANT) == 1
    assert store.generations(DEMO_TENANT) == ()


def test_export_then_delete_a_person_leaves_nothing_behind(
    addon: AddonClient, demo: Flask
) -> None:
    addon.answer("/addon/actions/generate", "docs-action-generate.json")
    addon.answer(
        "/addon/actions/save-layer", _action_event(TEAM_4B, elevgruppe="Ny tekst.")
    )
    generation = demo.extensions["laerer"].store.generations(DEMO_TENANT)[0].id
    rating = {"generationId": generation, "templateId": "laesetekst", "version": "1"}
    addon.answer(
        "/addon/actions/rate",
        _action_event({**rating, "value": "down"}, rating_comment="For svær"),
    )
    runner = demo.test_cli_runner()

    exported = runner.invoke(args=["export-person", DEMO_TENANT, DEMO_TEACHER])
    data = json.loads(exported.output)
    assert data["member"]["school"] == "nordskolen"
    assert len(data["generations"]) == 1 and len(data["audit"]) == 1
    assert [(r["template"], r["comment"]) for r in data["ratings"]] == [
        ("laesetekst", "For svær")
    ]

    deleted = runner.invoke(args=["delete-person", DEMO_TENANT, DEMO_TEACHER, "--yes"])
    assert (
        "generations: 1" in deleted.output and "audit_anonymised: 1" in deleted.output
    )
    assert "ratings: 1" in deleted.output

    after = json.loads(
        runner.invoke(args=["export-person", DEMO_TENANT, DEMO_TEACHER]).output
    )
    assert after["member"] is None
    assert (
        after["generations"] == [] and after["audit"] == [] and after["ratings"] == []
    )


def test_delete_requires_confirmation(demo: Flask) -> None:
    result = demo.test_cli_runner().invoke(
        args=["delete-person", DEMO_TENANT, DEMO_TEACHER]
    )

    assert result.exit_code != 0
    assert (
        demo.extensions["laerer"].store.user_context(DEMO_TENANT, DEMO_TEACHER).member
    )


def test_every_log_line_of_a_request_carries_its_request_id_and_trace(
    addon: AddonClient,
) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    event = load_fixture("docs-action-generate.json")
    signed_token = addon.signer.system_token(
        addon.settings.url("/addon/actions/generate"),
        addon.settings.service_account_email,
    )
    from tests.events import sign_event

    body = sign_event(
        event, addon.signer, addon.settings, email=DEMO_TEACHER, hd="demo-kommune.dk"
    )
    addon.client.post(
        "/addon/actions/generate",
        json=body,
        headers={
            "Authorization": f"Bearer {signed_token}",
            "X-Cloud-Trace-Context": "105445aa7843bc8bf206b12000100000/1;o=1",
        },
    )

    logging.getLogger().removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    request_lines = [line for line in lines if line.get("logger") != "addon.auth"]
    messages = [line["message"] for line in request_lines]
    assert "request" in messages and any(m.startswith("model call") for m in messages)
    ids = {line["request_id"] for line in request_lines}
    assert len(ids) == 1
    assert all(
        line["logging.googleapis.com/trace"].endswith(
            "/traces/105445aa7843bc8bf206b12000100000"
        )
        for line in request_lines
    )
