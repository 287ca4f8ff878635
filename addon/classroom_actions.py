"""Card actions of the Classroom flow: pick a course, fill in the form, create.

``install(app, settings)`` builds the shared Classroom client once and keeps it in
``app.extensions["laerer_classroom"]``; ``CLASSROOM_ACTIONS`` joins ``routes.ACTIONS``.
Every action first checks that the teacher granted the Classroom scopes and otherwise
asks for them (granular consent), so nothing is requested before the feature is used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from flask import Flask, current_app

from addon import Services
from addon.auth import Caller
from addon.events import Event
from cards.base import Links, notify, push, request_scopes, update
from cards.classroom import (
    AssignmentContext,
    assignment_created_card,
    assignment_form_card,
    course_picker_card,
)
from cards.levels_classroom import (
    Levels,
    levels_course_card,
    levels_created_card,
    levels_groups_card,
    middle,
    read_levels,
    student_field,
)
from cards.messages import lang_for, t
from services.assistant import NoDocument
from services.classroom import (
    CLASSROOM_SCOPES,
    ROSTERS_READONLY,
    AssignmentDraft,
    ClassroomClient,
    Course,
    RecentAssignments,
    build_shared_classroom_api,
    draft_from_form,
    missing_scopes,
)
from services.config import Settings
from services.documents import DocsWriter, authorized_http, build_shared_docs_api
from services.errors import GoogleApiError, InputError
from services.layers import Target
from services.models import Team

logger = logging.getLogger(__name__)

EXTENSION = "laerer_classroom"
Handler = Callable[[Event, Caller, str], dict[str, Any]]


@dataclass(frozen=True)
class ClassroomServices:
    """What the Classroom actions need, built once per app."""

    client: ClassroomClient
    doc_title: Callable[[str, str], str]  # (token, doc id) -> title, "" if unknown
    recent: RecentAssignments = field(default_factory=RecentAssignments)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


def install(app: Flask, settings: Settings) -> None:
    """Build the shared Classroom (and Docs) clients for ``app``'s Classroom actions."""
    docs_api = build_shared_docs_api(settings)
    docs_documents = docs_api.documents()

    def doc_title(token: str, doc_id: str) -> str:
        writer = DocsWriter(
            docs_api, authorized_http(token, settings), documents=docs_documents
        )
        try:
            return writer.get_title(doc_id)
        except (
            GoogleApiError
        ):  # only a default for the title field: the teacher types one
            logger.warning("doc title unavailable for the Classroom form")
            return ""

    client = ClassroomClient(build_shared_classroom_api(settings), settings)
    app.extensions[EXTENSION] = ClassroomServices(client=client, doc_title=doc_title)


def _classroom() -> ClassroomServices:
    return current_app.extensions[EXTENSION]  # type: ignore[no-any-return]


def _links() -> Links:
    services: Services = current_app.extensions["laerer"]
    return services.links


def _consent(event: Event) -> dict[str, Any] | None:
    """Ask for the Classroom scopes the teacher has not granted yet, if any."""
    missing = missing_scopes(event.authorized_scopes)
    return request_scopes(missing) if missing else None


def _doc_id(event: Event) -> str:
    if not event.doc_id:
        raise NoDocument("the Classroom flow needs a Doc")
    return event.doc_id


