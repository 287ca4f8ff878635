"""Write generated Markdown into a Google Doc as real headings, lists and emphasis.

Two parts: a pure conversion from Markdown (parsed with markdown-it-py's token
stream) to Docs API ``batchUpdate`` requests, and ``DocsWriter``, which reads the Doc's
end index and sends the requests as one atomic batch through google-api-python-client.

Docs quirks the conversion is built around (see PITFALLS.md, "Docs API"):

- Indices count UTF-16 code units, so an emoji counts 2 (``utf16_len``).
- Text is appended at ``endIndex - 1`` of the body's last element; the final newline
  cannot be written past or styled away, so no range here ever includes it.
- Inserted paragraphs copy the paragraph style, bullet and text style of the paragraph
  they are inserted into, so everything is reset explicitly before it is styled.
- ``createParagraphBullets`` turns leading tabs into nesting levels and deletes them,
  which moves every later index. Bullets are therefore created last and in reverse
  document order: each request only moves text after its own range, which no later
  request touches.
- Docs strips some control characters and Private Use Area characters from inserted
  text; we strip them first, so our index arithmetic matches the stored text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httplib2
from google.auth import exceptions as google_auth_exceptions
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import Resource, build
from googleapiclient.errors import HttpError
from googleapiclient.http import HttpRequest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from services.config import Settings
from services.errors import DocumentNotWritable, GoogleApiError, GoogleRateLimited

logger = logging.getLogger(__name__)

BULLET_PRESET = "BULLET_DISC_CIRCLE_SQUARE"
NUMBERED_PRESET = "NUMBERED_DECIMAL_ALPHA_ROMAN"
#: Docs' line break inside a paragraph (what Shift+Enter stores).
LINE_BREAK = "\x0b"

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_HEADINGS = {"h1": "HEADING_1", "h2": "HEADING_2", "h3": "HEADING_3"}  # h4+: HEADING_3
# Control characters and Private Use Area characters Docs strips from inserted text
# (InsertTextRequest.text in the Docs API reference); tabs become spaces because a
# leading tab in a list paragraph would change its nesting level.
_STRIPPED = (*range(0x00, 0x09), *range(0x0C, 0x20), *range(0xE000, 0xF900))
_DOCS_SAFE: dict[int, str | None] = {c: None for c in _STRIPPED}
_DOCS_SAFE.update({ord("\t"): "    ", ord("\n"): LINE_BREAK})


def utf16_len(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of every Docs index."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class _Block:
    """One paragraph of material: its text, style and emphasis in UTF-16 offsets."""

    text: str
    style: str
    bold: tuple[tuple[int, int], ...] = ()
    italic: tuple[tuple[int, int], ...] = ()
    preset: str | None = None
    level: int = 0
    list_number: int = 0


_Piece = tuple[str, bool, bool]  # text, bold, italic


def _pieces(children: list[Token]) -> list[_Piece]:
    """The inline tokens of one paragraph as styled pieces of Docs-safe text."""
    pieces: list[_Piece] = []
    bold = italic = 0
    for token in children:
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type == "strong_open" else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        elif token.type in ("text", "code_inline", "image"):
            pieces.append((token.content, bold > 0, italic > 0))
        elif token.type == "softbreak":
            pieces.append((" ", bold > 0, italic > 0))
        elif token.type == "hardbreak":
            pieces.append((LINE_BREAK, bold > 0, italic > 0))
    return [(text.translate(_DOCS_SAFE), b, i) for text, b, i in pieces]


def _block(pieces: list[_Piece], style: str, **listing: Any) -> _Block:
    text, offset = "", 0
    bold: list[tuple[int, int]] = []
    italic: list[tuple[int, int]] = []
    for piece, is_bold, is_italic in pieces:
        end = offset + utf16_len(piece)
        for flag, ranges in ((is_bold, bold), (is_italic, italic)):
            if flag and ranges and ranges[-1][1] == offset:
                ranges[-1] = (ranges[-1][0], end)
            elif flag and end > offset:
                ranges.append((offset, end))
        text, offset = text + piece, end
    return _Block(text, style, tuple(bold), tuple(italic), **listing)


def _has_text(pieces: list[_Piece]) -> bool:
    return bool("".join(p[0] for p in pieces).strip())


class _Collector:
    """Walks markdown-it's token stream and collects the paragraphs of the material."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.presets: list[str] = []  # the open lists, outermost first
        self.list_number = 0  # which top-level list the open lists belong to
        self.item: list[_Piece] | None = None  # the list item being collected
        self.row: list[_Piece] | None = None  # the table row being collected
        self.header = False  # inside a table header cell, whose text is bold
        self.style = "NORMAL_TEXT"

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind == "inline":
            self.add(_pieces(token.children or []))
        elif kind in ("fence", "code_block"):
            self.add([(token.content.rstrip("\n").translate(_DOCS_SAFE), False, False)])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.flush_item()
            self.list_number += 0 if self.presets else 1
            bullet = kind == "bullet_list_open"
            self.presets.append(BULLET_PRESET if bullet else NUMBERED_PRESET)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.flush_item()
            self.presets.pop()
        elif kind in ("list_item_open", "list_item_close"):
            self.flush_item()
        elif kind in ("heading_open", "heading_close"):
            opening = kind == "heading_open"
            self.style = (
                _HEADINGS.get(token.tag, "HEADING_3") if opening else "NORMAL_TEXT"
            )
        elif kind in ("th_open", "th_close"):
            self.header = kind == "th_open"
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close":
            if self.row and _has_text(self.row):
                self.blocks.append(_block(self.row, "NORMAL_TEXT"))
            self.row = None

    def add(self, pieces: list[_Piece]) -> None:
        if self.row is not None:  # a table row reads as one paragraph: "a | b | c"
            separator: list[_Piece] = [(" | ", False, False)] if self.row else []
            self.row += separator + [(t, b or self.header, i) for t, b, i in pieces]
        elif self.presets:  # further paragraphs of an item stay in its bullet
            line_break: list[_Piece] = [(LINE_BREAK, False, False)]
            self.item = self.item + line_break + pieces if self.item else pieces
        elif _has_text(pieces):
            self.blocks.append(_block(pieces, self.style))

    def flush_item(self) -> None:
        if self.item and _has_text(self.item):
            listing = {"preset": self.presets[-1], "level": len(self.presets) - 1}
            self.blocks.append(
                _block(
                    self.item, "NORMAL_TEXT", list_number=self.list_number, **listing
                )
            )
        self.item = None


