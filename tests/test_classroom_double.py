"""The Classroom double behaves like the Classroom API where our code depends on it.

Every test talks to the double through the real google-api-python-client built from its
bundled ``classroom.v1`` discovery document, so the routes are the ones it really makes.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httplib2
import pytest
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import Resource, build
from googleapiclient.errors import HttpError

from devtools import discovery
from devtools.classroom_double import FAILURES, ClassroomDouble

DANSK = "100000000001"
DOC = "1DemoDocDansk4bUge12xxxxxxxxxxxxxxxxxxxxxx"


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[ClassroomDouble, Resource]]:
    with ClassroomDouble() as double:
        http = AuthorizedHttp(
            Credentials(token="test-token"),
            http=httplib2.Http(timeout=5, proxy_info=None),
        )
        client = build(
            "classroom",
            "v1",
            http=http,
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": double.endpoint},
        )
        yield double, client.courses()
        client.close()


@pytest.fixture
def double(service: tuple[ClassroomDouble, Resource]) -> ClassroomDouble:
    service[0].reset()
    service[0].seed_demo()
    return service[0]


@pytest.fixture
def courses(
    double: ClassroomDouble, service: tuple[ClassroomDouble, Resource]
) -> Resource:
    return service[1]


def assignment(**changes: Any) -> dict[str, Any]:
    """A valid courseWork body due tomorrow, with ``changes`` applied."""
    due = datetime.now(UTC) + timedelta(days=1)
    body = {
        "title": "Vikingetiden",
        "workType": "ASSIGNMENT",
        "state": "DRAFT",
        "materials": [
            {"driveFile": {"driveFile": {"id": DOC}, "shareMode": "STUDENT_COPY"}}
        ],
        "dueDate": {"year": due.year, "month": due.month, "day": due.day},
        "dueTime": {"hours": due.hour, "minutes": due.minute},
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def open_directly(request: urllib.request.Request | str) -> Any:
    """Call the double over HTTP, never through a proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return opener.open(request, timeout=5)


def refusal(call: Callable[[], Any]) -> tuple[int, dict[str, Any]]:
    """HTTP status and ``error`` object of an answer that must fail."""
    with pytest.raises(HttpError) as caught:
        call()
    return caught.value.status_code, json.loads(caught.value.content)["error"]


def test_a_call_without_a_bearer_token_is_unauthenticated(
    double: ClassroomDouble,
) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        open_directly(double.endpoint + "v1/courses")

    with caught.value as answer:
        assert answer.code == 401
        assert json.loads(answer.read())["error"]["status"] == "UNAUTHENTICATED"


def test_courses_come_in_pages_and_only_active_ones_the_caller_teaches(
    double: ClassroomDouble, courses: Resource
) -> None:
    double.set_max_page_size(2)

    first = courses.list(teacherId="me", courseStates=["ACTIVE"]).execute()
    second = courses.list(
        teacherId="me", courseStates=["ACTIVE"], pageToken=first["nextPageToken"]
    ).execute()

    names = [c["name"] for c in first["courses"] + second["courses"]]
    assert names == ["Dansk 4.b", "Natur/teknologi 5.a", "English 7.c"]
    assert "nextPageToken" not in second
    for page in (first, second):
        discovery.validate("classroom", "v1", "ListCoursesResponse", page)


def test_topics_are_listed_under_the_key_topic(courses: Resource) -> None:
    answer = courses.topics().list(courseId=DANSK).execute()

    assert [t["name"] for t in answer["topic"]] == ["Læsning", "Skrivning", "Grammatik"]
    discovery.validate("classroom", "v1", "ListTopicResponse", answer)


def test_created_course_work_can_be_read_back_and_a_draft_has_no_link(
    courses: Resource,
) -> None:
    created = courses.courseWork().create(courseId=DANSK, body=assignment()).execute()

    read = courses.courseWork().get(courseId=DANSK, id=created["id"]).execute()

    assert read == created
    assert read["state"] == "DRAFT"
    assert "alternateLink" not in read
    assert read["materials"][0]["driveFile"]["shareMode"] == "STUDENT_COPY"
    discovery.validate("classroom", "v1", "CourseWork", read)


def test_published_course_work_links_to_classroom(courses: Resource) -> None:
    body = assignment(state="PUBLISHED")

    created = courses.courseWork().create(courseId=DANSK, body=body).execute()

    assert created["alternateLink"].startswith("https://classroom.google.com/c/")


def test_course_work_without_a_state_is_published(courses: Resource) -> None:
    body = assignment(state=None)

    created = courses.courseWork().create(courseId=DANSK, body=body).execute()

    assert created["state"] == "PUBLISHED"


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"titel": "stavefejl"}, "Additional properties"),
        ({"state": "KLADDE"}, "is not one of"),
        ({"id": "123"}, "read-only"),
        ({"title": ""}, "between 1 and 3000"),
        ({"workType": None}, "workType must be specified"),
        ({"dueTime": None}, "together"),
        ({"dueDate": {"year": 2020, "month": 1, "day": 1}}, "in the future"),
        ({"topicId": "no-such-topic"}, "topicId"),
        ({"maxPoints": -1}, "non-negative"),
    ],
)
def test_invalid_course_work_is_refused_with_400(
    double: ClassroomDouble,
    courses: Resource,
    changes: dict[str, Any],
    complaint: str,
) -> None:
    body = assignment(**changes)

    status, error = refusal(
        courses.courseWork().create(courseId=DANSK, body=body).execute
    )

    assert status == 400
    assert complaint in error["message"]
    assert double.coursework() == []
    assert double.received()[-1]["body"] == body


def test_a_hidden_drive_file_cannot_be_attached(
    double: ClassroomDouble, courses: Resource
) -> None:
    double.hide_file(DOC)

    status, error = refusal(
        courses.courseWork().create(courseId=DANSK, body=assignment()).execute
    )

    assert (status, error["status"]) == (400, "FAILED_PRECONDITION")
    assert error["message"].startswith("@AttachmentNotVisible ")


def test_a_course_the_caller_does_not_teach_is_forbidden_and_an_unknown_one_missing(
    courses: Resource,
) -> None:
    forbidden, _ = refusal(courses.topics().list(courseId="100000000005").execute)
    missing, _ = refusal(courses.topics().list(courseId="999").execute)

    assert (forbidden, missing) == (403, 404)


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_each_documented_failure_can_be_asked_for_once(
    double: ClassroomDouble, courses: Resource, failure: str
) -> None:
    code, status, message, _ = FAILURES[failure]
    double.fail(failure, call="create")

    listed = courses.list(teacherId="me").execute()  # other calls pass
    got, error = refusal(
        courses.courseWork().create(courseId=DANSK, body=assignment()).execute
    )
    again = courses.courseWork().create(courseId=DANSK, body=assignment()).execute()

    assert listed["courses"]
    assert (got, error["status"], error["message"]) == (code, status, message)
    assert again["id"]


def test_the_control_api_refuses_an_unknown_failure(double: ClassroomDouble) -> None:
    request = urllib.request.Request(
        double.endpoint + "_double/fail",
        data=json.dumps({"error": "no_such_failure"}).encode(),
        method="POST",
    )

    with pytest.raises(urllib.error.HTTPError) as caught:
        open_directly(request)

    with caught.value as answer:
        assert answer.code == 400
