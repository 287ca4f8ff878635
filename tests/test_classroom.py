"""The Doc becomes a Classroom assignment: consent, course picker, form, creation, errors.

Every test goes through the add-on endpoints with signed events, the real
google-api-python-client and the Classroom double (see ``devtools/classroom_double.py``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from devtools import discovery
from devtools.classroom_double import ClassroomDouble
from services.classroom import CLASSROOM_SCOPES, COURSES_READONLY, TOPICS_READONLY
from services.config import Settings
from tests.conftest import DEMO_DOC, AddonClient

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DANSK_4B = {
    "courseId": "100000000001",
    "courseName": "Dansk 4.b",
    "courseLink": "https://classroom.google.com/c/100000000001",
}
TOPICS = '[["topic-1", "Læsning"], ["topic-2", "Skrivning"], ["topic-3", "Grammatik"]]'
NEXT_YEAR = datetime.now(UTC).year + 1


@pytest.fixture
def classroom(
    demo: Flask, settings: Settings, classroom_double: ClassroomDouble
) -> Iterator[ClassroomDouble]:
    """The demo app (``create_app`` installs the Classroom actions) and its double."""
    yield classroom_double


def make_event(
    *,
    parameters: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    scopes: tuple[str, ...] = CLASSROOM_SCOPES,
    doc_title: str | None = "Dansk 4.b – uge 12",
    locale: str = "da",
) -> dict[str, Any]:
    """An action event from Docs with the Doc open, as Google sends it."""
    common: dict[str, Any] = {
        "hostApp": "DOCS",
        "platform": "WEB",
        "userLocale": locale,
        "timeZone": {"id": "Europe/Copenhagen", "offset": 3600000},
        "parameters": {"docId": DEMO_DOC, **(parameters or {})},
    }
    if form is not None:
        common["formInputs"] = form
    docs: dict[str, Any] = {"id": DEMO_DOC, "addonHasFileScopePermission": True}
    if doc_title is not None:
        docs["title"] = doc_title
    return {
        "commonEventObject": common,
        "authorizationEventObject": {
            "userOAuthToken": "<userOAuthToken>",
            "userIdToken": "<userIdToken>",
            "authorizedScopes": [
                "https://www.googleapis.com/auth/userinfo.email",
                "https://www.googleapis.com/auth/drive.file",
                *scopes,
            ],
        },
        "docs": docs,
    }


def assignment_form(
    title: str = "Vikingetiden – læsetekst",
    *,
    due: datetime | None = None,
    **values: str,
) -> dict[str, Any]:
    """``formInputs`` of the assignment form; ``due`` as the date-time picker sends it."""
    inputs: dict[str, Any] = {
        name: {"stringInputs": {"value": [value]}}
        for name, value in {"title": title, **values}.items()
    }
    if due is not None:
        millis = str(int(due.timestamp() * 1000))
        inputs["due"] = {
            "dateTimeInput": {"msSinceEpoch": millis, "hasDate": True, "hasTime": True}
        }
    return inputs


def create_event(form: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return make_event(parameters={**DANSK_4B, "topics": TOPICS}, form=form, **kwargs)


def navigation(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    found = body["renderActions"]["action"]["navigations"][0]
    kind = next(iter(found))
    return kind, found[kind]


def widgets_named(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card's input widgets by name."""
    found = {}
    for part in card["sections"]:
        for widget in part["widgets"]:
            for body in widget.values():
                if isinstance(body, dict) and "name" in body:
                    found[body["name"]] = body
    return found


def open_link(card: dict[str, Any]) -> str:
    for part in card["sections"]:
        for widget in part["widgets"]:
            for item in widget.get("buttonList", {}).get("buttons", []):
                if "openLink" in item["onClick"]:
                    return str(item["onClick"]["openLink"]["url"])
    raise AssertionError("no openLink button")


# -- consent -------------------------------------------------------------------------


