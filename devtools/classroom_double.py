"""A development double of the Google Classroom API: a local HTTP server on 127.0.0.1.

The real google-api-python-client talks to it when ``api_endpoint`` points here. It
serves the routes that client produces from the bundled ``classroom.v1`` discovery
document (rootUrl + servicePath "" + path):

- ``GET /v1/courses`` (``teacherId``, ``courseStates``, ``pageSize``, ``pageToken``)
- ``GET /v1/courses/{courseId}/topics`` (``pageSize``, ``pageToken``)
- ``GET /v1/courses/{courseId}/students`` (``pageSize``, ``pageToken``): names in ``profile``
- ``POST /v1/courses/{courseId}/courseWork`` and ``GET .../courseWork/{id}``

What it models: every call needs ``Authorization: Bearer``; lists are paged (at most
``max_page_size`` items, continued by ``nextPageToken``); a course the caller does not
teach answers 403 and an unknown one 404. A courseWork body is validated against the
discovery ``CourseWork`` schema (unknown fields fail), may not set read-only fields, needs
a title and a work type, ``dueDate`` and ``dueTime`` together and in the future, topics of
its course and Drive files the caller can see. The discovery document contradicts itself
on the default ``state``; this double publishes when none is given, so a client that
forgets it notices. Created work answers as Classroom does: ``alternateLink`` only once
PUBLISHED.

Errors have Google's JSON shape; Classroom's own reasons are a prefix of ``message``
("@ClassroomApiDisabled ..."), as developers.google.com/classroom/guides/errors shows.
Texts we could not find in Google's documentation are the double's own.

Control API (no authentication): ``POST /_double/courses`` {id, name, section, state,
teacher}, ``POST /_double/topics`` {courseId, topicId, name}, ``POST /_double/students``
{courseId, givenName, familyName}, ``POST /_double/hidden-files``
{id}, ``POST /_double/fail`` {error, times, call}, ``POST /_double/config``
{max_page_size}, ``GET /_double/coursework``, ``GET /_double/requests``,
``POST /_double/reset``. Run it alone with ``python -m devtools.classroom_double``.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from devtools import discovery
from devtools.serving import DoubleHandler, LoopbackServer, ServedDouble

logger = logging.getLogger(__name__)

#: The failures ``fail`` can ask for: HTTP status, gRPC status, message, legacy reason.
FAILURES: dict[str, tuple[int, str, str, str]] = {
    "api_disabled": (
        403,
        "PERMISSION_DENIED",
        "@ClassroomApiDisabled The user is not permitted to access the Classroom API.",
        "forbidden",
    ),
    "classroom_disabled": (
        403,
        "PERMISSION_DENIED",
        "@ClassroomDisabled The user is not permitted to access Classroom.",
        "forbidden",
    ),
    "permission_denied": (
        403,
        "PERMISSION_DENIED",
        "The caller does not have permission",
        "forbidden",
    ),
    "attachment_not_visible": (
        400,
        "FAILED_PRECONDITION",
        "@AttachmentNotVisible One or more attachments are not visible to the user.",
        "failedPrecondition",
    ),
    "rate_limited": (
        429,
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Requests' of service "
        "'classroom.googleapis.com'.",
        "rateLimitExceeded",
    ),
    "unavailable": (503, "UNAVAILABLE", "The service is currently unavailable.", ""),
}
_READ_ONLY = (
    "id",
    "courseId",
    "alternateLink",
    "creationTime",
    "updateTime",
    "creatorUserId",
    "assignment",
    "associatedWithDeveloper",
    "gradeCategory",
)
DEFAULT_PAGE_SIZE = 30


class ApiError(Exception):
    """An error answer in Google's JSON shape."""

    def __init__(
        self, code: int, status: str, message: str, reason: str = "badRequest"
    ) -> None:
        super().__init__(message)
        self.code, self.status, self.message, self.reason = (
            code,
            status,
            message,
            reason,
        )

    @classmethod
    def named(cls, failure: str) -> ApiError:
        return cls(*FAILURES[failure])

    @classmethod
    def invalid(cls, message: str) -> ApiError:
        return cls(400, "INVALID_ARGUMENT", message)

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "status": self.status,
        }
        if self.reason:
            error["errors"] = [
                {"message": self.message, "domain": "global", "reason": self.reason}
            ]
        return {"error": error}


