"""Google Classroom: the teacher's courses and topics, and the Doc as an assignment.

``ClassroomClient`` runs every call of one shared client (built once from the
``classroom.v1`` discovery document bundled with google-api-python-client) with the
teacher's own authorised ``http``, and translates Google's refusals into our error tree.

Classroom quirks this module is built around:

- Classroom-specific errors are named by a prefix of the error's ``message``, e.g.
  ``"@ClassroomApiDisabled The user is not permitted ..."`` (developers.google.com/
  classroom/guides/errors); the trailing space keeps ``@ClassroomDisabled`` apart.
- ``dueDate`` and ``dueTime`` are a calendar date and a time of day *in UTC*, so a due
  time late in the Danish evening falls on the previous UTC day in summer (UTC+2).
- The discovery document contradicts itself on the default ``state`` (DRAFT in the field
  description, PUBLISHED in the enum description), so ``state`` is always sent.
- ``alternateLink`` of course work is filled only once it is PUBLISHED; a draft is
  reached through the course's own link.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httplib2
from google.auth import exceptions as google_auth_exceptions
from googleapiclient.discovery import Resource
from googleapiclient.errors import HttpError
from googleapiclient.http import HttpRequest

from services.config import Settings
from services.documents import authorized_http, build_shared_api
from services.errors import GoogleApiError, GoogleRateLimited, InputError

logger = logging.getLogger(__name__)

COURSES_READONLY = "https://www.googleapis.com/auth/classroom.courses.readonly"
COURSEWORK_STUDENTS = "https://www.googleapis.com/auth/classroom.coursework.students"
TOPICS_READONLY = "https://www.googleapis.com/auth/classroom.topics.readonly"
#: Asked for only when a team links a course: the roster's names are hidden from the model.
ROSTERS_READONLY = "https://www.googleapis.com/auth/classroom.rosters.readonly"
#: What the feature needs: courses.list, topics.list and courseWork.create.
CLASSROOM_SCOPES = (COURSES_READONLY, COURSEWORK_STUDENTS, TOPICS_READONLY)
# A broader scope the teacher granted already covers the narrow one we ask for.
_COVERED_BY = {
    COURSES_READONLY: {COURSES_READONLY, COURSES_READONLY.removesuffix(".readonly")},
    COURSEWORK_STUDENTS: {COURSEWORK_STUDENTS},
    TOPICS_READONLY: {TOPICS_READONLY, TOPICS_READONLY.removesuffix(".readonly")},
    ROSTERS_READONLY: {ROSTERS_READONLY, ROSTERS_READONLY.removesuffix(".readonly")},
}
TITLE_LIMIT = 3000  # CourseWork.title
DESCRIPTION_LIMIT = 30000  # CourseWork.description
MAX_PAGES = 10  # bounds the answer time however many courses a teacher has


class ClassroomApiDisabled(GoogleApiError):
    """The domain has not allowed the Classroom API (or Classroom) for this teacher."""

    message_key = "classroom.error.api_disabled"
    http_status = 403


class CoursePermissionDenied(GoogleApiError):
    """The teacher may not read or add course work to this course."""

    message_key = "classroom.error.course_permission"
    http_status = 403


class AttachmentNotVisible(GoogleApiError):
    """Classroom cannot see the Doc as the teacher, so it cannot attach it."""

    message_key = "classroom.error.attachment_not_visible"
    http_status = 400


class ClassroomRateLimited(GoogleRateLimited):
    message_key = "classroom.error.rate_limited"


class RosterUnavailable(GoogleApiError):
    """The linked course's roster could not be read, so nothing was sent to the model."""

    message_key = "classroom.roster_unavailable"


class DueDateInPast(InputError):
    """The chosen due date and time lie in the past (checked before any call)."""

    message_key = "classroom.error.due_in_past"


def missing_scopes(
    authorized: Iterable[str], wanted: Iterable[str] = CLASSROOM_SCOPES
) -> list[str]:
    """The ``wanted`` Classroom scopes the teacher has not granted yet, in order."""
    granted = set(authorized)
    return [scope for scope in wanted if not _COVERED_BY[scope] & granted]