def test_without_classroom_scopes_the_teacher_is_asked_for_all_three(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    body = addon.answer("/addon/actions/classroom", make_event(scopes=()))

    assert body == {"requesting_google_scopes": {"scopes": list(CLASSROOM_SCOPES)}}


def test_only_the_missing_scope_is_requested_and_broader_grants_count(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    granted = (
        COURSES_READONLY.removesuffix(".readonly"),  # classroom.courses covers it
        TOPICS_READONLY,
    )
    event = create_event(assignment_form(), scopes=granted)

    body = addon.answer("/addon/actions/classroom-create", event)

    assert body["requesting_google_scopes"]["scopes"] == [
        "https://www.googleapis.com/auth/classroom.coursework.students"
    ]
    assert classroom.received() == []


def test_the_required_scopes_are_in_the_deployment_descriptor() -> None:
    descriptor = Path(__file__).resolve().parents[1] / "appsscript.json"
    scopes = json.loads(descriptor.read_text(encoding="utf-8"))["oauthScopes"]
    assert set(CLASSROOM_SCOPES) <= set(scopes)


# -- course picker and form ------------------------------------------------------------


def test_the_course_picker_follows_every_page_and_shows_only_active_courses_taught(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    classroom.set_max_page_size(1)
    classroom.add_course("100000000006", "Billedkunst 4.b", "Nordskolen")

    _, card = navigation(addon.answer("/addon/actions/classroom", make_event()))

    shown = [
        w["decoratedText"]["text"]
        for part in card["sections"]
        for w in part["widgets"]
        if "decoratedText" in w
    ]
    assert shown == [
        "Dansk 4.b",
        "Natur/teknologi 5.a",
        "English 7.c",
        "Billedkunst 4.b",
    ]


def test_a_teacher_without_active_courses_is_told_what_to_do(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    classroom.reset()

    _, card = navigation(addon.answer("/addon/actions/classroom", make_event()))

    assert "ikke lærer på nogen aktive hold" in str(card)


def test_choosing_a_course_shows_its_topics_and_the_docs_title_as_default(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    event = make_event(parameters=DANSK_4B)

    _, card = navigation(addon.answer("/addon/actions/classroom-course", event))

    fields = widgets_named(card)
    assert fields["title"]["value"] == "Dansk 4.b – uge 12"
    topics = [item["text"] for item in fields["topic"]["items"]]
    assert topics == ["Intet emne", "Læsning", "Skrivning", "Grammatik"]
    states = {i["value"]: i["selected"] for i in fields["state"]["items"]}
    assert states == {"DRAFT": True, "PUBLISHED": False}
    assert fields["due"]["type"] == "DATE_AND_TIME"


def test_the_title_comes_from_docs_when_the_event_names_none(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    event = make_event(parameters=DANSK_4B, doc_title=None)

    _, card = navigation(addon.answer("/addon/actions/classroom-course", event))

    assert widgets_named(card)["title"]["value"] == "Dansk 4.b – uge 12"


# -- creating the assignment -------------------------------------------------------------


def test_a_new_assignment_is_a_draft_with_a_student_copy_of_the_doc(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    form = assignment_form(instructions="Læs teksten og svar på spørgsmålene.")

    kind, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(form))
    )

    body = classroom.received()[-1]["body"]
    discovery.validate("classroom", "v1", "CourseWork", body)
    assert body["workType"] == "ASSIGNMENT"
    assert body["state"] == "DRAFT"
    assert body["materials"] == [
        {"driveFile": {"driveFile": {"id": DEMO_DOC}, "shareMode": "STUDENT_COPY"}}
    ]
    assert body["description"] == "Læs teksten og svar på spørgsmålene."
    assert "dueDate" not in body and "maxPoints" not in body and "topicId" not in body
    assert (kind, card["name"]) == ("updateCard", "classroom-created")
    assert "kladde" in str(card)
    assert open_link(card) == DANSK_4B["courseLink"]  # a draft has no alternateLink


def test_publishing_now_links_to_the_assignment_with_topic_and_points(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    form = assignment_form(state="PUBLISHED", topic="topic-2", points="10")

    _, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(form))
    )

    (work,) = classroom.coursework()
    assert work["state"] == "PUBLISHED"
    assert work["topicId"] == "topic-2"
    assert work["maxPoints"] == 10
    assert open_link(card) == work["alternateLink"]
    assert "Udgivet på Dansk 4.b" in str(card)


@pytest.mark.parametrize(
    ("local", "utc_date", "utc_time"),
    [
        # winter, CET (UTC+1): the example
        (datetime(NEXT_YEAR, 12, 18, 23, 59), (NEXT_YEAR, 12, 18), (22, 59)),
        # summer, CEST (UTC+2)
        (datetime(NEXT_YEAR, 6, 18, 23, 59), (NEXT_YEAR, 6, 18), (21, 59)),
        # just after midnight in summer: the UTC date is the day before
        (datetime(NEXT_YEAR, 7, 1, 0, 30), (NEXT_YEAR, 6, 30), (22, 30)),
    ],
)
def test_the_due_time_on_the_danish_wall_clock_is_sent_as_utc_date_and_time(
    addon: AddonClient,
    classroom: ClassroomDouble,
    local: datetime,
    utc_date: tuple[int, int, int],
    utc_time: tuple[int, int],
) -> None:
    # The picker turns the date and time the teacher chose in Copenhagen into an instant.
    due = local.replace(tzinfo=COPENHAGEN)

    _, card = navigation(
        addon.answer(
            "/addon/actions/classroom-create", create_event(assignment_form(due=due))
        )
    )

    body = classroom.received()[-1]["body"]
    year, month, day = utc_date
    assert body["dueDate"] == {"year": year, "month": month, "day": day}
    assert body["dueTime"] == {"hours": utc_time[0], "minutes": utc_time[1]}
    assert f"kl. {local:%H:%M}" in str(card)  # shown back on the teacher's clock


def test_a_due_date_in_the_past_is_refused_before_any_call_and_the_form_is_kept(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    past = datetime.now(UTC) - timedelta(hours=2)
    form = assignment_form(
        "Ugeopgave 🍎", due=past, instructions="Husk æbletræet", points="5"
    )

    kind, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(form))
    )

    assert classroom.received() == []
    assert (kind, card["name"]) == ("updateCard", "classroom-form")
    assert "Afleveringsfristen ligger i fortiden" in str(card)
    fields = widgets_named(card)
    assert fields["title"]["value"] == "Ugeopgave 🍎"
    assert fields["instructions"]["value"] == "Husk æbletræet"
    assert fields["points"]["value"] == "5"
    assert fields["due"]["valueMsEpoch"] == form["due"]["dateTimeInput"]["msSinceEpoch"]


@pytest.mark.parametrize(("month", "offset"), [(1, 60), (7, 120)])
def test_a_due_date_shown_again_uses_the_offset_in_force_on_that_date(
    addon: AddonClient, classroom: ClassroomDouble, month: int, offset: int
) -> None:
    due = datetime(NEXT_YEAR, month, 10, 8, 0, tzinfo=COPENHAGEN)
    form = assignment_form(due=due, points="ti")

    _, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(form))
    )

    assert "Skriv et helt tal" in str(card)
    assert widgets_named(card)["due"]["timezoneOffsetDate"] == offset
    assert classroom.received() == []


def test_a_double_click_creates_one_assignment(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    event = create_event(assignment_form(state="PUBLISHED"))

    _, first = navigation(addon.answer("/addon/actions/classroom-create", event))
    _, second = navigation(addon.answer("/addon/actions/classroom-create", event))

    assert len(classroom.coursework()) == 1
    assert open_link(first) == open_link(second)


# -- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        ("api_disabled", "Bed jeres Google Workspace-administrator"),
        ("classroom_disabled", "Din konto har ikke adgang til Google Classroom"),
        ("permission_denied", "Du har ikke lov til at oprette opgaver på dette hold"),
        ("attachment_not_visible", "Classroom kan ikke se dokumentet"),
        ("rate_limited", "Vent et minut og prøv igen"),
        ("unavailable", "Classroom svarede med en fejl"),
    ],
)
def test_each_classroom_refusal_shows_its_danish_explanation_and_keeps_the_form(
    addon: AddonClient, classroom: ClassroomDouble, failure: str, message: str
) -> None:
    classroom.fail(failure, call="create")
    form = assignment_form("Min opgave", instructions="Læs side 12")

    kind, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(form))
    )

    assert (kind, card["name"]) == ("updateCard", "classroom-form")
    assert message in str(card)
    assert widgets_named(card)["instructions"]["value"] == "Læs side 12"


