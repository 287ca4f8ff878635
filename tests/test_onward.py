"""The ways onward from a result and from the homepage, through the real app's routes.

These follow the buttons a teacher or curator actually sees: nothing is registered by the
test, so a feature that ``create_app`` forgot to wire fails here.
"""

from __future__ import annotations

import copy
from typing import Any

from devtools.classroom_double import ClassroomDouble
from services.classroom import CLASSROOM_SCOPES
from services.demo import DEMO_CURATOR, DEMO_TEACHER
from tests.conftest import DEMO_DOC, AddonClient, load_fixture


def _card(body: dict[str, Any]) -> dict[str, Any]:
    navigation = body["renderActions"]["action"]["navigations"][0]
    return next(iter(navigation.values()))  # type: ignore[no-any-return]


def _clickable(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every action on the card by the last part of its URL: buttons and clickable rows."""
    found: dict[str, dict[str, Any]] = {}
    for part in card["sections"]:
        for widget in part["widgets"]:
            targets = [
                b["onClick"] for b in widget.get("buttonList", {}).get("buttons", [])
            ]
            if "onClick" in widget.get("decoratedText", {}):
                targets.append(widget["decoratedText"]["onClick"])
            for target in targets:
                if "action" in target:
                    name = target["action"]["function"].rsplit("/", 1)[-1]
                    found[name] = {
                        p["key"]: p["value"]
                        for p in target["action"].get("parameters", [])
                    }
    return found


def _event(parameters: dict[str, str], scopes: tuple[str, ...] = ()) -> dict[str, Any]:
    event = copy.deepcopy(load_fixture("docs-action-generate.json"))
    event["commonEventObject"]["parameters"] = parameters
    event["commonEventObject"].pop("formInputs")
    event["authorizationEventObject"]["authorizedScopes"] = [
        "https://www.googleapis.com/auth/drive.file",
        *scopes,
    ]
    return event


def test_the_result_card_leads_to_classroom_and_to_a_rating(
    addon: AddonClient, classroom_double: ClassroomDouble
) -> None:
    result = _card(addon.answer("/addon/actions/generate", "docs-action-generate.json"))
    actions = _clickable(result)

    assert actions["classroom"] == {"docId": DEMO_DOC}
    assert actions["rate"]["templateId"] == "laesetekst"
    assert actions["rate"]["value"] in ("up", "down")

    asked = addon.answer("/addon/actions/classroom", _event(actions["classroom"]))
    assert set(asked["requesting_google_scopes"]["scopes"]) == set(CLASSROOM_SCOPES)

    picker = _card(
        addon.answer(
            "/addon/actions/classroom", _event(actions["classroom"], CLASSROOM_SCOPES)
        )
    )
    assert "Dansk 4.b" in str(picker)

    rated = addon.answer(
        "/addon/actions/rate", _event({**actions["rate"], "value": "up"})
    )
    assert "notification" in rated["renderActions"]["action"]


def test_the_homepage_offers_classroom_for_the_open_doc(addon: AddonClient) -> None:
    home = _card(addon.answer("/addon/home", "docs-homepage.json"))

    assert _clickable(home)["classroom"] == {"docId": DEMO_DOC}


def test_only_curators_see_the_templates_entry_on_the_homepage(
    addon: AddonClient,
) -> None:
    teacher = _card(
        addon.answer("/addon/home", "docs-homepage.json", email=DEMO_TEACHER)
    )
    curator = _card(
        addon.answer("/addon/home", "docs-homepage.json", email=DEMO_CURATOR)
    )

    assert "templates" not in _clickable(teacher)
    assert _clickable(curator)["templates"] == {"docId": DEMO_DOC}
    overview = _card(
        addon.answer(
            "/addon/actions/templates", _event({"docId": DEMO_DOC}), email=DEMO_CURATOR
        )
    )
    assert "Læsetekst" in str(overview)