@dataclass(frozen=True)
class Course:
    """A course as the picker shows it; ``link`` opens it in Classroom."""

    id: str
    name: str
    section: str = ""
    link: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    name: str


@dataclass(frozen=True)
class Student:
    id: str
    name: str


@dataclass(frozen=True)
class AssignmentDraft:
    """What the teacher asked for; ``due`` is an aware UTC datetime or ``None``."""

    course_id: str
    doc_id: str
    title: str
    description: str = ""
    due: datetime | None = None
    max_points: int | None = None
    topic_id: str = ""
    publish: bool = False
    #: only these students get it (``assigneeMode`` INDIVIDUAL_STUDENTS); () for all
    student_ids: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        """The ``CourseWork`` body of ``courseWork.create``."""
        body: dict[str, Any] = {
            "title": self.title,
            "workType": "ASSIGNMENT",
            "state": "PUBLISHED" if self.publish else "DRAFT",
            "materials": [
                {
                    "driveFile": {
                        "driveFile": {"id": self.doc_id},
                        "shareMode": "STUDENT_COPY",
                    }
                }
            ],
        }
        if self.description:
            body["description"] = self.description
        if self.due is not None:
            body.update(due_fields(self.due))
        if self.max_points is not None:
            body["maxPoints"] = self.max_points
        if self.topic_id:
            body["topicId"] = self.topic_id
        if self.student_ids:
            body["assigneeMode"] = "INDIVIDUAL_STUDENTS"
            body["individualStudentsOptions"] = {"studentIds": list(self.student_ids)}
        return body


@dataclass(frozen=True)
class Assignment:
    """Course work Classroom created; ``link`` opens it (or its course, for a draft)."""

    id: str
    course_id: str
    title: str
    state: str
    link: str
    due: datetime | None = None


def due_fields(due: datetime) -> dict[str, Any]:
    """``dueDate`` and ``dueTime`` in UTC, to the minute, as Classroom expects them."""
    utc = due.astimezone(UTC)
    return {
        "dueDate": {"year": utc.year, "month": utc.month, "day": utc.day},
        "dueTime": {"hours": utc.hour, "minutes": utc.minute},
    }


def draft_from_form(
    course_id: str, doc_id: str, form: Mapping[str, list[str]], now: datetime
) -> AssignmentDraft:
    """Validate the assignment form; nothing is sent to Classroom if this raises.

    ``due`` arrives as the date-time picker's ``msSinceEpoch``: an instant, which the
    picker computed from the date and time the teacher chose in their own time zone.

    Raises:
        DueDateInPast: the due date and time are not in the future.
        InputError: other fields are wrong; ``field_errors`` names them.
    """

    def value(name: str) -> str:
        return (form.get(name) or [""])[0].strip()

    errors: dict[str, str] = {}
    title = value("title")
    if not title:
        errors["title"] = "form.required"
    elif len(title) > TITLE_LIMIT:
        errors["title"] = "classroom.field.too_long"
    if len(value("instructions")) > DESCRIPTION_LIMIT:
        errors["instructions"] = "classroom.field.too_long"
    points = value("points")
    if points and not (points.isdigit() and int(points) <= 100000):
        errors["points"] = "classroom.field.points_invalid"
    due = None
    if value("due").lstrip("-").isdigit():
        try:
            due = datetime.fromtimestamp(int(value("due")) / 1000, UTC).replace(
                second=0, microsecond=0
            )
        except (OverflowError, OSError, ValueError):
            errors["due"] = "classroom.field.due_invalid"
    if errors:
        raise InputError(
            "assignment form", message_key="form.fix_errors", field_errors=errors
        )
    if due is not None and due <= now:
        raise DueDateInPast(
            "due date in the past", field_errors={"due": "classroom.error.due_in_past"}
        )
    return AssignmentDraft(
        course_id=course_id,
        doc_id=doc_id,
        title=title,
        description=value("instructions"),
        due=due,
        max_points=int(points) if points else None,
        topic_id=value("topic"),
        publish=value("state") == "PUBLISHED",
    )