def test_a_doc_the_teacher_cannot_see_is_refused_by_classroom_with_its_card(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    classroom.hide_file(DEMO_DOC)

    _, card = navigation(
        addon.answer("/addon/actions/classroom-create", create_event(assignment_form()))
    )

    assert "Classroom kan ikke se dokumentet" in str(card)
    assert classroom.coursework() == []


def test_classroom_disabled_for_the_domain_shows_the_error_card_at_the_start(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    classroom.fail("api_disabled", call="courses")

    _, card = navigation(addon.answer("/addon/actions/classroom", make_event()))

    assert card["name"] == "error"
    assert "Classroom API" in str(card) and "administrator" in str(card)


def test_a_course_the_teacher_does_not_teach_gives_the_permission_card(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    event = make_event(
        parameters={"courseId": "100000000005", "courseName": "Matematik 6.a"}
    )

    _, card = navigation(addon.answer("/addon/actions/classroom-course", event))

    assert card["name"] == "error"
    assert "Du har ikke lov til at oprette opgaver på dette hold" in str(card)


def test_the_english_twin_is_used_for_an_english_locale(
    addon: AddonClient, classroom: ClassroomDouble
) -> None:
    event = make_event(parameters=DANSK_4B, locale="en-GB")

    _, card = navigation(addon.answer("/addon/actions/classroom-course", event))

    assert card["header"]["title"] == "New assignment in Classroom"


def test_the_teachers_token_never_reaches_the_log(
    addon: AddonClient, classroom: ClassroomDouble, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    addon.answer("/addon/actions/classroom-create", create_event(assignment_form()))

    assert any(r.getMessage() == "classroom call" for r in caplog.records)
    logged = caplog.text + str([vars(record) for record in caplog.records])
    assert "ya29.local-test-token" not in logged
