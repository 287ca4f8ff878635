"""A development double of the Google Docs API: a local HTTP server on 127.0.0.1.

The real google-api-python-client talks to it when ``api_endpoint`` points here. It
serves the three routes that client produces from the bundled discovery document
(rootUrl + servicePath "" + path): ``GET /v1/documents/{documentId}``,
``POST /v1/documents/{documentId}:batchUpdate`` and ``POST /v1/documents``. It also
answers Drive's view of the same files, for the Drive client built with
``drive_endpoint``: ``GET /drive/v3/files/{fileId}`` and ``PATCH`` with ``addParents``
and ``removeParents``, which is how a new Doc is put next to the open one.

What it models, following the Docs API reference and "Structural edit rules and
behavior" (developers.google.com/docs/api/concepts/rules-behavior):

- A body of UTF-16 code units. Index 0 is the section break; the body ends with a
  newline that cannot be written past, deleted or included in a deletion.
- Paragraph properties (named style, bullet) belong to each paragraph's newline, so a
  newline inserted into a paragraph copies them, bullets included.
- Inserted text takes the text style of the unit before it; control characters and
  Private Use Area characters are stripped, as Docs does.
- ``createParagraphBullets`` turns leading tabs into nesting levels and removes them,
  and joins the list of the paragraph just before when its preset matches.
- Every batch is validated against the bundled ``BatchUpdateDocumentRequest`` schema,
  applied request by request on a copy, and committed only if every request succeeded.

Deliberate differences: Docs moves an insertion that would split a surrogate pair behind
it (done here too) but other grapheme clusters are not modelled; a *range* that splits a
surrogate pair is refused here, so a UTF-16 mistake fails loudly. ``fields`` in queries
are ignored (the whole document is returned), ``targetRevisionId`` is accepted without
transforming against later edits, and only the request kinds listed in ``_APPLY`` are
modelled (others answer 501). Error messages follow Google's where we know them.

Control API (no authentication): ``POST /_double/documents`` {id, title, text, parents},
``GET /_double/documents/{id}`` and ``.../text``, ``POST /_double/fail`` {status, times,
delay_seconds, call}, ``GET /_double/requests``, ``POST /_double/reset``.
Run it alone with ``python -m devtools.docs_double --port 8765``.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import signal
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from devtools import discovery
from devtools.serving import DoubleHandler, LoopbackServer, ServedDouble

logger = logging.getLogger(__name__)

#: Drive's view of the same files: ``drive_endpoint`` is the Drive client's api_endpoint.
DRIVE_FILES = "/drive/v3/files/"
_STATUS = {
    400: ("INVALID_ARGUMENT", "Request contains an invalid argument."),
    401: (
        "UNAUTHENTICATED",
        "Request is missing required authentication credential. Expected OAuth 2 "
        "access token, login cookie or other valid authentication credential.",
    ),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: ("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Write requests'."),
    500: ("INTERNAL", "Internal error encountered."),
    501: ("UNIMPLEMENTED", "Not implemented by the Docs double."),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
}
# InsertTextRequest.text: Docs strips U+0000-U+0008, U+000C-U+001F and U+E000-U+F8FF.
_STRIPPED = {
    c: None for c in (*range(0x09), *range(0x0C, 0x20), *range(0xE000, 0xF900))
}
_SYMBOLS = {
    "DISC": "●", "CIRCLE": "○", "SQUARE": "■", "DIAMOND": "◆", "DIAMONDX": "❖",
    "HOLLOWDIAMOND": "◇", "ARROW": "➔", "ARROW3D": "➢", "STAR": "★",
    "LEFTTRIANGLE": "◄", "CHECKBOX": "☐",
}  # fmt: skip
_SECTION_BREAK = {
    "endIndex": 1,  # startIndex 0 is omitted, as proto3 JSON omits zero values
    "sectionBreak": {
        "sectionStyle": {
            "columnSeparatorStyle": "NONE",
            "contentDirection": "LEFT_TO_RIGHT",
            "sectionType": "CONTINUOUS",
        }
    },
}


class ApiError(Exception):
    """An error answer in Google's JSON shape."""

    def __init__(self, code: int, message: str = "", status: str = "") -> None:
        default_status, default_message = _STATUS.get(code, ("UNKNOWN", "Error."))
        super().__init__(message or default_message)
        self.code = code
        self.message = message or default_message
        self.status = status or default_status

    def body(self) -> dict[str, Any]:
        """``{"error": {"code", "message", "status"}}`` as Google sends it."""
        return {
            "error": {"code": self.code, "message": self.message, "status": self.status}
        }