def build_shared_classroom_api(settings: Settings) -> Resource:
    """The shared Classroom API client."""
    return build_shared_api(
        "classroom", "v1", settings.classroom_api_endpoint, settings
    )


class ClassroomClient:
    """The Classroom calls of this feature, each run with the teacher's access token."""

    def __init__(self, service: Resource, settings: Settings) -> None:
        # Building a resource reads the discovery document (tens of ms): do it once.
        courses = service.courses()
        self._courses = courses
        self._topics = courses.topics()
        self._students = courses.students()
        self._course_work = courses.courseWork()
        self._settings = settings

    def active_courses(self, token: str) -> list[Course]:
        """The teacher's ACTIVE courses, every page (at most ``MAX_PAGES``)."""
        found = self._pages(
            token,
            "courses.list",
            "courses",
            lambda page: self._courses.list(
                teacherId="me", courseStates=["ACTIVE"], pageToken=page
            ),
        )
        return [
            Course(
                str(c["id"]),
                str(c.get("name", "")),
                str(c.get("section", "")),
                str(c.get("alternateLink", "")),
            )
            for c in found
        ]

    def topics(self, token: str, course_id: str) -> list[Topic]:
        """The course's topics, every page (at most ``MAX_PAGES``)."""
        found = self._pages(
            token,
            "topics.list",
            "topic",  # sic: ListTopicResponse names its list "topic"
            lambda page: self._topics.list(courseId=course_id, pageToken=page),
        )
        return [Topic(str(t["topicId"]), str(t.get("name", ""))) for t in found]

    def roster(self, token: str, course_id: str) -> list[Student]:
        """The course's students with their ids, sorted by name; never stored.

        Raises:
            RosterUnavailable: Classroom refused or failed.
        """
        try:
            found = self._pages(
                token,
                "students.list",
                "students",
                lambda page: self._students.list(courseId=course_id, pageToken=page),
            )
        except CoursePermissionDenied as exc:
            raise RosterUnavailable(
                f"roster of {course_id}: {exc}",
                message_key="classroom.roster_forbidden",
            ) from exc
        except GoogleApiError as exc:
            raise RosterUnavailable(f"roster of {course_id}: {exc}") from exc
        students = [
            Student(
                str(s.get("userId", "")),
                str(s.get("profile", {}).get("name", {}).get("fullName", "")),
            )
            for s in found
        ]
        return sorted(students, key=lambda s: s.name.casefold())

    def students(self, token: str, course_id: str) -> list[tuple[str, ...]]:
        """Each student's full and given name, every page; never stored.

        Raises:
            RosterUnavailable: Classroom refused or failed; the caller must not go on
                as if the names were known.
        """
        try:
            found = self._pages(
                token,
                "students.list",
                "students",
                lambda page: self._students.list(courseId=course_id, pageToken=page),
            )
        except CoursePermissionDenied as exc:
            raise RosterUnavailable(
                f"roster of {course_id}: {exc}",
                message_key="classroom.roster_forbidden",
            ) from exc
        except GoogleApiError as exc:
            raise RosterUnavailable(f"roster of {course_id}: {exc}") from exc
        names = [s.get("profile", {}).get("name", {}) for s in found]
        return [
            tuple(str(n[k]) for k in ("fullName", "givenName") if n.get(k))
            for n in names
        ]

    def student_names(self, token: str, course_id: str) -> list[str]:
        """Every full and given name on the course's roster, once each."""
        pupils = self.students(token, course_id)
        return list(dict.fromkeys(name for pupil in pupils for name in pupil))

    def create_assignment(
        self, token: str, draft: AssignmentDraft, course_link: str = ""
    ) -> Assignment:
        """Create the assignment; a draft links to ``course_link``.

        Raises:
            ClassroomApiDisabled, CoursePermissionDenied, AttachmentNotVisible,
            ClassroomRateLimited, GoogleApiError: Classroom's refusals, translated.
        """
        http = authorized_http(token, self._settings)
        try:
            created = self._call(
                "courseWork.create",
                self._course_work.create(courseId=draft.course_id, body=draft.body()),
                http,
            )
        finally:
            http.http.close()
        return Assignment(
            id=str(created["id"]),
            course_id=draft.course_id,
            title=str(created.get("title", draft.title)),
            state=str(created.get("state", "")),
            link=str(created.get("alternateLink") or course_link),
            due=draft.due,
        )

    def _pages(
        self,
        token: str,
        operation: str,
        key: str,
        request: Callable[[str | None], HttpRequest],
    ) -> list[dict[str, Any]]:
        http = authorized_http(token, self._settings)
        found: list[dict[str, Any]] = []
        page: str | None = None
        try:
            for _ in range(MAX_PAGES):
                answer = self._call(operation, request(page), http)
                found.extend(answer.get(key, []))
                page = answer.get("nextPageToken")
                if not page:
                    break
        finally:
            http.http.close()
        return found

    @staticmethod
    def _call(operation: str, request: HttpRequest, http: Any) -> Any:
        """Execute one call, log it (never the token) and translate its errors."""
        started = time.monotonic()
        outcome = "ok"
        try:
            return request.execute(http=http)
        except HttpError as exc:
            outcome = str(exc.status_code)
            raise _translate(operation, exc) from exc
        except (
            OSError,
            httplib2.HttpLib2Error,
            google_auth_exceptions.GoogleAuthError,
        ) as exc:
            outcome = exc.__class__.__name__
            raise GoogleApiError(
                f"Classroom {operation} failed: {outcome}",
                message_key="classroom.error.failed",
            ) from exc
        finally:
            logger.info(
                "classroom call",
                extra={
                    "json_fields": {
                        "operation": operation,
                        "outcome": outcome,
                        "latency_ms": int((time.monotonic() - started) * 1000),
                    }
                },
            )