def _choose_course(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """The teacher's active courses (the flow's first card)."""
    if consent := _consent(event):
        return consent
    doc_id = _doc_id(event)
    courses = _classroom().client.active_courses(event.user_oauth_token)
    title = event.doc_title or event.parameters.get("docTitle", "")
    card = course_picker_card(courses, doc_id, title, lang_for(event.locale), _links())
    return push(card)


def _assignment_form(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """The form for the chosen course, with its topics and the Doc's title."""
    if consent := _consent(event):
        return consent
    classroom = _classroom()
    token = event.user_oauth_token
    chosen = AssignmentContext.from_parameters(_doc_id(event), event.parameters)
    topics = tuple(classroom.client.topics(token, chosen.course.id))
    title = (
        event.doc_title or chosen.doc_title or classroom.doc_title(token, chosen.doc_id)
    )
    context = AssignmentContext(chosen.doc_id, title, chosen.course, topics)
    card = assignment_form_card(
        context, lang_for(event.locale), _links(), event.time_zone
    )
    return push(card)


def _create_assignment(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Create the assignment; errors show the form again with every value kept."""
    if consent := _consent(event):
        return consent
    classroom = _classroom()
    context = AssignmentContext.from_parameters(_doc_id(event), event.parameters)
    try:
        draft = draft_from_form(
            context.course.id, context.doc_id, event.form_inputs, classroom.clock()
        )
        assignment = classroom.recent.once(
            (tenant_id, caller.email, draft),
            lambda: classroom.client.create_assignment(
                event.user_oauth_token, draft, context.course.link
            ),
        )
    except (InputError, GoogleApiError) as exc:
        logger.warning(
            "assignment not created",
            extra={"json_fields": {"error": type(exc).__name__}},
        )
        field_errors = exc.field_errors if isinstance(exc, InputError) else {}
        return update(_form_again(event, context, exc.message_key, field_errors))
    card = assignment_created_card(
        assignment,
        context.course.name,
        context.doc_id,
        lang_for(event.locale),
        _links(),
        event.time_zone,
    )
    return update(card)


def _form_again(
    event: Event,
    context: AssignmentContext,
    banner_key: str,
    field_errors: dict[str, str],
) -> dict[str, Any]:
    return assignment_form_card(
        context,
        lang_for(event.locale),
        _links(),
        event.time_zone,
        values=event.form_inputs,
        field_errors=field_errors,
        banner_key=banner_key,
    )


class RosterConsentNeeded(Exception):
    """The team hides a course's roster, but this teacher has not granted reading it."""


def roster_for(event: Event) -> Callable[[Team | None], list[str]]:
    """The names on the roster of the course the caller's team linked, if any.

    Read with the teacher's token when a generation runs, never stored.

    Raises (when called):
        RosterConsentNeeded: the team linked a course, the scope is not granted.
        RosterUnavailable: Classroom did not answer; nothing may go to the model.
    """

    def names(team: Team | None) -> list[str]:
        if team is None or not team.classroom_course_id:
            return []
        if missing_scopes(event.authorized_scopes, (ROSTERS_READONLY,)):
            raise RosterConsentNeeded(team.classroom_course_id)
        client = _classroom().client
        return client.student_names(event.user_oauth_token, team.classroom_course_id)

    return names


def _link_course(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Hide the names on this course's roster from the model in the team's requests."""
    lang = lang_for(event.locale)
    if missing_scopes(event.authorized_scopes, (ROSTERS_READONLY,)):
        return request_scopes([ROSTERS_READONLY])
    services: Services = current_app.extensions["laerer"]
    team = services.assistant.context(tenant_id, caller.email).team
    if team is None:
        return notify(t("classroom.link.no_team", lang))
    course_id = event.parameters.get("courseId", "")
    if not course_id:
        raise InputError("no courseId")
    # Read once now, so a course whose roster cannot be read is never linked.
    count = len(_classroom().client.students(event.user_oauth_token, course_id))
    services.layers.link_course(
        tenant_id, caller.email, Target("team", team.school_id, team.id), course_id
    )
    name = event.parameters.get("courseName", "")
    return notify(t("classroom.link.done", lang, course=name, count=count))


LEVEL_SCOPES = (*CLASSROOM_SCOPES, ROSTERS_READONLY)


def _levels_course(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """The teacher's classes, to hand the levels (each its own Doc) out in."""
    missing = missing_scopes(event.authorized_scopes, LEVEL_SCOPES)
    if missing:
        return request_scopes(missing)
    levels = _levels(event)
    courses = _classroom().client.active_courses(event.user_oauth_token)
    lang = lang_for(event.locale)
    return push(levels_course_card(courses, _doc_id(event), levels, lang, _links()))


def _levels_groups(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """A dropdown per pupil on the class's roster: which level they get."""
    missing = missing_scopes(event.authorized_scopes, LEVEL_SCOPES)
    if missing:
        return request_scopes(missing)
    course = _course(event)
    levels = _levels(event)
    students = _classroom().client.roster(event.user_oauth_token, course.id)
    card = levels_groups_card(
        course,
        students,
        _doc_id(event),
        levels,
        lang_for(event.locale),
        _links(),
        default_title=event.doc_title,
    )
    return push(card)


def _levels_create(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """One assignment per level, to exactly the pupils who get that level."""
    missing = missing_scopes(event.authorized_scopes, LEVEL_SCOPES)
    if missing:
        return request_scopes(missing)
    classroom = _classroom()
    token = event.user_oauth_token
    course = _course(event)
    levels = _levels(event)
    lang = lang_for(event.locale)
    form = event.form_inputs
    title = " ".join((form.get("title") or [""])[0].split())
    students = classroom.client.roster(token, course.id)
    if not title:
        card = levels_groups_card(
            course, students, _doc_id(event), levels, lang, _links(),
            values=form, banner_key="form.fix_errors", title_error="form.required",
        )  # fmt: skip
        return update(card)
    groups: list[list[str]] = [[] for _ in levels]
    for student in students:
        picked = (form.get(student_field(student.id)) or [""])[0]
        index = int(picked) if picked.isdigit() and int(picked) < len(levels) else None
        groups[middle(levels) if index is None else index].append(student.id)
    publish = (form.get("state") or [""])[0] == "PUBLISHED"
    created = []
    for (label, level_doc), ids in zip(levels, groups, strict=True):
        if not ids:
            continue
        draft = AssignmentDraft(
            course_id=course.id,
            doc_id=level_doc,
            title=f"{title} – {label}",
            publish=publish,
            student_ids=tuple(ids),
        )
        assignment = classroom.recent.once(
            (tenant_id, caller.email, draft),
            partial(classroom.client.create_assignment, token, draft),
        )
        created.append((label, len(ids), assignment))
    card = levels_created_card(created, course.name, _doc_id(event), lang, _links())
    return update(card)


def _levels(event: Event) -> Levels:
    """The levels the button carried: two or three, or the request is refused."""
    levels = read_levels(event.parameters.get("levels", ""))
    if not 2 <= len(levels) <= 3 or not all(label and doc for label, doc in levels):
        raise InputError("levels parameter is not two or three (label, doc) pairs")
    return levels


def _course(event: Event) -> Course:
    parameters = event.parameters
    course_id = parameters.get("courseId", "")
    if not course_id:
        raise InputError("no courseId")
    return Course(course_id, parameters.get("courseName", ""), "", "")


CLASSROOM_ACTIONS: dict[str, Handler] = {
    "levels-classroom": _levels_course,
    "levels-groups": _levels_groups,
    "levels-create": _levels_create,
    "classroom": _choose_course,
    "classroom-course": _assignment_form,
    "classroom-create": _create_assignment,
    "classroom-link": _link_course,
}