def _blocks(markdown: str) -> list[_Block]:
    """Paragraphs of ``markdown`` in document order; empty paragraphs are dropped."""
    collector = _Collector()
    for token in _PARSER.parse(markdown):
        collector.feed(token)
    return collector.blocks


def plain_text(markdown: str) -> str:
    """The material as it reads in the Doc: a line per paragraph, no Markdown marks."""
    return "\n".join(b.text.replace(LINE_BREAK, "\n") for b in _blocks(markdown))


def first_heading(markdown: str) -> str | None:
    """The text of the first heading outside lists, or ``None`` if there is none."""
    for block in _blocks(markdown):
        if block.style != "NORMAL_TEXT" and block.preset is None:
            return block.text.replace(LINE_BREAK, " ").strip()
    return None


@dataclass(frozen=True)
class _Placed:
    """A block at its place in the Doc, before bullets remove the nesting tabs."""

    block: _Block
    start: int  # where the paragraph starts: its nesting tabs, then its text
    text_start: int

    @property
    def text_end(self) -> int:
        return self.text_start + utf16_len(self.block.text)


@dataclass(frozen=True)
class _Plan:
    requests: list[dict[str, Any]]
    start_index: int  # first index of the material
    end_index: int  # index after the material once bullets have removed the tabs


def _range(start: int, end: int) -> dict[str, Any]:
    return {"range": {"startIndex": start, "endIndex": end}}


