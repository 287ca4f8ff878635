"""Cards of the Classroom flow: pick a course, fill in the assignment, see it created.

What the flow must remember between cards (the Doc, the chosen course and its topics)
travels in the buttons' parameters, so a form can be shown again without a call to
Classroom.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cards.base import (
    Card,
    Links,
    Widget,
    action,
    button,
    buttons,
    card,
    decorated,
    escape,
    paragraph,
    section,
    selection,
    text_input,
)
from cards.messages import Lang, t
from services.classroom import DESCRIPTION_LIMIT, TITLE_LIMIT, Assignment, Course, Topic

#: Google renders at most about a hundred widgets; a teacher rarely has this many.
MAX_COURSES_SHOWN = 80


@dataclass(frozen=True)
class AssignmentContext:
    """What the assignment form is about: the Doc, the course and its topics."""

    doc_id: str
    doc_title: str
    course: Course
    topics: tuple[Topic, ...] = ()

    def parameters(self) -> dict[str, str]:
        """The button parameters that bring this context back with the next event."""
        return {
            "docId": self.doc_id,
            "docTitle": self.doc_title,
            "courseId": self.course.id,
            "courseName": self.course.name,
            "courseLink": self.course.link,
            "topics": json.dumps([[topic.id, topic.name] for topic in self.topics]),
        }

    @classmethod
    def from_parameters(
        cls, doc_id: str, parameters: Mapping[str, str]
    ) -> AssignmentContext:
        """The context ``parameters`` carried; a broken topic list reads as none."""
        try:
            pairs = json.loads(parameters.get("topics") or "[]")
            topics = tuple(Topic(str(i), str(n)) for i, n in pairs)
        except (TypeError, ValueError):
            topics = ()
        course = Course(
            parameters.get("courseId", ""),
            parameters.get("courseName", ""),
            link=parameters.get("courseLink", ""),
        )
        return cls(doc_id, parameters.get("docTitle", ""), course, topics)


def classroom_button(
    doc_id: str, lang: Lang, links: Links, doc_title: str = ""
) -> dict[str, Any]:
    """The "Del i Classroom" button for the result card and the homepage."""
    parameters = {"docId": doc_id}
    if doc_title:
        parameters["docTitle"] = doc_title
    return button(
        t("classroom.button", lang), action(links.action("classroom"), parameters)
    )


def course_picker_card(
    courses: Sequence[Course], doc_id: str, doc_title: str, lang: Lang, links: Links
) -> Card:
    """The teacher's active courses; a click opens the assignment form for that course."""
    rows: list[Widget] = []
    for course in courses[:MAX_COURSES_SHOWN]:
        context = AssignmentContext(doc_id, doc_title, course)
        parameters = {k: v for k, v in context.parameters().items() if k != "topics"}
        rows.append(
            decorated(
                escape(course.name),
                bottom=escape(course.section),
                icon="school",
                on_click=action(links.action("classroom-course"), parameters),
            )
        )
    intro = t("classroom.pick.intro" if courses else "classroom.pick.none", lang)
    back = action(links.action("home"), {"docId": doc_id})
    return card(
        t("classroom.pick.title", lang),
        [
            section([paragraph(intro)]),
            section(rows),
            section([buttons(button(t("form.back", lang), back))]),
        ],
        name="classroom-courses",
    )


