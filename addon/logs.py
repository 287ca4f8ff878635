"""Structured JSON log lines in the shape Cloud Logging reads (severity, message, fields).

Loggers pass extra fields as ``extra={"json_fields": {...}}``. Nothing here ever logs a
token, a prompt, an output or a name: callers pass figures, ids and reasons only.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

#: Fields of the request being served (request id, trace), added to every line it logs.
request_fields: contextvars.ContextVar[tuple[tuple[str, str], ...]] = (
    contextvars.ContextVar("request_fields", default=())
)


def trace_fields(
    request_id: str, trace_header: str, project: str
) -> tuple[tuple[str, str], ...]:
    """Log fields for one request; Cloud Logging groups lines by the ``trace`` field.

    ``X-Cloud-Trace-Context`` looks like ``TRACE_ID/SPAN_ID;o=1``.
    """
    fields = {"request_id": request_id}
    trace_id = trace_header.split("/", 1)[0].strip()
    if trace_id and trace_id.isalnum() and project:
        fields["logging.googleapis.com/trace"] = f"projects/{project}/traces/{trace_id}"
    return tuple(fields.items())


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``severity``, ``message``, ``time``, logger and fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "severity": record.levelname,
            "message": record.getMessage(),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "logger": record.name,
        }
        entry.update(dict(request_fields.get()))
        fields = getattr(record, "json_fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["stack_trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """Send the root logger's records to stdout as JSON lines (idempotent)."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    for handler in root.handlers:
        if isinstance(handler.formatter, JsonFormatter):
            return
    # The HTTP clients under openai log every request at INFO; one line per call is ours.
    for noisy in (
        "httpx",
        "httpx2",
        "httpcore",
        "httpcore2",
        "googleapiclient.discovery",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