_NOT_FOUND = ("NOT_FOUND", "Requested entity was not found.", "notFound")
_UNAUTHENTICATED = (
    "UNAUTHENTICATED",
    "Request is missing required authentication credential. Expected OAuth 2 access "
    "token, login cookie or other valid authentication credential.",
    "unauthorized",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class _Course:
    id: str
    name: str
    section: str = ""
    state: str = "ACTIVE"
    teacher: bool = True  # whether the caller ("me") teaches it

    def to_json(self) -> dict[str, Any]:
        course = {
            "id": self.id,
            "name": self.name,
            "courseState": self.state,
            "alternateLink": f"https://classroom.google.com/c/{self.id}",
            "ownerId": "double-teacher" if self.teacher else "another-teacher",
        }
        if self.section:
            course["section"] = self.section
        return course


@dataclass(frozen=True)
class _Failure:
    failure: str
    call: str | None = None  # "courses", "topics", "create", "get" or None for any


class _State:
    """Everything the double holds; every access goes through ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.courses: dict[str, _Course] = {}
            self.topics: dict[str, list[dict[str, Any]]] = {}
            self.students: dict[str, list[dict[str, Any]]] = {}
            self.coursework: dict[str, dict[str, Any]] = {}
            self.hidden_files: set[str] = set()
            self.failures: list[_Failure] = []
            self.received: list[dict[str, Any]] = []
            self.max_page_size = DEFAULT_PAGE_SIZE
            self.created = 0

    # -- the API -------------------------------------------------------------------

    def api(
        self, method: str, path: str, query: dict[str, list[str]], auth: str, body: Any
    ) -> Any:
        """Answer one Classroom call; raises ``ApiError`` for an error answer."""
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, *_UNAUTHENTICATED)
        parts = [unquote(p) for p in path.strip("/").split("/")]
        route = _route(method, parts)
        with self.lock:
            due = [f for f in self.failures if f.call in (None, route)][:1]
            for failure in due:
                self.failures.remove(failure)
                raise ApiError.named(failure.failure)
            if route == "courses":
                return self.list_courses(query)
            course = self.course(parts[2])
            if route == "topics":
                return self.page(self.topics.get(course.id, []), query, "topic")
            if route == "students":
                return self.page(self.students.get(course.id, []), query, "students")
            if route == "create":
                return self.create(course, body)
            work = self.coursework.get(f"{course.id}/{parts[4]}")
            if work is None:
                raise ApiError(404, *_NOT_FOUND)
            return copy.deepcopy(work)

    def course(self, course_id: str) -> _Course:
        course = self.courses.get(course_id)
        if course is None:
            raise ApiError(404, *_NOT_FOUND)
        if not course.teacher:
            raise ApiError.named("permission_denied")
        return course

    def list_courses(self, query: dict[str, list[str]]) -> dict[str, Any]:
        teacher = query.get("teacherId", [""])[0]
        if teacher not in ("", "me"):
            raise ApiError.named("permission_denied")
        states = set(query.get("courseStates", []))
        found = [
            c.to_json()
            for c in self.courses.values()
            if c.teacher and (not states or c.state in states)
        ]
        return self.page(found, query, "courses")

    def page(
        self, items: list[dict[str, Any]], query: dict[str, list[str]], key: str
    ) -> dict[str, Any]:
        size = int(query.get("pageSize", ["0"])[0] or 0)
        size = min(size, self.max_page_size) if size > 0 else self.max_page_size
        token = query.get("pageToken", [""])[0]
        if token and not token.startswith("offset-"):
            raise ApiError.invalid("The page token is invalid.")
        start = int(token.removeprefix("offset-")) if token else 0
        answer: dict[str, Any] = {}
        if items[start : start + size]:  # proto3 JSON leaves an empty list out
            answer[key] = copy.deepcopy(items[start : start + size])
        if start + size < len(items):
            answer["nextPageToken"] = f"offset-{start + size}"
        return answer

    def create(self, course: _Course, body: Any) -> dict[str, Any]:
        self.received.append({"courseId": course.id, "body": copy.deepcopy(body)})
        problems = discovery.errors("classroom", "v1", "CourseWork", body)
        if problems:
            raise ApiError.invalid(
                "Invalid JSON payload received. " + "; ".join(problems)
            )
        self.check_coursework(course, body)
        self.created += 1
        work_id = str(800000000000 + self.created)
        now = _now()
        work = {
            **copy.deepcopy(body),
            "id": work_id,
            "courseId": course.id,
            "state": body.get("state") or "PUBLISHED",
            "creationTime": now,
            "updateTime": now,
            "creatorUserId": "double-teacher",
            "assigneeMode": body.get("assigneeMode", "ALL_STUDENTS"),
            "submissionModificationMode": body.get(
                "submissionModificationMode", "MODIFIABLE_UNTIL_TURNED_IN"
            ),
            "associatedWithDeveloper": True,
        }
        for material in work.get("materials", []):
            drive = material.get("driveFile", {}).get("driveFile")
            if drive:
                drive["alternateLink"] = (
                    f"https://docs.google.com/document/d/{drive['id']}/edit"
                )
                drive.setdefault("title", drive["id"])
        if work["state"] == "PUBLISHED":
            work["alternateLink"] = (
                f"https://classroom.google.com/c/{course.id}/a/{work_id}/details"
            )
        self.coursework[f"{course.id}/{work_id}"] = work
        return copy.deepcopy(work)

    def check_coursework(self, course: _Course, body: dict[str, Any]) -> None:
        """Classroom's rules beyond the schema, as far as the double models them."""
        for name in _READ_ONLY:
            if name in body:
                raise ApiError.invalid(f"{name} is read-only and may not be set.")
        if not 1 <= len(body.get("title", "")) <= 3000:
            raise ApiError.invalid("title must have between 1 and 3000 characters.")
        if body.get("workType", "COURSE_WORK_TYPE_UNSPECIFIED").endswith("UNSPECIFIED"):
            raise ApiError.invalid("workType must be specified.")
        if body.get("state") in ("DELETED", "COURSE_WORK_STATE_UNSPECIFIED"):
            raise ApiError.invalid(f"state may not be {body['state']} on create.")
        points = body.get("maxPoints", 0)
        if points < 0 or points != int(points):
            raise ApiError.invalid("maxPoints must be a non-negative integer.")
        self.check_due(body)
        topics = {t["topicId"] for t in self.topics.get(course.id, [])}
        if body.get("topicId") and body["topicId"] not in topics:
            raise ApiError.invalid("topicId must match a topic of the course.")
        if body.get("assigneeMode") == "INDIVIDUAL_STUDENTS":
            chosen = body.get("individualStudentsOptions", {}).get("studentIds", [])
            enrolled = {s["userId"] for s in self.students.get(course.id, [])}
            if not chosen:
                raise ApiError.invalid("individualStudentsOptions.studentIds is empty.")
            if not set(chosen) <= enrolled:
                raise ApiError.invalid("studentIds must be students of the course.")
        materials = body.get("materials", [])
        if len(materials) > 20:
            raise ApiError.invalid("CourseWork may have at most 20 materials.")
        for material in materials:
            drive = material.get("driveFile", {}).get("driveFile", {})
            if "driveFile" in material and not drive.get("id"):
                raise ApiError.invalid("driveFile.id must be set.")
            if drive.get("id") in self.hidden_files:
                raise ApiError.named("attachment_not_visible")

    @staticmethod
    def check_due(body: dict[str, Any]) -> None:
        date, time_of_day = body.get("dueDate"), body.get("dueTime")
        if (date is None) != (time_of_day is None):
            raise ApiError.invalid("dueDate and dueTime must be specified together.")
        if date is None or time_of_day is None:
            return
        try:
            due = datetime(
                date["year"],
                date["month"],
                date["day"],
                time_of_day.get("hours", 0),
                time_of_day.get("minutes", 0),
                tzinfo=UTC,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError.invalid(
                f"dueDate/dueTime is not a valid time: {exc}"
            ) from exc
        if due <= datetime.now(UTC):
            raise ApiError.invalid("The due date and time must be in the future.")

    # -- the control API -----------------------------------------------------------

    def control(self, method: str, route: str, body: Any) -> Any:
        """Answer one call of the control API (``/_double/...``)."""
        if method == "POST" and route == "reset":
            self.reset()
            return {}
        try:
            with self.lock:
                return self._control(method, route, body)
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError.invalid(f"Bad control request: {exc!r}") from exc

    def _control(self, method: str, route: str, body: Any) -> Any:
        if method == "POST" and route == "courses":
            course = _Course(
                str(body["id"]),
                str(body["name"]),
                str(body.get("section", "")),
                str(body.get("state", "ACTIVE")),
                bool(body.get("teacher", True)),
            )
            self.courses[course.id] = course
            return course.to_json()
        if method == "POST" and route == "topics":
            topics = self.topics.setdefault(str(body["courseId"]), [])
            topic = {
                "courseId": str(body["courseId"]),
                "topicId": str(body.get("topicId") or f"topic-{len(topics) + 1}"),
                "name": str(body["name"]),
                "updateTime": _now(),
            }
            topics.append(topic)
            return topic
        if method == "POST" and route == "students":
            students = self.students.setdefault(str(body["courseId"]), [])
            given, family = str(body["givenName"]), str(body["familyName"])
            user_id = f"1{len(students) + 1:020d}"
            student = {
                "courseId": str(body["courseId"]),
                "userId": user_id,
                "profile": {
                    "id": user_id,
                    "name": {
                        "givenName": given,
                        "familyName": family,
                        "fullName": f"{given} {family}",
                    },
                },
            }
            students.append(student)
            return student
        if method == "POST" and route == "hidden-files":
            self.hidden_files.add(str(body["id"]))
            return {}
        if method == "POST" and route == "fail":
            failure = str(body["error"])
            if failure not in FAILURES:
                raise ValueError(f"error must be one of {sorted(FAILURES)}")
            times = int(body.get("times", 1))
            self.failures.extend([_Failure(failure, body.get("call"))] * times)
            return {"failures": len(self.failures)}
        if method == "POST" and route == "config":
            self.max_page_size = int(body["max_page_size"])
            return {}
        if method == "GET" and route == "coursework":
            return copy.deepcopy(list(self.coursework.values()))
        if method == "GET" and route == "requests":
            return copy.deepcopy(self.received)
        raise ApiError(404, "NOT_FOUND", f"No control route {method} /_double/{route}.")


def _route(method: str, parts: list[str]) -> str:
    """Which call ``method`` on ``parts`` is: courses, topics, students, create or get."""
    if parts[:2] == ["v1", "courses"]:
        if method == "GET" and len(parts) == 2:
            return "courses"
        if method == "GET" and len(parts) == 4 and parts[3] == "topics":
            return "topics"
        if method == "GET" and len(parts) == 4 and parts[3] == "students":
            return "students"
        if len(parts) >= 4 and parts[3] == "courseWork":
            if method == "POST" and len(parts) == 4:
                return "create"
            if method == "GET" and len(parts) == 5:
                return "get"
    raise ApiError(
        404, "NOT_FOUND", f"No route for {method} /{'/'.join(parts)} in the double."
    )


class _Handler(DoubleHandler):
    name = "classroom double"

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        state = self.server.state
        try:
            body = self._body()
            if url.path.startswith("/_double/"):
                payload = state.control(
                    method, url.path.removeprefix("/_double/"), body
                )
            else:
                auth = self.headers.get("Authorization", "")
                query = parse_qs(url.query)
                payload = state.api(method, url.path, query, auth, body)
            self._send(200, payload)
        except ApiError as exc:
            self._send(exc.code, exc.body())

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        try:
            return json.loads(self.rfile.read(length))
        except ValueError as exc:
            raise ApiError.invalid("Invalid JSON payload received.") from exc


class ClassroomDouble(ServedDouble):
    """The Classroom double as a context manager; give ``endpoint`` to the client."""

    def __init__(self, port: int = 0) -> None:
        self._state = _State()
        self._server = LoopbackServer(port, _Handler, self._state)

    def reset(self) -> None:
        """Forget every course, topic, course work, failure and recorded request."""
        self._state.reset()

    def add_course(
        self,
        course_id: str,
        name: str,
        section: str = "",
        *,
        state: str = "ACTIVE",
        teacher: bool = True,
    ) -> dict[str, Any]:
        """Add a course; ``teacher=False`` makes it one the caller does not teach."""
        body = {"id": course_id, "name": name, "section": section, "state": state}
        return self._control("courses", {**body, "teacher": teacher})

    def add_topic(
        self, course_id: str, name: str, topic_id: str = ""
    ) -> dict[str, Any]:
        return self._control(
            "topics", {"courseId": course_id, "name": name, "topicId": topic_id}
        )

    def add_student(
        self, course_id: str, given_name: str, family_name: str
    ) -> dict[str, Any]:
        """Enrol a student; ``courses.students.list`` returns them with their names."""
        body = {"courseId": course_id, "givenName": given_name}
        return self._control("students", {**body, "familyName": family_name})

    def hide_file(self, file_id: str) -> None:
        """Make the Drive file invisible to the caller: attaching it fails."""
        self._control("hidden-files", {"id": file_id})

    def fail(self, error: str, times: int = 1, call: str | None = None) -> None:
        """Make the next ``times`` calls (of kind ``call``) answer ``FAILURES[error]``."""
        self._control("fail", {"error": error, "times": times, "call": call})

    def set_max_page_size(self, size: int) -> None:
        self._control("config", {"max_page_size": size})

    def coursework(self) -> list[dict[str, Any]]:
        """Every course work created, as ``courseWork.get`` returns it."""
        return self._state.control("GET", "coursework", {})  # type: ignore[no-any-return]

    def received(self) -> list[dict[str, Any]]:
        """Every courseWork.create body received, valid or not: ``{"courseId", "body"}``."""
        return self._state.control("GET", "requests", {})  # type: ignore[no-any-return]

    def seed_demo(self) -> None:
        """The demo teacher's classes, matching the demo municipality's teams."""
        self.add_course("100000000001", "Dansk 4.b", "Nordskolen")
        self.add_course("100000000002", "Natur/teknologi 5.a", "Nordskolen")
        self.add_course("100000000003", "English 7.c", "Nordskolen")
        self.add_course("100000000004", "Dansk 3.b (sidste år)", state="ARCHIVED")
        self.add_course("100000000005", "Matematik 6.a", teacher=False)
        for topic in ("Læsning", "Skrivning", "Grammatik"):
            self.add_topic("100000000001", topic)
        for given, family in (
            ("Mikkel", "Holm"),
            ("Sofie", "Berg"),
            ("Aisha", "Karimi"),
        ):
            self.add_student("100000000001", given, family)

    def _control(self, route: str, body: dict[str, Any]) -> Any:
        return self._state.control("POST", route, body)


def main(argv: list[str] | None = None) -> None:
    """Serve the double with the demo courses on 127.0.0.1 until SIGINT or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    with ClassroomDouble(args.port) as double:
        double.seed_demo()
        print(
            f"Classroom double at {double.endpoint} (CLASSROOM_API_ENDPOINT)",
            flush=True,
        )
        while not stopping.wait(0.5):
            pass


if __name__ == "__main__":
    main()
