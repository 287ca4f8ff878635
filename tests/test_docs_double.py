"""The Docs double behaves like the Docs API where our code depends on it.

Every test talks to the double through the real google-api-python-client, built from its
bundled discovery document, so the routes are the ones the client really produces.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httplib2
import pytest
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import Resource, build
from googleapiclient.errors import HttpError

from devtools.docs_double import DocsDouble, Paragraph


@pytest.fixture(scope="module")
def double() -> Iterator[DocsDouble]:
    with DocsDouble() as running:
        yield running


@pytest.fixture(scope="module")
def docs_api(double: DocsDouble) -> Iterator[Resource]:
    """The ``documents`` collection of a real Docs client aimed at the double."""
    http = AuthorizedHttp(
        Credentials(token="test-token"),
        http=httplib2.Http(timeout=5, proxy_info=None),
    )
    service = build(
        "docs",
        "v1",
        http=http,
        static_discovery=True,
        cache_discovery=False,
        client_options={"api_endpoint": double.endpoint},
    )
    yield service.documents()
    service.close()


@pytest.fixture
def documents(double: DocsDouble, docs_api: Resource) -> Resource:
    """The client, with the double emptied."""
    double.reset()
    return docs_api


def batch(documents: Resource, doc_id: str, *requests: dict[str, Any]) -> Any:
    body = {"requests": list(requests)}
    return documents.batchUpdate(documentId=doc_id, body=body).execute()


def insert(index: int, text: str) -> dict[str, Any]:
    return {"insertText": {"location": {"index": index}, "text": text}}


def span(start: int, end: int) -> dict[str, Any]:
    return {"range": {"startIndex": start, "endIndex": end}}


def rejection(
    documents: Resource, doc_id: str, *requests: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """HTTP status and ``error`` object of Google's answer to a batch that must fail."""
    with pytest.raises(HttpError) as caught:
        batch(documents, doc_id, *requests)
    return caught.value.status_code, json.loads(caught.value.content)["error"]