class _RequestError(Exception):
    """One request of a batch is invalid; the batch reports it with its position."""


def _units(text: str) -> str:
    """``text`` as UTF-16 code units, one Python character per unit."""
    data = text.encode("utf-16-le")
    return "".join(map(chr, struct.unpack(f"<{len(data) // 2}H", data)))


def _text(units: str) -> str:
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _pt(magnitude: float) -> dict[str, Any]:
    return {"magnitude": magnitude, "unit": "PT"}


def _paragraph_props() -> dict[str, Any]:
    return {"style": {"namedStyleType": "NORMAL_TEXT"}, "bullet": None}


def _nesting_levels(preset: str) -> list[dict[str, Any]]:
    """The nine nesting levels of a new list, derived from the preset's name."""
    kind, *names = preset.split("_")
    glyphs = [n for n in names if n not in ("PARENS", "NESTED")]
    levels = []
    for level in range(9):
        glyph = glyphs[level % len(glyphs)]
        entry: dict[str, Any] = {
            "bulletAlignment": "START",
            "indentFirstLine": _pt(18 + 36 * level),
            "indentStart": _pt(36 + 36 * level),
            "startNumber": 1,
            "textStyle": {"underline": False},
        }
        if kind == "BULLET":
            entry.update(glyphSymbol=_SYMBOLS[glyph], glyphFormat=f"%{level}")
        elif "NESTED" in names:
            entry.update(
                glyphType=glyph, glyphFormat="".join(f"%{n}." for n in range(level + 1))
            )
        else:
            close = ")" if "PARENS" in names else "."
            entry.update(glyphType=glyph, glyphFormat=f"%{level}{close}")
        levels.append(entry)
    return levels


def _masked(
    current: dict[str, Any], given: dict[str, Any], fields: str | None, schema: str
) -> dict[str, Any]:
    """``current`` updated by the field mask ``fields`` with values from ``given``."""
    if not fields:
        raise _RequestError(
            "At least one field must be listed in 'fields'. (Use '*' to indicate all "
            "fields.)"
        )
    names = [name.strip().split(".")[0] for name in fields.split(",")]
    if "*" in names:
        return copy.deepcopy(given)
    known = discovery.discovery_document("docs", "v1")["schemas"][schema]["properties"]
    updated = dict(current)
    for name in names:
        if name not in known:
            raise _RequestError(f"Invalid field mask path: '{name}'.")
        if name in given:
            updated[name] = copy.deepcopy(given[name])
        else:
            updated.pop(name, None)
    return updated


