"""Differentiated levels handed out in Classroom: one assignment per level, each to its pupils.

Through the endpoints, with the model, Docs (and Drive) and Classroom doubles: the levels
are written into their own Docs, then the teacher picks a class and a level per pupil.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from devtools import discovery
from devtools.classroom_double import ClassroomDouble
from devtools.docs_double import DocsDouble
from services.classroom import CLASSROOM_SCOPES, ROSTERS_READONLY
from services.differentiation import levels_for
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

SCOPES = (*CLASSROOM_SCOPES, ROSTERS_READONLY)
DANSK_4B = "100000000001"
INPUTS = {"emne": ["Vikingetiden"], "klassetrin": ["4"], "laengde": ["kort"]}


def _event(
    parameters: dict[str, str],
    form: dict[str, str] | None = None,
    scopes: tuple[str, ...] = SCOPES,
) -> dict[str, Any]:
    event = copy.deepcopy(load_fixture("docs-action-generate.json"))
    event["commonEventObject"]["parameters"] = parameters
    event["commonEventObject"]["formInputs"] = {
        k: {"stringInputs": {"value": [v]}} for k, v in (form or {}).items()
    }
    event["authorizationEventObject"]["authorizedScopes"] = [
        "https://www.googleapis.com/auth/drive.file",
        *scopes,
    ]
    return event


def _card(body: dict[str, Any]) -> dict[str, Any]:
    navigation = body["renderActions"]["action"]["navigations"][0]
    return next(iter(navigation.values()))  # type: ignore[no-any-return]


def _actions(card: dict[str, Any]) -> dict[str, dict[str, str]]:
    found = {}
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
                        p["key"]: p["value"] for p in target["action"]["parameters"]
                    }
    return found


def _course(card: dict[str, Any], name: str = "Dansk 4.b") -> dict[str, str]:
    """The parameters of the course row named ``name`` on the course picker."""
    row = next(
        w["decoratedText"]
        for part in card["sections"]
        for w in part["widgets"]
        if w.get("decoratedText", {}).get("text") == name
    )
    return {p["key"]: p["value"] for p in row["onClick"]["action"]["parameters"]}


def _pupils(card: dict[str, Any]) -> dict[str, str]:
    """The groups card's dropdowns: pupil's name -> field name."""
    return {
        w["selectionInput"]["label"]: w["selectionInput"]["name"]
        for part in card["sections"]
        for w in part["widgets"]
        if w.get("selectionInput", {}).get("name", "").startswith("level_")
    }


def _levels_to_share(addon: AddonClient, docs_double: DocsDouble) -> dict[str, str]:
    docs_double.create_document(DEMO_DOC, "Dansk 4.b – uge 12", parents=("mappe-4b",))
    event = _event(
        {"templateId": "laesetekst", "docId": DEMO_DOC, "inputs": json.dumps(INPUTS)},
        {"levels": "3", "where": "separate"},
    )
    result = _card(addon.answer("/addon/actions/differentiate", event))
    return _actions(result)["levels-classroom"]


def test_three_levels_become_three_assignments_for_the_right_pupils(
    addon: AddonClient, docs_double: DocsDouble, classroom_double: ClassroomDouble
) -> None:
    share = _levels_to_share(addon, docs_double)
    levels = [label for label, _ in json.loads(share["levels"])]
    level_docs = dict(json.loads(share["levels"]))

    asked = addon.answer("/addon/actions/levels-classroom", _event(share, scopes=()))
    courses = _card(addon.answer("/addon/actions/levels-classroom", _event(share)))
    chosen = _course(courses)
    groups = _card(addon.answer("/addon/actions/levels-groups", _event(chosen)))
    pupils = _pupils(groups)
    form = {
        "title": "Vikingerne",
        "state": "PUBLISHED",
        pupils["Mikkel Holm"]: "0",
        pupils["Aisha Karimi"]: "2",
    }  # Sofie Berg is left alone: she gets the middle level
    create = _actions(groups)["levels-create"]
    done = _card(addon.answer("/addon/actions/levels-create", _event(create, form)))

    assert set(asked["requesting_google_scopes"]["scopes"]) == set(SCOPES)
    assert levels == [level.label for level in levels_for(4, 3)]
    assert chosen["courseId"] == DANSK_4B
    ids = {name: field.removeprefix("level_") for name, field in pupils.items()}
    received = [r["body"] for r in classroom_double.received()]
    assert len(received) == 3
    by_title = {body["title"]: body for body in received}
    expected = {
        levels[0]: [ids["Mikkel Holm"]],
        levels[1]: [ids["Sofie Berg"]],
        levels[2]: [ids["Aisha Karimi"]],
    }
    for label, student_ids in expected.items():
        body = by_title[f"Vikingerne – {label}"]
        assert not discovery.errors("classroom", "v1", "CourseWork", body)
        assert body["assigneeMode"] == "INDIVIDUAL_STUDENTS"
        assert body["individualStudentsOptions"]["studentIds"] == student_ids
        assert body["state"] == "PUBLISHED"
        attached = body["materials"][0]["driveFile"]
        assert attached == {
            "driveFile": {"id": level_docs[label]},
            "shareMode": "STUDENT_COPY",
        }
    assert str(done).count("1 elev'") == 3  # one pupil per level, singular


def test_a_level_nobody_gets_makes_no_assignment_and_a_double_click_makes_no_more(
    addon: AddonClient, docs_double: DocsDouble, classroom_double: ClassroomDouble
) -> None:
    share = _levels_to_share(addon, docs_double)
    courses = _card(addon.answer("/addon/actions/levels-classroom", _event(share)))
    groups_event = _event(_course(courses))
    groups = _card(addon.answer("/addon/actions/levels-groups", groups_event))
    create = _event(_actions(groups)["levels-create"], {"title": "Vikingerne"})

    addon.answer("/addon/actions/levels-create", create)
    addon.answer("/addon/actions/levels-create", create)

    received = [r["body"] for r in classroom_double.received()]
    assert len(received) == 1  # everyone on the middle level, created once
    assert len(received[0]["individualStudentsOptions"]["studentIds"]) == 3


def test_a_missing_title_shows_the_groups_again_with_the_choices_kept(
    addon: AddonClient, docs_double: DocsDouble, classroom_double: ClassroomDouble
) -> None:
    share = _levels_to_share(addon, docs_double)
    courses = _card(addon.answer("/addon/actions/levels-classroom", _event(share)))
    groups = _card(
        addon.answer("/addon/actions/levels-groups", _event(_course(courses)))
    )
    mikkel = _pupils(groups)["Mikkel Holm"]
    body = addon.answer(
        "/addon/actions/levels-create",
        _event(_actions(groups)["levels-create"], {"title": " ", mikkel: "0"}),
    )

    again = _card(body)
    assert classroom_double.received() == []
    assert "Ret de markerede felter" in str(again)
    dropdown = next(
        w["selectionInput"]
        for part in again["sections"]
        for w in part["widgets"]
        if w.get("selectionInput", {}).get("name") == mikkel
    )
    assert [i["value"] for i in dropdown["items"] if i["selected"]] == ["0"]


def test_tampered_levels_or_a_class_without_pupils_get_a_clear_card(
    addon: AddonClient, docs_double: DocsDouble, classroom_double: ClassroomDouble
) -> None:
    share = _levels_to_share(addon, docs_double)
    broken = addon.answer(
        "/addon/actions/levels-groups",
        _event({**share, "levels": "not json", "courseId": DANSK_4B}),
    )
    empty_class = {
        **share,
        "courseId": "100000000002",
        "courseName": "Natur/teknologi 5.a",
    }
    done = _card(
        addon.answer(
            "/addon/actions/levels-create", _event(empty_class, {"title": "X"})
        )
    )

    assert "Det lykkedes ikke" in str(broken)  # the error card, not a crash
    assert classroom_double.received() == []
    assert "Ingen opgaver oprettet" in str(done)


def test_an_impossible_due_date_is_a_field_error_not_a_crash(
    addon: AddonClient, classroom_double: ClassroomDouble
) -> None:
    parameters = {"docId": DEMO_DOC, "courseId": DANSK_4B, "courseName": "Dansk 4.b"}
    event = _event(parameters, {"title": "Vikinger"})
    event["commonEventObject"]["formInputs"]["due"] = {
        "dateTimeInput": {"msSinceEpoch": "99999999999999999999"}
    }

    body = addon.answer("/addon/actions/classroom-create", event)

    assert "Vælg en dato og et tidspunkt i kalenderen." in str(body)
    assert classroom_double.received() == []