def control(double: DocsDouble, method: str, path: str, body: Any = None) -> bytes:
    """Call the control API over HTTP, never through a proxy."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(double.endpoint + path, data=data, method=method)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=5) as response:
        return bytes(response.read())


# -- documents and routes ------------------------------------------------------------


def test_new_document_has_a_section_break_and_one_empty_paragraph(
    documents: Resource,
) -> None:
    created = documents.create(body={"title": "Årsplan"}).execute()

    fetched = documents.get(documentId=created["documentId"]).execute()

    assert fetched["title"] == "Årsplan"
    section, paragraph = fetched["body"]["content"]
    assert "startIndex" not in section and section["endIndex"] == 1
    assert "sectionBreak" in section
    assert (paragraph["startIndex"], paragraph["endIndex"]) == (1, 2)
    assert paragraph["paragraph"]["elements"][0]["textRun"]["content"] == "\n"


def test_unknown_document_answers_404_not_found(documents: Resource) -> None:
    with pytest.raises(HttpError) as caught:
        documents.get(documentId="findes-ikke").execute()

    assert caught.value.status_code == 404
    assert json.loads(caught.value.content)["error"]["status"] == "NOT_FOUND"


def test_calls_without_a_bearer_token_answer_401(double: DocsDouble) -> None:
    double.create_document("doc", "Plan")

    with pytest.raises(urllib.error.HTTPError) as caught:
        control(double, "GET", "v1/documents/doc")

    with caught.value as answer:
        assert answer.code == 401
        assert json.loads(answer.read())["error"]["status"] == "UNAUTHENTICATED"


# -- indices ---------------------------------------------------------------------------


def test_inserting_at_the_final_end_index_is_rejected_like_google(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")  # body: [1, 5)

    status, error = rejection(documents, "doc", insert(5, "x"))

    assert status == 400 and error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == (
        "Invalid requests[0].insertText: Index 5 must be less than the end index of "
        "the referenced segment, 5."
    )


def test_inserting_at_end_index_minus_one_appends_before_the_final_newline(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    batch(documents, "doc", insert(4, " med dig"))

    assert double.text("doc") == "Hej med dig\n"


def test_end_of_segment_location_inserts_before_the_final_newline(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    batch(documents, "doc", {"insertText": {"endOfSegmentLocation": {}, "text": "!"}})

    assert double.text("doc") == "Hej!\n"


def test_indices_count_utf16_code_units(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "🙂æ")  # 🙂 is 2 units, æ is 1

    batch(documents, "doc", insert(4, "ø"))

    assert double.text("doc") == "🙂æø\n"


def test_an_insertion_inside_an_emoji_moves_behind_it_as_google_documents(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "a🙂b")

    batch(documents, "doc", insert(3, "X"))

    assert double.text("doc") == "a🙂Xb\n"


def test_a_range_that_cuts_an_emoji_in_two_is_refused(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "a🙂b")

    status, error = rejection(
        documents,
        "doc",
        {
            "updateTextStyle": {
                **span(1, 3),
                "textStyle": {"bold": True},
                "fields": "bold",
            }
        },
    )

    assert status == 400 and "UTF-16" in error["message"]


def test_deleting_the_final_newline_is_rejected(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    status, error = rejection(documents, "doc", {"deleteContentRange": span(1, 5)})

    assert status == 400
    assert "newline character at the end of the segment" in error["message"]


def test_deleting_across_a_paragraph_boundary_merges_the_paragraphs(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej\nmed dig")

    batch(documents, "doc", {"deleteContentRange": span(4, 5)})

    assert double.text("doc") == "Hejmed dig\n"


# -- validation and atomicity ----------------------------------------------------------


def test_a_request_with_an_unknown_field_is_rejected_as_invalid_argument(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    status, error = rejection(
        documents, "doc", {"insertText": {"index": 1, "text": "x"}}
    )

    assert status == 400 and error["status"] == "INVALID_ARGUMENT"
    assert "index" in error["message"]
    assert double.text("doc") == "Hej\n"


def test_a_batch_with_a_bad_request_in_the_middle_changes_nothing(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")
    revision = double.document("doc")["revisionId"]

    status, error = rejection(
        documents, "doc", insert(1, "A"), insert(99, "B"), insert(1, "C")
    )

    assert status == 400 and error["message"].startswith(
        "Invalid requests[1].insertText"
    )
    assert double.text("doc") == "Hej\n"
    assert double.document("doc")["revisionId"] == revision


def test_requests_apply_in_order_each_seeing_the_changes_before_it(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan")

    batch(documents, "doc", insert(1, "A"), insert(2, "B"), insert(1, ">"))

    assert double.text("doc") == ">AB\n"


def test_a_style_update_without_fields_is_rejected(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    status, error = rejection(
        documents,
        "doc",
        {"updateParagraphStyle": {**span(1, 4), "paragraphStyle": {}, "fields": ""}},
    )

    assert status == 400 and "At least one field must be listed" in error["message"]


def test_an_unmodelled_request_kind_answers_501(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")

    status, error = rejection(
        documents, "doc", {"insertPageBreak": {"location": {"index": 1}}}
    )

    assert status == 501 and error["status"] == "UNIMPLEMENTED"


def test_a_stale_required_revision_is_rejected_and_a_known_target_is_accepted(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Hej")
    first = double.document("doc")["revisionId"]
    batch(documents, "doc", insert(1, "A"))

    def write(control: dict[str, str]) -> Any:
        body = {"requests": [insert(1, "B")], "writeControl": control}
        return documents.batchUpdate(documentId="doc", body=body).execute()

    with pytest.raises(HttpError) as caught:
        write({"requiredRevisionId": first})
    answer = write({"targetRevisionId": first})

    assert caught.value.status_code == 400
    assert answer["writeControl"]["requiredRevisionId"] != first
    assert double.text("doc") == "BAHej\n"


# -- paragraphs, styles, bullets -------------------------------------------------------


def test_an_inserted_newline_copies_the_paragraph_style_and_bullet(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Punkt")
    batch(
        documents,
        "doc",
        {
            "updateParagraphStyle": {
                **span(1, 6),
                "paragraphStyle": {"namedStyleType": "HEADING_2"},
                "fields": "namedStyleType",
            }
        },
        {
            "createParagraphBullets": {
                **span(1, 6),
                "bulletPreset": "BULLET_DISC_CIRCLE_SQUARE",
            }
        },
    )

    batch(documents, "doc", insert(6, "\nNy"))

    assert double.paragraphs("doc") == [
        Paragraph("Punkt", "HEADING_2", 0, "●"),
        Paragraph("Ny", "HEADING_2", 0, "●"),
    ]


def test_inserted_text_takes_the_text_style_before_it(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "Fed")
    bold = {"textStyle": {"bold": True}, "fields": "bold"}
    batch(documents, "doc", {"updateTextStyle": {**span(1, 4), **bold}})

    batch(documents, "doc", insert(4, "ere"))

    runs = double.document("doc")["body"]["content"][1]["paragraph"]["elements"]
    assert [(r["textRun"]["content"], r["textRun"]["textStyle"]) for r in runs] == [
        ("Federe", {"bold": True}),
        ("\n", {}),
    ]


def test_control_and_private_use_characters_are_stripped_on_insert(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan")

    batch(documents, "doc", insert(1, "a\x0cb\ue000c\td\x0be"))

    assert double.text("doc") == "abc\td\x0be\n"


def test_bullets_turn_leading_tabs_into_nesting_and_remove_them(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan")
    batch(documents, "doc", insert(1, "a\n\tb\n\t\tc\nslut"))  # "slut" at [10, 14)

    batch(
        documents,
        "doc",
        {
            "createParagraphBullets": {
                **span(1, 10),
                "bulletPreset": "NUMBERED_DECIMAL_ALPHA_ROMAN",
            }
        },
        # The three tabs are gone: "slut" now starts at 7.
        {
            "updateTextStyle": {
                **span(7, 11),
                "textStyle": {"italic": True},
                "fields": "italic",
            }
        },
    )

    assert double.text("doc") == "a\nb\nc\nslut\n"
    assert double.paragraphs("doc") == [
        Paragraph("a", "NORMAL_TEXT", 0, "DECIMAL"),
        Paragraph("b", "NORMAL_TEXT", 1, "ALPHA"),
        Paragraph("c", "NORMAL_TEXT", 2, "ROMAN"),
        Paragraph("slut", "NORMAL_TEXT", None, None),
    ]
    last_run = double.document("doc")["body"]["content"][4]["paragraph"]["elements"][0]
    assert last_run["textRun"] == {"content": "slut", "textStyle": {"italic": True}}


@pytest.mark.parametrize(
    ("second_preset", "same_list"),
    [("BULLET_DISC_CIRCLE_SQUARE", True), ("NUMBERED_DECIMAL_ALPHA_ROMAN", False)],
)
def test_bullets_join_the_list_just_before_only_when_the_preset_matches(
    double: DocsDouble, documents: Resource, second_preset: str, same_list: bool
) -> None:
    double.create_document("doc", "Plan", "a\nb")
    preset = "BULLET_DISC_CIRCLE_SQUARE"

    batch(
        documents,
        "doc",
        {"createParagraphBullets": {**span(1, 2), "bulletPreset": preset}},
        {"createParagraphBullets": {**span(3, 4), "bulletPreset": second_preset}},
    )

    first, second = (
        e["paragraph"]["bullet"]["listId"]
        for e in double.document("doc")["body"]["content"][1:]
    )
    assert (first == second) is same_list


def test_deleting_bullets_keeps_the_text(
    double: DocsDouble, documents: Resource
) -> None:
    double.create_document("doc", "Plan", "\ta")
    preset = {"bulletPreset": "BULLET_DISC_CIRCLE_SQUARE"}
    batch(documents, "doc", {"createParagraphBullets": {**span(1, 3), **preset}})

    batch(documents, "doc", {"deleteParagraphBullets": span(1, 2)})

    assert double.paragraphs("doc") == [Paragraph("a", "NORMAL_TEXT", None, None)]


# -- failures and the control API ------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "google_status"),
    [
        (403, "PERMISSION_DENIED"),
        (404, "NOT_FOUND"),
        (429, "RESOURCE_EXHAUSTED"),
        (500, "INTERNAL"),
    ],
)
def test_an_injected_failure_answers_in_googles_shape_once(
    double: DocsDouble, documents: Resource, status: int, google_status: str
) -> None:
    double.create_document("doc", "Plan")
    double.fail(status)

    with pytest.raises(HttpError) as caught:
        documents.get(documentId="doc").execute()
    recovered = documents.get(documentId="doc").execute()

    error = json.loads(caught.value.content)["error"]
    assert (caught.value.status_code, error["code"], error["status"]) == (
        status,
        status,
        google_status,
    )
    assert recovered["documentId"] == "doc"


def test_the_control_api_creates_reads_records_and_resets_over_http(
    double: DocsDouble, documents: Resource
) -> None:
    control(double, "POST", "_double/documents", {"id": "d", "title": "T", "text": "æ"})
    batch(documents, "d", insert(2, "ø"))

    text = control(double, "GET", "_double/documents/d/text").decode()
    document = json.loads(control(double, "GET", "_double/documents/d"))
    received = json.loads(control(double, "GET", "_double/requests"))
    control(double, "POST", "_double/fail", {"status": 429, "times": 2})
    control(double, "POST", "_double/reset", {})

    assert text == "æø\n"
    assert document["title"] == "T"
    assert received == [{"documentId": "d", "body": {"requests": [insert(2, "ø")]}}]
    assert double.received() == []
    assert documents.create(body={"title": "efter reset"}).execute()["title"]