def assignment_form_card(
    context: AssignmentContext,
    lang: Lang,
    links: Links,
    time_zone: str,
    values: Mapping[str, Sequence[str]] | None = None,
    field_errors: Mapping[str, str] | None = None,
    banner_key: str = "",
) -> Card:
    """The assignment form, optionally again with the teacher's values and the errors."""
    values = values or {}
    field_errors = field_errors or {}

    def value(name: str, default: str = "") -> str:
        given = values.get(name)
        return given[0] if given else default

    widgets: list[Widget] = []
    if banner_key:
        widgets.append(_error_text(t(banner_key, lang)))
    widgets.append(paragraph(t("classroom.form.doc", lang)))
    fields: list[tuple[str, Widget]] = [
        (
            "title",
            text_input(
                "title",
                t("classroom.field.title", lang),
                value=value("title", context.doc_title),
                limit=TITLE_LIMIT,
            ),
        ),
        (
            "instructions",
            text_input(
                "instructions",
                t("classroom.field.instructions", lang),
                value=value("instructions"),
                multiline=True,
                limit=DESCRIPTION_LIMIT,
            ),
        ),
        ("due", _due_picker(value("due"), lang, time_zone)),
        (
            "points",
            text_input(
                "points",
                t("classroom.field.points", lang),
                value=value("points"),
                hint=t("classroom.field.points_hint", lang),
            ),
        ),
    ]
    if context.topics:
        options = [("", t("classroom.field.no_topic", lang))]
        options += [(topic.id, topic.name) for topic in context.topics]
        topic = selection(
            "topic", t("classroom.field.topic", lang), options, [value("topic")]
        )
        fields.append(("topic", topic))
    states = [
        ("DRAFT", t("classroom.state.draft", lang)),
        ("PUBLISHED", t("classroom.state.publish", lang)),
    ]
    fields.append(
        (
            "state",
            selection(
                "state",
                t("classroom.field.state", lang),
                states,
                [value("state", "DRAFT")],
                kind="RADIO_BUTTON",
            ),
        )
    )
    for name, widget in fields:
        widgets.append(widget)
        if name in field_errors:
            widgets.append(_error_text(t(field_errors[name], lang)))
    create = action(
        links.action("classroom-create"), context.parameters(), required=["title"]
    )
    back = action(links.action("classroom"), {"docId": context.doc_id})
    footer = {
        "primaryButton": button(t("classroom.create", lang), create, filled=True),
        "secondaryButton": button(t("form.back", lang), back),
    }
    return card(
        t("classroom.form.title", lang),
        [section(widgets)],
        subtitle=context.course.name,  # plain text: Google does not render HTML here
        name="classroom-form",
        footer=footer,
    )


def assignment_created_card(
    assignment: Assignment,
    course_name: str,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
) -> Card:
    """The assignment as created, with a link to it in Classroom."""
    published = assignment.state == "PUBLISHED"
    due = (
        t("classroom.done.due", lang, when=format_when(assignment.due, lang, time_zone))
        if assignment.due is not None
        else t("classroom.done.no_due", lang)
    )
    state_key = "classroom.done.published" if published else "classroom.done.draft"
    summary = [
        decorated(
            escape(assignment.title),
            top=escape(course_name),
            bottom=due,
            icon="assignment",
        ),
        paragraph(t(state_key, lang, course=escape(course_name))),
    ]
    onward: list[dict[str, Any]] = []
    if assignment.link:
        open_link = {"openLink": {"url": assignment.link}}
        onward.append(button(t("classroom.done.open", lang), open_link, filled=True))
    home = action(links.action("home"), {"docId": doc_id})
    onward.append(button(t("result.back", lang), home))
    link = action(
        links.action("classroom-link"),
        {"docId": doc_id, "courseId": assignment.course_id, "courseName": course_name},
    )
    privacy = [
        paragraph(t("classroom.link.explain", lang)),
        buttons(button(t("classroom.link.button", lang), link)),
    ]
    return card(
        t("classroom.done.title", lang),
        [section(summary), section([buttons(*onward)]), section(privacy)],
        name="classroom-created",
    )


def format_when(moment: datetime, lang: Lang, time_zone: str) -> str:
    """``moment`` on the teacher's wall clock: "18. december 2026 kl. 23:59"."""
    local = moment.astimezone(_zone(time_zone))
    month = t("classroom.months", lang).split(",")[local.month - 1]
    return t(
        "classroom.when",
        lang,
        day=local.day,
        month=month,
        year=local.year,
        time=f"{local.hour:02d}:{local.minute:02d}",
    )


def _due_picker(millis: str, lang: Lang, time_zone: str) -> Widget:
    """The due date-time picker, showing ``millis`` (an instant) if the teacher chose one.

    ``timezoneOffsetDate`` is a fixed offset in minutes, not a zone, so it is the offset
    in force *at the due instant*: a June date shown in December still reads +120 in
    Copenhagen. Without a value the picker uses the teacher's own time zone setting.
    """
    picker: dict[str, Any] = {
        "name": "due",
        "label": t("classroom.field.due", lang),
        "type": "DATE_AND_TIME",
    }
    try:
        moment = datetime.fromtimestamp(int(millis) / 1000, UTC)
    except (OverflowError, OSError, ValueError):  # empty, or no date a picker sends
        moment = None
    if moment is not None:
        offset = moment.astimezone(_zone(time_zone)).utcoffset()
        picker["valueMsEpoch"] = millis
        picker["timezoneOffsetDate"] = (
            int(offset.total_seconds() // 60) if offset else 0
        )
    return {"dateTimePicker": picker}


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):  # an unknown id: Danish time is the safe default
        return ZoneInfo("Europe/Copenhagen")


def _error_text(text: str) -> Widget:
    return paragraph(f'<font color="#d93025">{text}</font>')