def _translate(operation: str, exc: HttpError) -> GoogleApiError:
    status = exc.status_code
    try:
        error = json.loads(exc.content or b"{}").get("error", {})
    except (ValueError, AttributeError):
        error = {}
    message = str(error.get("message", "")) + " "
    reasons = {str(e.get("reason", "")) for e in error.get("errors", []) or []}
    detail = f"Classroom {operation} returned {status} {error.get('status', '')}"
    if message.startswith("@ClassroomApiDisabled "):
        return ClassroomApiDisabled(detail)
    if message.startswith("@ClassroomDisabled "):
        return ClassroomApiDisabled(detail, message_key="classroom.error.disabled")
    if message.startswith("@AttachmentNotVisible "):
        return AttachmentNotVisible(detail)
    if status == 429 or reasons & {"rateLimitExceeded", "userRateLimitExceeded"}:
        return ClassroomRateLimited(detail)
    if status in (403, 404):
        return CoursePermissionDenied(detail)
    return GoogleApiError(detail, message_key="classroom.error.failed")


class RecentAssignments:
    """Remembers created assignments for ``ttl_seconds``, so a double click creates one.

    Keys are whatever identifies one request (teacher and draft). A second call with
    the same key waits for the first to finish and returns its assignment. Kept in
    memory: instances of the service do not share it.
    """

    def __init__(
        self, ttl_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._locks: dict[object, threading.Lock] = {}
        self._done: dict[object, tuple[float, Assignment]] = {}

    def once(self, key: object, create: Callable[[], Assignment]) -> Assignment:
        """The assignment made for ``key`` within the last ``ttl_seconds``, or a new one."""
        with self._lock:
            self._forget_old()
            key_lock = self._locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                remembered = self._done.get(key)
            if remembered is not None:
                return remembered[1]
            try:
                assignment = create()
            except Exception:
                with self._lock:
                    if self._locks.get(key) is key_lock:  # waiters may try again
                        del self._locks[key]
                raise
            with self._lock:
                self._done[key] = (self._clock(), assignment)
            return assignment

    def _forget_old(self) -> None:
        now = self._clock()
        for key in [k for k, (at, _) in self._done.items() if now - at > self._ttl]:
            del self._done[key]
            self._locks.pop(key, None)