def _place(blocks: list[_Block], start: int) -> list[_Placed]:
    placed: list[_Placed] = []
    for block in blocks:
        placed.append(_Placed(block, start, start + block.level))
        start = placed[-1].text_end + 1  # after the paragraph's newline
    return placed


def _plan(markdown: str, start_index: int, new_paragraph: bool) -> _Plan:
    lead = "\n" if new_paragraph else ""
    start = start_index + len(lead)
    placed = _place(_blocks(markdown), start)
    if not placed:
        return _Plan([], start, start)
    # The last paragraph ends with the Doc's own final newline: no range touches it.
    end = placed[-1].text_end
    text = lead + "\n".join("\t" * p.block.level + p.block.text for p in placed)
    requests: list[dict[str, Any]] = [
        {"insertText": {"location": {"index": start_index}, "text": text}},
        {"updateTextStyle": {**_range(start, end), "textStyle": {}, "fields": "*"}},
        {"deleteParagraphBullets": _range(start, end)},
    ]
    requests.extend(
        {
            "updateParagraphStyle": {
                **_range(run[0].start, run[-1].text_end),
                "paragraphStyle": {"namedStyleType": run[0].block.style},
                "fields": "namedStyleType,alignment,indentStart,indentFirstLine",
            }
        }
        for run in _runs(placed, lambda b: b.style)
    )
    for p in placed:
        for name, ranges in (("bold", p.block.bold), ("italic", p.block.italic)):
            requests.extend(
                {
                    "updateTextStyle": {
                        **_range(p.text_start + a, p.text_start + b),
                        "textStyle": {name: True},
                        "fields": name,
                    }
                }
                for a, b in ranges
            )
    listed = [p for p in placed if p.block.preset is not None]
    requests.extend(
        {
            "createParagraphBullets": {
                **_range(run[0].start, run[-1].text_end),
                "bulletPreset": run[0].block.preset,
            }
        }
        for run in reversed(_runs(listed, lambda b: (b.list_number, b.preset)))
    )
    tabs = sum(p.block.level for p in placed)
    return _Plan(requests, start, end - tabs)


def _runs(
    placed: list[_Placed], key: Callable[[_Block], object]
) -> list[list[_Placed]]:
    """Consecutive paragraphs that share ``key``."""
    runs: list[list[_Placed]] = []
    for entry in placed:
        if runs and key(runs[-1][-1].block) == key(entry.block):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def markdown_to_requests(
    markdown: str, start_index: int, *, new_paragraph: bool = True
) -> list[dict[str, Any]]:
    """Docs ``batchUpdate`` requests that append ``markdown`` at ``start_index``.

    Args:
        markdown: the material, CommonMark (headings, paragraphs, nested bullet and
            numbered lists, bold, italic; code and links are written as plain text).
        start_index: where to insert: ``endIndex - 1`` of the body's last element.
        new_paragraph: start with a newline so the material gets paragraphs of its own;
            pass ``False`` when the paragraph at ``start_index`` is empty.

    Returns:
        Requests for one atomic ``batchUpdate``; empty when there is nothing to write.
    """
    return _plan(markdown, start_index, new_paragraph).requests


@dataclass(frozen=True)
class AppendResult:
    """What ``DocsWriter.append_markdown`` wrote: the material spans [start, end)."""

    doc_id: str
    title: str
    start_index: int
    end_index: int
    requests_count: int


def build_docs_service(access_token: str, settings: Settings) -> Resource:
    """A Docs API client acting with the teacher's access token.

    The discovery document bundled with google-api-python-client is used (no network
    fetch), the endpoint comes from settings (a local double in development) and every
    call has the settings' timeout.
    """
    http = AuthorizedHttp(
        Credentials(token=access_token),
        http=httplib2.Http(timeout=settings.google_api_timeout_seconds),
    )
    return build(
        "docs",
        "v1",
        http=http,
        static_discovery=True,
        cache_discovery=False,
        client_options={"api_endpoint": settings.docs_api_endpoint},
    )