@dataclass
class _Document:
    """One document's body as UTF-16 units; unit ``k`` sits at index ``k + 1``."""

    id: str
    title: str
    units: str = "\n"
    styles: list[dict[str, Any]] = field(default_factory=lambda: [{}])
    paras: list[dict[str, Any] | None] = field(
        default_factory=lambda: [_paragraph_props()]
    )
    lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    presets: dict[str, str] = field(default_factory=dict)
    revision: int = 1
    #: Drive's folders holding the file; a Doc created through the API lands in "root"
    parents: list[str] = field(default_factory=lambda: ["root"])

    @classmethod
    def with_text(cls, doc_id: str, title: str, text: str) -> _Document:
        units = _units(text.translate(_STRIPPED)) + "\n"
        return cls(
            doc_id,
            title,
            units,
            [{} for _ in units],
            [_paragraph_props() if u == "\n" else None for u in units],
        )

    @property
    def end(self) -> int:
        """The body's end index: one past its final newline."""
        return len(self.units) + 1

    @property
    def revision_id(self) -> str:
        return f"rev-{self.revision}"

    def spans(self) -> list[tuple[int, int]]:
        """Each paragraph as unit offsets [start, end), its newline included."""
        spans, start = [], 0
        for offset, unit in enumerate(self.units):
            if unit == "\n":
                spans.append((start, offset + 1))
                start = offset + 1
        return spans

    def apply(self, request: dict[str, Any]) -> None:
        if len(request) != 1:
            raise _RequestError(f"Exactly one kind of request must be set: {request}.")
        ((kind, detail),) = request.items()
        if kind not in _APPLY:
            raise ApiError(501, f"The Docs double does not model {kind}.")
        _APPLY[kind](self, detail)

    # -- requests ------------------------------------------------------------------

    def insert_text(self, request: dict[str, Any]) -> None:
        if ("location" in request) == ("endOfSegmentLocation" in request):
            raise _RequestError(
                "Exactly one of location or endOfSegmentLocation is set."
            )
        at_end = "endOfSegmentLocation" in request
        where = request["endOfSegmentLocation" if at_end else "location"]
        self._check_segment(where)
        index = self.end - 1 if at_end else where.get("index", 0)
        if index < 1:
            raise _RequestError(
                "The insertion index must be inside the bounds of an existing "
                "paragraph. You can still create new paragraphs by inserting newlines."
            )
        if index >= self.end:
            raise _RequestError(
                f"Index {index} must be less than the end index of the referenced "
                f"segment, {self.end}."
            )
        offset = index - 1 + self._splits_pair(index - 1)  # Docs moves past the pair
        text = _units(request.get("text", "").translate(_STRIPPED))
        style = self.styles[offset - 1 if offset > 0 else offset]
        props = self.paras[self.units.index("\n", offset)]
        self.units = self.units[:offset] + text + self.units[offset:]
        self.styles[offset:offset] = [dict(style) for _ in text]
        self.paras[offset:offset] = [
            copy.deepcopy(props) if u == "\n" else None for u in text
        ]

    def update_text_style(self, request: dict[str, Any]) -> None:
        start, end = self._range(request)
        given, fields = request.get("textStyle", {}), request.get("fields")
        for offset in range(start, end):
            self.styles[offset] = _masked(
                self.styles[offset], given, fields, "TextStyle"
            )

    def update_paragraph_style(self, request: dict[str, Any]) -> None:
        given, fields = request.get("paragraphStyle", {}), request.get("fields")
        for props in self._paragraphs(*self._range(request)):
            props["style"] = _masked(props["style"], given, fields, "ParagraphStyle")

    def create_paragraph_bullets(self, request: dict[str, Any]) -> None:
        preset = request.get("bulletPreset", "BULLET_GLYPH_PRESET_UNSPECIFIED")
        if preset == "BULLET_GLYPH_PRESET_UNSPECIFIED":
            raise _RequestError("The bullet preset must be specified.")
        start, end = self._range(request)
        spans = [(s, e) for s, e in self.spans() if s < end and start < e]
        before = self.paras[spans[0][0] - 1] if spans[0][0] > 0 else None
        bullet = before and before["bullet"]
        if bullet and self.presets[bullet["listId"]] == preset:
            list_id = bullet["listId"]
        else:
            list_id = f"kix.list{len(self.lists) + 1}"
            self.lists[list_id] = {
                "listProperties": {"nestingLevels": _nesting_levels(preset)}
            }
            self.presets[list_id] = preset
        for start, end in reversed(spans):  # later paragraphs first: offsets stay valid
            tabs = len(self.units[start:end]) - len(self.units[start:end].lstrip("\t"))
            self.units = self.units[:start] + self.units[start + tabs :]
            del self.styles[start : start + tabs], self.paras[start : start + tabs]
            props = self.paras[end - tabs - 1]
            assert props is not None
            level = min(tabs, 8)
            props["bullet"] = {"listId": list_id, "nestingLevel": level}
            props["style"]["indentFirstLine"] = _pt(18 + 36 * level)
            props["style"]["indentStart"] = _pt(36 + 36 * level)

    def delete_paragraph_bullets(self, request: dict[str, Any]) -> None:
        # Docs keeps the indentation, so the text stays where it was visually.
        for props in self._paragraphs(*self._range(request)):
            props["bullet"] = None

    def delete_content_range(self, request: dict[str, Any]) -> None:
        start, end = self._range(request)
        if end == len(self.units):
            raise _RequestError(
                "The range cannot include the newline character at the end of the "
                "segment."
            )
        self.units = self.units[:start] + self.units[end:]
        del self.styles[start:end], self.paras[start:end]

    # -- checks --------------------------------------------------------------------

    def _check_segment(self, where: dict[str, Any]) -> None:
        if where.get("segmentId"):
            raise _RequestError(f"The segment ID {where['segmentId']!r} was not found.")
        if where.get("tabId") not in (None, "t.0"):
            raise _RequestError(f"The tab ID {where['tabId']!r} was not found.")

    def _splits_pair(self, offset: int) -> bool:
        """Whether a cut before unit ``offset`` falls inside a surrogate pair."""
        return (
            0 < offset < len(self.units) and "\udc00" <= self.units[offset] <= "\udfff"
        )

    def _range(self, request: dict[str, Any]) -> tuple[int, int]:
        """The request's range as unit offsets, checked as Docs checks it."""
        given = request.get("range")
        if given is None:
            raise _RequestError("The range must be specified.")
        self._check_segment(given)
        start, end = given.get("startIndex"), given.get("endIndex")
        if start is None or end is None:
            raise _RequestError("The range must have a start index and an end index.")
        if start >= end:
            raise _RequestError("The range should not be empty.")
        if start < 1:
            raise _RequestError(f"Index {start} is the section break, not text.")
        if end > self.end:
            raise _RequestError(
                f"Index {end - 1} must be less than the end index of the referenced "
                f"segment, {self.end}."
            )
        if self._splits_pair(start - 1) or self._splits_pair(end - 1):
            raise _RequestError(
                f"The range [{start}, {end}) cuts a character in two: indices count "
                "UTF-16 code units (double's check; Docs would adjust silently)."
            )
        return start - 1, end - 1

    def _paragraphs(self, start: int, end: int) -> list[dict[str, Any]]:
        """Properties of every paragraph that overlaps the unit offsets [start, end)."""
        return [
            props
            for s, e in self.spans()
            if s < end and start < e and (props := self.paras[e - 1]) is not None
        ]

    # -- JSON ----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The document as ``documents.get`` returns it (body of the first tab)."""
        content: list[dict[str, Any]] = [copy.deepcopy(_SECTION_BREAK)]
        for start, end in self.spans():
            props = self.paras[end - 1]
            assert props is not None
            style = {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}
            paragraph: dict[str, Any] = {
                "elements": self._runs(start, end),
                "paragraphStyle": {**style, **copy.deepcopy(props["style"])},
            }
            if props["bullet"]:
                bullet = {"listId": props["bullet"]["listId"], "textStyle": {}}
                if props["bullet"]["nestingLevel"]:  # proto3 JSON omits zero
                    bullet["nestingLevel"] = props["bullet"]["nestingLevel"]
                paragraph["bullet"] = bullet
            content.append(
                {"startIndex": start + 1, "endIndex": end + 1, "paragraph": paragraph}
            )
        document: dict[str, Any] = {
            "documentId": self.id,
            "title": self.title,
            "revisionId": self.revision_id,
            "suggestionsViewMode": "SUGGESTIONS_INLINE",
            "body": {"content": content},
        }
        if self.lists:
            document["lists"] = copy.deepcopy(self.lists)
        return document

    def _runs(self, start: int, end: int) -> list[dict[str, Any]]:
        """Text runs of one paragraph: maximal stretches of equal text style."""
        runs, run_start = [], start
        for offset in range(start + 1, end + 1):
            if offset == end or self.styles[offset] != self.styles[run_start]:
                runs.append(
                    {
                        "startIndex": run_start + 1,
                        "endIndex": offset + 1,
                        "textRun": {
                            "content": _text(self.units[run_start:offset]),
                            "textStyle": dict(self.styles[run_start]),
                        },
                    }
                )
                run_start = offset
        return runs


