"""A team links its Classroom course, and the names on its roster never reach the model.

Through the add-on endpoints, the Classroom double (with three pupils on Dansk 4.b), the
model double and the Docs double; the roster is read with the teacher's token per
generation and never stored.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import Flask

from devtools.classroom_double import ClassroomDouble
from devtools.docs_double import DocsDouble
from devtools.model_double import ModelDouble
from services.classroom import CLASSROOM_SCOPES, ROSTERS_READONLY
from services.demo import DEMO_TEACHER, DEMO_TENANT
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

DANSK_4B = "100000000001"


def _event(
    name: str, parameters: dict[str, str] | None, scopes: tuple[str, ...]
) -> dict[str, Any]:
    event = copy.deepcopy(load_fixture(name))
    if parameters is not None:
        event["commonEventObject"]["parameters"] = parameters
    event["authorizationEventObject"]["authorizedScopes"] = [
        "https://www.googleapis.com/auth/drive.file",
        *scopes,
    ]
    return event


def _link(addon: AddonClient, scopes: tuple[str, ...]) -> dict[str, Any]:
    parameters = {"docId": DEMO_DOC, "courseId": DANSK_4B, "courseName": "Dansk 4.b"}
    return addon.answer(
        "/addon/actions/classroom-link",
        _event("docs-action-open-template.json", parameters, scopes),
    )


def _generate(
    addon: AddonClient, scopes: tuple[str, ...], extra: str
) -> dict[str, Any]:
    event = _event("docs-action-generate.json", None, scopes)
    event["commonEventObject"]["formInputs"]["ekstra"] = {
        "stringInputs": {"value": [extra]}
    }
    return addon.answer("/addon/actions/generate", event)


def test_linking_asks_for_the_roster_scope_and_reads_the_roster_once(
    addon: AddonClient, demo: Flask, classroom_double: ClassroomDouble
) -> None:
    asked = _link(addon, CLASSROOM_SCOPES)
    linked = _link(addon, (*CLASSROOM_SCOPES, ROSTERS_READONLY))

    assert asked == {"requesting_google_scopes": {"scopes": [ROSTERS_READONLY]}}
    note = linked["renderActions"]["action"]["notification"]["text"]
    assert "Dansk 4.b (3 navne)" in note
    team = demo.extensions["laerer"].store.user_context(DEMO_TENANT, DEMO_TEACHER).team
    assert team.classroom_course_id == DANSK_4B
    assert "Mikkel" not in str(team)  # the names themselves are never stored


def test_names_on_the_linked_roster_are_hidden_from_the_model_and_restored_in_the_doc(
    addon: AddonClient,
    classroom_double: ClassroomDouble,
    model_double: ModelDouble,
    docs_double: DocsDouble,
) -> None:
    scopes = (*CLASSROOM_SCOPES, ROSTERS_READONLY)
    _link(addon, scopes)

    body = _generate(addon, scopes, "Mikkel og Sofie Berg læser langsomt.")

    sent = str(model_double.requests[-1]["messages"])
    assert "Mikkel" not in sent and "Sofie" not in sent
    assert "Elev A" in sent
    assert "2 personoplysninger blev skjult" in str(body)
    assert "Elev A" not in docs_double.text(DEMO_DOC)


def test_without_the_roster_scope_a_linked_team_is_asked_for_it_before_any_model_call(
    addon: AddonClient, classroom_double: ClassroomDouble, model_double: ModelDouble
) -> None:
    _link(addon, (*CLASSROOM_SCOPES, ROSTERS_READONLY))
    before = len(model_double.requests)

    body = _generate(addon, CLASSROOM_SCOPES, "Mikkel læser langsomt.")

    assert body == {"requesting_google_scopes": {"scopes": [ROSTERS_READONLY]}}
    assert len(model_double.requests) == before


def test_an_unreadable_roster_stops_the_generation_with_a_danish_message(
    addon: AddonClient, classroom_double: ClassroomDouble, model_double: ModelDouble
) -> None:
    scopes = (*CLASSROOM_SCOPES, ROSTERS_READONLY)
    _link(addon, scopes)
    classroom_double.fail("rate_limited", times=3, call="students")
    before = len(model_double.requests)

    body = _generate(addon, scopes, "Mikkel læser langsomt.")

    assert len(model_double.requests) == before
    assert "Elevlisten fra Classroom kunne ikke hentes" in str(body)
    assert "Mikkel læser langsomt." in str(body)  # the teacher's text is kept


def test_a_team_without_a_linked_course_makes_no_classroom_call(
    addon: AddonClient, classroom_double: ClassroomDouble, model_double: ModelDouble
) -> None:
    classroom_double.fail("api_disabled", times=1)  # any Classroom call would fail

    body = _generate(addon, (), "Mikkel læser langsomt.")

    assert "result" in str(body)
    assert "Mikkel" in str(model_double.requests[-1]["messages"])  # on no list


def test_a_course_the_teacher_cannot_read_says_so_and_the_team_can_unlink_it(
    addon: AddonClient, classroom_double: ClassroomDouble, model_double: ModelDouble
) -> None:
    scopes = (*CLASSROOM_SCOPES, ROSTERS_READONLY)
    _link(addon, scopes)
    classroom_double.fail("permission_denied", times=1, call="students")
    team = {"kind": "team", "schoolId": "nordskolen", "teamId": "4b", "docId": DEMO_DOC}

    refused = _generate(addon, scopes, "Mikkel læser langsomt.")
    editor = addon.answer(
        "/addon/actions/edit-layer",
        _event("docs-action-open-template.json", team, scopes),
    )
    unlink = _event("docs-action-open-template.json", team, scopes)
    unlink["commonEventObject"]["formInputs"] = {
        "klasse": {"stringInputs": {"value": ["4.b"]}},
        "unlink_course": {"stringInputs": {"value": ["ja"]}},
    }
    addon.answer("/addon/actions/save-layer", unlink)
    classroom_double.fail("api_disabled", times=1)  # any Classroom call would now fail
    after = _generate(addon, scopes, "Mikkel læser langsomt.")

    assert "kan ikke læses med din adgang" in str(refused)
    assert "Fjern koblingen til holdet" in str(editor)
    assert "Skrevet i dokumentet" in str(after)