def build_shared_api(
    name: str, version: str, endpoint: str, settings: Settings
) -> Resource:
    """A Google API client without credentials, from its bundled discovery document.

    Building a client takes a noticeable fraction of a second, so the service keeps one
    per API and runs each request with the teacher's own authorised ``http`` (see
    ``authorized_http``).
    """
    return build(
        name,
        version,
        http=httplib2.Http(timeout=settings.google_api_timeout_seconds),
        static_discovery=True,
        cache_discovery=False,
        client_options={"api_endpoint": endpoint},
    )


def build_shared_docs_api(settings: Settings) -> Resource:
    """The shared Docs API client."""
    return build_shared_api("docs", "v1", settings.docs_api_endpoint, settings)


def authorized_http(access_token: str, settings: Settings) -> AuthorizedHttp:
    """An HTTP object that sends the teacher's access token, with the settings' timeout."""
    return AuthorizedHttp(
        Credentials(token=access_token),
        http=httplib2.Http(timeout=settings.google_api_timeout_seconds),
    )


def build_shared_drive_api(settings: Settings) -> Resource:
    """The shared Drive API client (``api_endpoint`` includes ``drive/v3/``)."""
    return build_shared_api("drive", "v3", settings.drive_api_endpoint, settings)


class DriveFolders:
    """Moves a Doc the add-on created into the folder of another, under ``drive.file``."""

    def __init__(self, files: Resource, http: AuthorizedHttp) -> None:
        self._files = files
        self._http = http

    def place_next_to(self, file_id: str, neighbour_id: str) -> None:
        """Put ``file_id`` in the folders of ``neighbour_id`` (and out of its own).

        Raises:
            DocumentNotWritable, GoogleRateLimited, GoogleApiError: Drive's refusals.
        """
        try:
            wanted = self._parents(neighbour_id)
            current = self._parents(file_id)
            if not wanted or set(wanted) == set(current):
                return
            request = self._files.update(
                fileId=file_id,
                addParents=",".join(p for p in wanted if p not in current),
                removeParents=",".join(p for p in current if p not in wanted),
                fields="id,parents",
                body={},
            )
            self._execute("files.update", request)
        finally:
            self._http.http.close()

    def _parents(self, file_id: str) -> list[str]:
        request = self._files.get(fileId=file_id, fields="parents")
        return [str(p) for p in self._execute("files.get", request).get("parents", [])]

    def _execute(self, operation: str, request: HttpRequest) -> Any:
        started = time.monotonic()
        outcome = "ok"
        try:
            return request.execute(http=self._http)
        except HttpError as exc:
            outcome = str(exc.status_code)
            raise _translate(f"Drive {operation}", exc) from exc
        except (
            OSError,
            httplib2.HttpLib2Error,
            google_auth_exceptions.GoogleAuthError,
        ) as exc:
            outcome = exc.__class__.__name__
            raise GoogleApiError(f"Drive {operation} failed: {outcome}") from exc
        finally:
            logger.info(
                "drive call",
                extra={
                    "json_fields": {
                        "operation": operation,
                        "outcome": outcome,
                        "latency_ms": int((time.monotonic() - started) * 1000),
                    }
                },
            )