_APPLY = {
    "insertText": _Document.insert_text,
    "updateTextStyle": _Document.update_text_style,
    "updateParagraphStyle": _Document.update_paragraph_style,
    "createParagraphBullets": _Document.create_paragraph_bullets,
    "deleteParagraphBullets": _Document.delete_paragraph_bullets,
    "deleteContentRange": _Document.delete_content_range,
}


class Paragraph(NamedTuple):
    """A paragraph as tests see it: text without its newline, style, list position."""

    text: str
    style: str
    nesting: int | None  # None: not in a list
    glyph: str | None  # the list's glyph at that nesting level: "●", "DECIMAL", ...


@dataclass(frozen=True)
class _Failure:
    status: int
    delay_seconds: float = 0.0
    call: str | None = None  # "get", "batchUpdate", "create" or None for any


class _State:
    """Everything the double holds; every access goes through ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.documents: dict[str, _Document] = {}
        self.failures: list[_Failure] = []
        self.received: list[dict[str, Any]] = []
        self.moves: list[dict[str, Any]] = []
        self.created = 0

    def reset(self) -> None:
        with self.lock:
            self.documents.clear()
            self.failures.clear()
            self.received.clear()
            self.moves.clear()

    def document(self, doc_id: str) -> _Document:
        if doc_id not in self.documents:
            raise ApiError(404)
        return self.documents[doc_id]

    def api(
        self,
        method: str,
        path: str,
        authorization: str,
        body: Any,
        query: dict[str, list[str]] | None = None,
    ) -> Any:
        """Answer one Docs (or Drive) API call; raises ``ApiError`` for an error answer."""
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401)
        call = "batchUpdate" if path.endswith(":batchUpdate") else method.lower()
        call = "create" if path == "/v1/documents" else call
        call = "drive" if path.startswith(DRIVE_FILES) else call
        with self.lock:
            due = [f for f in self.failures if f.call in (None, call)][:1]
            for failure in due:
                self.failures.remove(failure)
        for failure in due:
            time.sleep(failure.delay_seconds)
            raise ApiError(failure.status)
        with self.lock:
            if path.startswith(DRIVE_FILES):
                return self.drive_file(method, path, query or {})
            if method == "POST" and path == "/v1/documents":
                return self.create_api(body)
            name = unquote(path.removeprefix("/v1/documents/"))
            if not path.startswith("/v1/documents/") or "/" in name:
                raise ApiError(404, f"No route for {method} {path} in the Docs double.")
            if method == "GET":
                return self.document(name).to_json()
            if method == "POST" and name.endswith(":batchUpdate"):
                return self.batch_update(name.removesuffix(":batchUpdate"), body)
            raise ApiError(404, f"No route for {method} {path} in the Docs double.")

    def create_api(self, body: Any) -> dict[str, Any]:
        problems = discovery.errors("docs", "v1", "Document", body)
        if problems:
            raise ApiError(400, "Invalid JSON payload received. " + "; ".join(problems))
        self.created += 1
        doc_id = f"double-doc-{self.created}"
        self.documents[doc_id] = _Document(
            doc_id, body.get("title", "Untitled document")
        )
        return self.documents[doc_id].to_json()

    def drive_file(
        self, method: str, path: str, query: dict[str, list[str]]
    ) -> dict[str, Any]:
        """Drive's ``files.get`` and ``files.update`` of a Doc: its folders only."""
        file_id = unquote(path.removeprefix(DRIVE_FILES))
        if "/" in file_id or file_id not in self.documents:
            raise ApiError(404, f"File not found: {file_id}.")
        document = self.documents[file_id]
        if method == "PATCH":
            added = [p for p in query.get("addParents", [""])[0].split(",") if p]
            removed = [p for p in query.get("removeParents", [""])[0].split(",") if p]
            if any(p not in document.parents for p in removed):
                raise ApiError(400, "A parent to remove is not a parent of the file.")
            kept = [p for p in document.parents if p not in removed]
            document.parents = kept + [p for p in added if p not in kept]
            self.moves.append({"fileId": file_id, "add": added, "remove": removed})
        elif method != "GET":
            raise ApiError(404, f"No route for {method} {path} in the Docs double.")
        return {
            "id": file_id,
            "name": document.title,
            "parents": list(document.parents),
        }

    def batch_update(self, doc_id: str, body: Any) -> dict[str, Any]:
        self.received.append({"documentId": doc_id, "body": copy.deepcopy(body)})
        problems = discovery.errors("docs", "v1", "BatchUpdateDocumentRequest", body)
        if problems:
            raise ApiError(400, "Invalid JSON payload received. " + "; ".join(problems))
        draft = copy.deepcopy(self.document(doc_id))
        self._check_write_control(draft, body.get("writeControl", {}))
        requests = body.get("requests", [])
        for position, request in enumerate(requests):
            try:
                draft.apply(request)
            except _RequestError as exc:
                kind = next(iter(request), "request")
                raise ApiError(
                    400, f"Invalid requests[{position}].{kind}: {exc}"
                ) from exc
        if requests:
            draft.revision += 1
        self.documents[doc_id] = draft  # all requests succeeded: commit the batch
        return {
            "documentId": doc_id,
            "replies": [{} for _ in requests],
            "writeControl": {"requiredRevisionId": draft.revision_id},
        }

    @staticmethod
    def _check_write_control(document: _Document, control: dict[str, Any]) -> None:
        required, target = (
            control.get("requiredRevisionId"),
            control.get("targetRevisionId"),
        )
        if required is not None and required != document.revision_id:
            raise ApiError(
                400,
                f"The required revision ID {required!r} is not the document's latest.",
                "FAILED_PRECONDITION",
            )
        known = {f"rev-{n}" for n in range(1, document.revision + 1)}
        if target is not None and target not in known:
            raise ApiError(400, f"The target revision ID {target!r} is invalid.")

    def control(self, method: str, path: str, body: Any) -> Any:
        """Answer one call of the control API (``/_double/...``)."""
        try:
            return self._control(method, path.removeprefix("/_double/"), body)
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError(400, f"Bad control request: {exc!r}") from exc

    def _control(self, method: str, route: str, body: Any) -> Any:
        with self.lock:
            if method == "POST" and route == "documents":
                doc = _Document.with_text(
                    body["id"], body.get("title", ""), body.get("text", "")
                )
                doc.parents = list(body.get("parents", ["root"]))
                self.documents[doc.id] = doc
                return doc.to_json()
            if method == "GET" and route.startswith("documents/"):
                doc_id, _, rest = route.removeprefix("documents/").partition("/")
                document = self.document(unquote(doc_id))
                return _text(document.units) if rest == "text" else document.to_json()
            if method == "POST" and route == "fail":
                delay = float(body.get("delay_seconds", 0))
                failure = _Failure(int(body["status"]), delay, body.get("call"))
                self.failures.extend([failure] * int(body.get("times", 1)))
                return {"failures": len(self.failures)}
            if method == "GET" and route == "requests":
                return copy.deepcopy(self.received)
        if method == "POST" and route == "reset":
            self.reset()
            return {}
        raise ApiError(404, f"No control route {method} /_double/{route}.")


