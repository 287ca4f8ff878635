"""Markdown is written into a Doc as headings, lists and emphasis at the right indices.

The conversion is checked on its own and end to end: ``DocsWriter`` drives the real
google-api-python-client against the Docs double, and assertions read the Doc back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from google.auth.exceptions import RefreshError

from devtools import discovery
from devtools.docs_double import DocsDouble, Paragraph
from services.config import Settings
from services.documents import (
    DocsWriter,
    first_heading,
    markdown_to_requests,
    plain_text,
    utf16_len,
)
from services.errors import (
    DocumentNotWritable,
    GoogleApiError,
    GoogleRateLimited,
)

TOKEN = "ya29.test-token-never-logged"
BULLET, SUB_BULLET, SQUARE = "●", "○", "■"


@pytest.fixture(scope="module")
def double() -> Iterator[DocsDouble]:
    with DocsDouble() as running:
        yield running


@pytest.fixture
def docs(double: DocsDouble) -> DocsDouble:
    """The double, emptied, holding one empty Doc ``doc``."""
    double.reset()
    double.create_document("doc", "Dansk 4.b – uge 12")
    return double


def make_writer(double: DocsDouble, timeout: float = 5.0) -> DocsWriter:
    settings = Settings(
        docs_api_endpoint=double.endpoint, google_api_timeout_seconds=timeout
    )
    return DocsWriter.for_token(TOKEN, settings)


@pytest.fixture(scope="module")
def writer(double: DocsDouble) -> Iterator[DocsWriter]:
    """One writer for the module: building a Docs client takes about 0.15 s."""
    built = make_writer(double)
    yield built
    built.close()


def runs(double: DocsDouble, doc_id: str, style: str) -> list[str]:
    """The text of every run that has text style ``style`` set."""
    content = double.document(doc_id)["body"]["content"]
    return [
        element["textRun"]["content"]
        for block in content
        for element in block.get("paragraph", {}).get("elements", [])
        if element["textRun"]["textStyle"].get(style)
    ]


SAMPLES = {
    "headings": "# Én\n\n## To\n\n### Tre\n\n#### Fire\n\nBrødtekst.",
    "emphasis": "Vi læser **fed** og *kursiv* og ***begge*** med `kode`.",
    "nested bullets": "- a\n  - b\n    - c\n- d",
    "nested numbers": "1. a\n   1. b\n      1. c\n2. d",
    "emoji": "🙂 før\n\n# Efter 🙂 **fed** 🙂\n\n- 🙂 *x*",
    "mixed": "# Plan\n\nTekst\n\n1. et\n   - under\n2. to\n\nSlut *nu*.",
}


# -- the pure conversion ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("æøå", 3), ("🙂", 2), ("Å🙂b", 4), ("👩‍🏫", 5)],
)
def test_utf16_len_counts_code_units_not_code_points(text: str, units: int) -> None:
    assert utf16_len(text) == units


@pytest.mark.parametrize("markdown", SAMPLES.values(), ids=SAMPLES.keys())
def test_every_request_validates_against_the_discovery_schema(markdown: str) -> None:
    requests = markdown_to_requests(markdown, 41)

    assert requests
    assert (
        discovery.errors(
            "docs", "v1", "BatchUpdateDocumentRequest", {"requests": requests}
        )
        == []
    )


def test_a_heading_after_an_emoji_starts_one_unit_later_than_code_points_say() -> None:
    requests = markdown_to_requests("🙂\n\n# Titel", 1, new_paragraph=False)

    styles = [
        r["updateParagraphStyle"] for r in requests if "updateParagraphStyle" in r
    ]
    heading = next(
        s for s in styles if s["paragraphStyle"]["namedStyleType"] != "NORMAL_TEXT"
    )
    assert heading["range"] == {"startIndex": 4, "endIndex": 9}  # "🙂\n" is 3 units


def test_bullets_come_last_and_in_reverse_document_order() -> None:
    requests = markdown_to_requests("- a\n  - b\n\nMellem\n\n1. c", 1)

    kinds = [next(iter(r)) for r in requests]
    bullets = [
        r["createParagraphBullets"] for r in requests if "createParagraphBullets" in r
    ]
    assert kinds[-2:] == ["createParagraphBullets", "createParagraphBullets"]
    assert bullets[0]["range"]["startIndex"] > bullets[1]["range"]["startIndex"]


def test_no_range_reaches_the_final_newline_of_the_body() -> None:
    start = 7
    requests = markdown_to_requests(SAMPLES["mixed"], start)

    final_newline = start + utf16_len(requests[0]["insertText"]["text"])
    ends = [r[k]["range"]["endIndex"] for r in requests for k in r if "range" in r[k]]
    assert max(ends) == final_newline  # exclusive end: the newline itself is untouched


def test_markdown_without_text_gives_no_requests() -> None:
    assert markdown_to_requests("  \n\n---\n\n", 1) == []


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Titel\n\nTekst med **fed**.", "Titel\nTekst med fed."),
        ("- a\n  - b\n1. c", "a\nb\nc"),
        ("Linje et  \nlinje to", "Linje et\nlinje to"),
        ("Blød\nombrydning", "Blød ombrydning"),
        ("[Link](https://example.org) og `kode`", "Link og kode"),
        ("```\nprint(1)\n```", "print(1)"),
    ],
)
def test_plain_text_reads_as_the_doc_does(markdown: str, expected: str) -> None:
    assert plain_text(markdown) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Intro\n\n## Årsplan *7.b*\n\n# Senere", "Årsplan 7.b"),
        ("Ingen overskrift her", None),
        ("- # ikke en overskrift i en liste", None),
    ],
)
def test_first_heading_is_the_text_of_the_first_heading(
    markdown: str, expected: str | None
) -> None:
    assert first_heading(markdown) == expected


# -- written into a Doc ----------------------------------------------------------------


def test_emoji_and_danish_letters_before_a_heading_keep_heading_and_bold_exact(
    docs: DocsDouble,
    writer: DocsWriter,
) -> None:
    before = "Smil 🙂 og æøå 👩‍🏫\n\n"
    markdown = before + "# Årsplan for 7.b 🙂\n\nVi læser **Fed** tekst."

    writer.append_markdown("doc", markdown)

    assert docs.paragraphs("doc") == [
        Paragraph("Smil 🙂 og æøå 👩‍🏫", "NORMAL_TEXT", None, None),
        Paragraph("Årsplan for 7.b 🙂", "HEADING_1", None, None),
        Paragraph("Vi læser Fed tekst.", "NORMAL_TEXT", None, None),
    ]
    assert runs(docs, "doc", "bold") == ["Fed"]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            SAMPLES["headings"],
            [
                ("Én", "HEADING_1", None, None),
                ("To", "HEADING_2", None, None),
                ("Tre", "HEADING_3", None, None),
                ("Fire", "HEADING_3", None, None),
                ("Brødtekst.", "NORMAL_TEXT", None, None),
            ],
            id="headings h1-h3, deeper ones as h3",
        ),
        pytest.param(
            SAMPLES["nested bullets"],
            [
                ("a", "NORMAL_TEXT", 0, BULLET),
                ("b", "NORMAL_TEXT", 1, SUB_BULLET),
                ("c", "NORMAL_TEXT", 2, SQUARE),
                ("d", "NORMAL_TEXT", 0, BULLET),
            ],
            id="nested bullet list",
        ),
        pytest.param(
            SAMPLES["nested numbers"],
            [
                ("a", "NORMAL_TEXT", 0, "DECIMAL"),
                ("b", "NORMAL_TEXT", 1, "ALPHA"),
                ("c", "NORMAL_TEXT", 2, "ROMAN"),
                ("d", "NORMAL_TEXT", 0, "DECIMAL"),
            ],
            id="nested numbered list",
        ),
        pytest.param(
            SAMPLES["mixed"],
            [
                ("Plan", "HEADING_1", None, None),
                ("Tekst", "NORMAL_TEXT", None, None),
                ("et", "NORMAL_TEXT", 0, "DECIMAL"),
                ("under", "NORMAL_TEXT", 1, SUB_BULLET),
                ("to", "NORMAL_TEXT", 0, "DECIMAL"),
                ("Slut nu.", "NORMAL_TEXT", None, None),
            ],
            id="bullets inside a numbered list, then text",
        ),
        pytest.param(
            "- Første afsnit\n\n  Andet afsnit\n- Næste",
            [
                ("Første afsnit\x0bAndet afsnit", "NORMAL_TEXT", 0, BULLET),
                ("Næste", "NORMAL_TEXT", 0, BULLET),
            ],
            id="a list item's paragraphs stay in one bullet",
        ),
        pytest.param(
            "- Liste\n\n1. Tal\n\n* Ny liste",
            [
                ("Liste", "NORMAL_TEXT", 0, BULLET),
                ("Tal", "NORMAL_TEXT", 0, "DECIMAL"),
                ("Ny liste", "NORMAL_TEXT", 0, BULLET),
            ],
            id="adjacent lists of different kinds",
        ),
        pytest.param(
            "Før\n\n```\nlinje 1\n\tlinje 2\n```\n\n> Citat",
            [
                ("Før", "NORMAL_TEXT", None, None),
                ("linje 1\x0b    linje 2", "NORMAL_TEXT", None, None),
                ("Citat", "NORMAL_TEXT", None, None),
            ],
            id="code block and quote as normal text",
        ),
        pytest.param(
            "| Dag | Emne |\n|---|---|\n| Man | Brøk |\n|  |  |\n| Tirs | 🙂 |",
            [
                ("Dag | Emne", "NORMAL_TEXT", None, None),
                ("Man | Brøk", "NORMAL_TEXT", None, None),
                ("Tirs | 🙂", "NORMAL_TEXT", None, None),
            ],
            id="table rows as lines, empty rows dropped",
        ),
    ],
)
def test_markdown_becomes_these_paragraphs(
    docs: DocsDouble, writer: DocsWriter, markdown: str, expected: list[tuple[Any, ...]]
) -> None:
    writer.append_markdown("doc", markdown)

    assert docs.paragraphs("doc") == [Paragraph(*p) for p in expected]
    assert "\t" not in docs.text("doc")


def test_bold_and_italic_cover_exactly_their_words(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    writer.append_markdown("doc", SAMPLES["emphasis"] + "\n\n- **🙂 liste**")

    assert runs(docs, "doc", "bold") == ["fed", "begge", "🙂 liste"]
    assert runs(docs, "doc", "italic") == ["kursiv", "begge"]


def test_a_tables_header_cells_are_bold(docs: DocsDouble, writer: DocsWriter) -> None:
    writer.append_markdown("doc", "| Uge 🙂 | Emne |\n|---|---|\n| 12 | Brøk |")

    assert runs(docs, "doc", "bold") == ["Uge 🙂", "Emne"]


def test_emphasis_inside_nested_lists_lands_after_the_tabs_are_removed(
    docs: DocsDouble,
    writer: DocsWriter,
) -> None:
    markdown = "- a\n  - b **B**\n    - c *C*\n\nSlut **S**"

    writer.append_markdown("doc", markdown)

    assert runs(docs, "doc", "bold") == ["B", "S"]
    assert runs(docs, "doc", "italic") == ["C"]


def test_characters_docs_strips_do_not_shift_later_styles(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    markdown = "Form\x0cfeed og \ue000privat\n\n# Overskrift **fed**"

    writer.append_markdown("doc", markdown)

    assert docs.paragraphs("doc")[1] == Paragraph(
        "Overskrift fed", "HEADING_1", None, None
    )
    assert runs(docs, "doc", "bold") == ["fed"]


def test_appending_keeps_the_existing_text_and_adds_after_it(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    docs.create_document("doc", "Plan", "Lærerens egne noter\nAnden linje")

    result = writer.append_markdown("doc", "# Ny\n\nTekst")

    assert docs.text("doc") == "Lærerens egne noter\nAnden linje\nNy\nTekst\n"
    assert result.start_index == utf16_len("Lærerens egne noter\nAnden linje\n") + 1


def test_an_empty_doc_gets_no_blank_paragraph_before_the_material(
    docs: DocsDouble,
    writer: DocsWriter,
) -> None:
    writer.append_markdown("doc", "# Titel")

    assert docs.text("doc") == "Titel\n"


def test_appended_paragraphs_inherit_no_heading_bullet_or_bold(
    docs: DocsDouble,
    writer: DocsWriter,
) -> None:
    writer.append_markdown("doc", "- **Lærerens\n  - *sidste punkt***")

    writer.append_markdown("doc", "Almindelig tekst")

    last = docs.document("doc")["body"]["content"][-1]["paragraph"]
    assert docs.paragraphs("doc")[-1] == Paragraph(
        "Almindelig tekst", "NORMAL_TEXT", None, None
    )
    assert "indentStart" not in last["paragraphStyle"]
    assert last["elements"][0]["textRun"]["textStyle"] == {}


def test_the_result_reports_title_range_and_one_batch(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    docs.create_document("doc", "Dansk 4.b", "Noter 🙂")

    result = writer.append_markdown("doc", SAMPLES["mixed"])

    body = docs.document("doc")["body"]["content"]
    received = docs.received()
    assert (result.doc_id, result.title) == ("doc", "Dansk 4.b")
    assert result.start_index == body[2]["startIndex"]
    assert result.end_index == body[-1]["endIndex"] - 1
    assert len(received) == 1
    assert result.requests_count == len(received[0]["body"]["requests"])
    assert received[0]["body"]["writeControl"] == {"targetRevisionId": "rev-1"}
    assert (
        discovery.errors(
            "docs", "v1", "BatchUpdateDocumentRequest", received[0]["body"]
        )
        == []
    )


def test_markdown_without_text_sends_no_batch(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    result = writer.append_markdown("doc", "\n\n")

    assert result.requests_count == 0
    assert docs.received() == []


def test_get_title_reads_the_docs_title(docs: DocsDouble, writer: DocsWriter) -> None:
    assert writer.get_title("doc") == "Dansk 4.b – uge 12"


# -- errors and logs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, DocumentNotWritable),
        (404, DocumentNotWritable),
        (429, GoogleRateLimited),
        (500, GoogleApiError),
        (503, GoogleApiError),
    ],
)
def test_google_errors_become_service_errors(
    docs: DocsDouble, writer: DocsWriter, status: int, error: type[GoogleApiError]
) -> None:
    docs.fail(status)

    with pytest.raises(GoogleApiError) as caught:
        writer.append_markdown("doc", "Tekst")

    assert type(caught.value) is error
    assert caught.value.retryable is (status == 429)
    assert docs.text("doc") == "\n"


def test_a_doc_that_does_not_exist_is_not_writable(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    with pytest.raises(DocumentNotWritable):
        writer.append_markdown("findes-ikke", "Tekst")


def test_a_refused_batch_raises_and_leaves_the_doc_as_it_was(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    docs.create_document("doc", "Plan", "Noter")
    docs.fail(403, call="batchUpdate")

    with pytest.raises(DocumentNotWritable):
        writer.append_markdown("doc", "# Titel")

    assert docs.text("doc") == "Noter\n"


def test_a_rejected_access_token_becomes_a_google_api_error(
    docs: DocsDouble, writer: DocsWriter
) -> None:
    docs.fail(401)

    with pytest.raises(GoogleApiError) as caught:
        writer.get_title("doc")

    assert type(caught.value) is GoogleApiError
    assert isinstance(caught.value.__cause__, RefreshError)  # no refresh token to use


def test_a_slow_docs_api_times_out_as_a_google_api_error(docs: DocsDouble) -> None:
    docs.fail(500, delay_seconds=0.5)

    with pytest.raises(GoogleApiError) as caught:
        make_writer(docs, timeout=0.1).get_title("doc")

    assert isinstance(caught.value.__cause__, TimeoutError)


def test_one_log_line_per_docs_call_with_latency_and_no_token_or_text(
    docs: DocsDouble, writer: DocsWriter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="services.documents")

    writer.append_markdown("doc", "# Hemmelig overskrift\n\nElevens navn")

    figures = [r.json_fields for r in caplog.records]  # type: ignore[attr-defined]
    assert [f["operation"] for f in figures] == [
        "documents.get",
        "documents.batchUpdate",
    ]
    assert all(isinstance(f["latency_ms"], int) for f in figures)
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for secret in (TOKEN, "Hemmelig", "Elevens navn"):
        assert secret not in logged
