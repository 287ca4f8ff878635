"""Malformed bodies get a 400 with a reason; bad values from a known user get a card."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import AddonClient
from tests.events import load_fixture


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([], "body must be a JSON object"),
        ({"commonEventObject": "x"}, "commonEventObject must be an object"),
        ({"commonEventObject": {"parameters": {"a": 1}}}, "parameters must map names"),
        (
            {"commonEventObject": {"formInputs": {"x": 3}}},
            "formInputs.x must be an object",
        ),
        (
            {
                "commonEventObject": {
                    "formInputs": {"x": {"stringInputs": {"value": [1]}}}
                }
            },
            "formInputs.x must be a list of strings",
        ),
        ({"commonEventObject": {"userLocale": 5}}, "userLocale must be a string"),
        ({"docs": []}, "docs must be an object"),
    ],
)
def test_a_malformed_body_gets_400_with_a_reason(
    addon: AddonClient, body: Any, reason: str
) -> None:
    token = addon.signer.system_token(
        addon.settings.url("/addon/home"), addon.settings.service_account_email
    )

    response = addon.client.post(
        "/addon/home", json=body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 400
    assert reason in response.get_json()["reason"]


def test_a_body_that_is_not_json_gets_400(addon: AddonClient) -> None:
    token = addon.signer.system_token(
        addon.settings.url("/addon/home"), addon.settings.service_account_email
    )

    response = addon.client.post(
        "/addon/home",
        data=b"\xff\x00not json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400


def test_an_unknown_action_gets_404(addon: AddonClient) -> None:
    response = addon.post(
        "/addon/actions/format-disk", load_fixture("docs-homepage.json")
    )

    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_unknown_paths_and_methods_answer_in_json_too(addon: AddonClient) -> None:
    missing = addon.client.post("/nowhere", json={})
    wrong = addon.client.get("/addon/home")

    assert (missing.status_code, missing.get_json()["error"]) == (404, "not_found")
    assert (wrong.status_code, wrong.get_json()["error"]) == (405, "method_not_allowed")


def test_opening_an_unknown_template_gives_a_danish_error_card(
    addon: AddonClient,
) -> None:
    event = load_fixture("docs-action-open-template.json")
    event["commonEventObject"]["parameters"]["templateId"] = "findes-ikke"

    body = addon.answer("/addon/actions/open-template", event)

    card = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    assert card["name"] == "error"
    assert "Skabelonen findes ikke" in str(card)


def test_control_characters_and_bidi_overrides_never_reach_the_model_or_the_doc(
    addon: AddonClient, model_double: Any, docs_double: Any
) -> None:
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["formInputs"]["ekstra"] = {
        "stringInputs": {
            "value": ["Vikinger\x00 og\u202e skibe\x1b.\nNy linje\tmed tab."]
        }
    }

    addon.answer("/addon/actions/generate", event)

    sent = str(model_double.requests[-1]["messages"][-1]["content"])
    assert "Vikinger og skibe.\nNy linje\tmed tab." in sent
    assert not any(c in sent for c in "\x00\u202e\x1b")


def test_generating_without_access_to_the_doc_asks_for_it_before_any_model_call(
    addon: AddonClient, model_double: Any
) -> None:
    event = load_fixture("docs-action-generate.json")
    event["docs"] = {"addonHasFileScopePermission": False}

    body = addon.answer("/addon/actions/generate", event)

    assert body == {
        "renderActions": {
            "hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}
        }
    }
    assert model_double.requests == []