class _Handler(DoubleHandler):
    name = "docs double"

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        state = self.server.state
        try:
            body = self._body()
            if path.startswith("/_double/"):
                payload = state.control(method, path, body)
            else:
                payload = state.api(
                    method,
                    path,
                    self.headers.get("Authorization", ""),
                    body,
                    parse_qs(parts.query),
                )
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
            raise ApiError(400, "Invalid JSON payload received.") from exc


class DocsDouble(ServedDouble):
    """The Docs double as a context manager; give ``endpoint`` to the client."""

    def __init__(self, port: int = 0) -> None:
        self._state = _State()
        self._server = LoopbackServer(port, _Handler, self._state)

    def reset(self) -> None:
        """Forget every document, pending failure and recorded request."""
        self._state.reset()

    @property
    def drive_endpoint(self) -> str:
        """The Drive client's ``api_endpoint`` (Drive's servicePath included)."""
        return self.endpoint + DRIVE_FILES.removeprefix("/").removesuffix("files/")

    def create_document(
        self, doc_id: str, title: str, text: str = "", parents: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """Create or replace a document whose body is ``text`` (plain paragraphs)."""
        body: dict[str, Any] = {"id": doc_id, "title": title, "text": text}
        if parents:
            body["parents"] = list(parents)
        return self._state.control("POST", "/_double/documents", body)

    def titles(self) -> dict[str, str]:
        """Every document's title by id."""
        with self._state.lock:
            return {d.id: d.title for d in self._state.documents.values()}

    def parents(self, doc_id: str) -> list[str]:
        """The Drive folders holding a document."""
        with self._state.lock:
            return list(self._state.document(doc_id).parents)

    def document(self, doc_id: str) -> dict[str, Any]:
        """The document as ``documents.get`` returns it."""
        with self._state.lock:
            return self._state.document(doc_id).to_json()

    def text(self, doc_id: str) -> str:
        """The body's text, every paragraph with its newline."""
        with self._state.lock:
            return _text(self._state.document(doc_id).units)

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        """Every paragraph of the body, read from the ``documents.get`` JSON."""
        document = self.document(doc_id)
        found = []
        for element in document["body"]["content"]:
            if "paragraph" not in element:
                continue
            paragraph = element["paragraph"]
            text = "".join(e["textRun"]["content"] for e in paragraph["elements"])
            nesting = glyph = None
            if "bullet" in paragraph:
                nesting = paragraph["bullet"].get("nestingLevel", 0)
                levels = document["lists"][paragraph["bullet"]["listId"]]
                level = levels["listProperties"]["nestingLevels"][nesting]
                glyph = level.get("glyphSymbol") or level.get("glyphType")
            style = paragraph["paragraphStyle"]["namedStyleType"]
            found.append(Paragraph(text.removesuffix("\n"), style, nesting, glyph))
        return found

    def fail(
        self,
        status: int,
        times: int = 1,
        delay_seconds: float = 0.0,
        call: str | None = None,
    ) -> None:
        """Make the next ``times`` API calls answer ``status`` after ``delay_seconds``.

        ``call`` limits the failures to one kind of call: "get", "batchUpdate" or
        "create"; other calls pass.
        """
        body = {"status": status, "times": times, "delay_seconds": delay_seconds}
        self._state.control("POST", "/_double/fail", {**body, "call": call})

    def received(self) -> list[dict[str, Any]]:
        """Every batchUpdate received, valid or not: ``{"documentId", "body"}``."""
        return self._state.control("GET", "/_double/requests", {})


def main(argv: list[str] | None = None) -> None:
    """Serve the double on 127.0.0.1 until SIGINT or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    with DocsDouble(args.port) as double:
        print(f"Docs double at {double.endpoint} (DOCS_API_ENDPOINT)", flush=True)
        while not stopping.wait(0.5):
            pass


if __name__ == "__main__":
    main()