class DocsWriter:
    """Reads and appends to Google Docs; Google's errors leave as ``GoogleApiError``.

    Either ``service`` carries the teacher's credentials itself, or it is the shared
    client and ``http`` carries them for every request this writer makes.
    """

    def __init__(
        self,
        service: Resource,
        http: AuthorizedHttp | None = None,
        documents: Resource | None = None,
    ) -> None:
        # ``service.documents()`` builds its methods from the discovery document (tens of
        # milliseconds), so a shared client passes the resource it built once.
        self._documents = documents if documents is not None else service.documents()
        self._service = service
        self._http = http

    @classmethod
    def for_token(cls, access_token: str, settings: Settings) -> DocsWriter:
        """A writer acting with the teacher's access token."""
        return cls(build_docs_service(access_token, settings))

    def close(self) -> None:
        """Close this writer's connections; a later call opens new ones."""
        if self._http is not None:
            self._http.http.close()
        else:
            self._service.close()

    def get_title(self, doc_id: str) -> str:
        """The Doc's title.

        Raises:
            DocumentNotWritable: the Doc does not exist or the teacher may not open it.
            GoogleRateLimited, GoogleApiError: as for every Docs call.
        """
        try:
            document = self._call(
                "documents.get",
                self._documents.get(documentId=doc_id, fields="title"),
            )
        finally:
            self.close()
        return str(document.get("title", ""))

    def create_document(self, title: str) -> str:
        """Create an empty Doc (in the teacher's Drive root) and return its id.

        Raises:
            GoogleRateLimited, GoogleApiError: as for every Docs call.
        """
        try:
            created = self._call(
                "documents.create", self._documents.create(body={"title": title})
            )
        finally:
            self.close()
        return str(created["documentId"])

    def append_markdown(self, doc_id: str, markdown: str) -> AppendResult:
        """Append ``markdown`` to the end of the Doc's body in one atomic batch.

        Nothing is sent when the Markdown has no text.

        Raises:
            DocumentNotWritable: the Doc does not exist or the teacher may not edit it.
            GoogleRateLimited: Docs asked us to slow down (retryable).
            GoogleApiError: any other refusal, a timeout or a broken connection.
        """
        try:
            document = self._call(
                "documents.get",
                self._documents.get(
                    documentId=doc_id,
                    fields="title,revisionId,body(content(endIndex,"
                    "paragraph(elements(textRun(content)))))",
                ),
            )
            last = document["body"]["content"][-1]
            plan = _plan(markdown, last["endIndex"] - 1, not _is_empty(last))
            if plan.requests:
                self._call(
                    "documents.batchUpdate",
                    self._documents.batchUpdate(
                        documentId=doc_id, body=_batch(plan, document)
                    ),
                    requests=len(plan.requests),
                )
        finally:
            self.close()
        return AppendResult(
            doc_id=doc_id,
            title=str(document.get("title", "")),
            start_index=plan.start_index,
            end_index=plan.end_index,
            requests_count=len(plan.requests),
        )

    def _call(self, operation: str, request: HttpRequest, **figures: int) -> Any:
        """Execute one Docs call, log it and translate its errors."""
        started = time.monotonic()
        outcome = "ok"
        try:
            return request.execute(http=self._http) if self._http else request.execute()
        except HttpError as exc:
            outcome = str(exc.status_code)
            raise _translate(operation, exc) from exc
        except (
            OSError,
            httplib2.HttpLib2Error,
            google_auth_exceptions.GoogleAuthError,
        ) as exc:
            outcome = exc.__class__.__name__
            raise GoogleApiError(f"Docs {operation} failed: {outcome}") from exc
        finally:
            logger.info(
                "docs call",
                extra={
                    "json_fields": {
                        "operation": operation,
                        "outcome": outcome,
                        "latency_ms": int((time.monotonic() - started) * 1000),
                        **figures,
                    }
                },
            )


def _is_empty(element: dict[str, Any]) -> bool:
    runs = element.get("paragraph", {}).get("elements", [])
    return "".join(r.get("textRun", {}).get("content", "") for r in runs) == "\n"


def _batch(plan: _Plan, document: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"requests": plan.requests}
    if document.get("revisionId"):
        # Indices were computed on this revision; Docs moves them past edits that a
        # collaborator makes in the meantime.
        body["writeControl"] = {"targetRevisionId": document["revisionId"]}
    return body


def _translate(operation: str, exc: HttpError) -> GoogleApiError:
    status = exc.status_code
    detail = f"Docs {operation} returned {status}"
    if status in (403, 404):
        return DocumentNotWritable(detail)
    if status == 429:
        return GoogleRateLimited(detail)
    return GoogleApiError(detail)
