"""Parse the add-on event object (JSON) into a typed, validated ``Event``.

Shape: https://developers.google.com/workspace/add-ons/concepts/event-objects. Form values
arrive as lists of strings; a date picker sends ``msSinceEpoch`` as a string or a number.
``userLocale`` and ``timeZone`` come only when the descriptor asks for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIME_ZONE = "Europe/Copenhagen"


class EventError(ValueError):
    """The body is not an add-on event we can read; the message says what is wrong."""


@dataclass(frozen=True)
class Event:
    """What we use of one add-on event."""

    user_id_token: str
    user_oauth_token: str = ""
    locale: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    parameters: Mapping[str, str] = field(default_factory=dict)
    form_inputs: Mapping[str, list[str]] = field(default_factory=dict)
    authorized_scopes: tuple[str, ...] = ()
    doc_id: str = ""
    doc_title: str = ""
    has_file_access: bool = False
    host_app: str = ""


def parse_event(body: Any) -> Event:
    """Validate and convert an event body.

    Raises:
        EventError: when the body is not an object or a field has the wrong type.
    """
    if not isinstance(body, dict):
        raise EventError("body must be a JSON object")
    common = _object(body, "commonEventObject")
    auth = _object(body, "authorizationEventObject")
    docs = _object(body, "docs")
    parameters = _string_map(
        common.get("parameters", {}), "commonEventObject.parameters"
    )
    time_zone = _object(common, "timeZone").get("id") or DEFAULT_TIME_ZONE
    open_doc_id = _string(docs, "id")
    doc_id = open_doc_id or parameters.get("docId", "")
    return Event(
        user_id_token=_string(auth, "userIdToken"),
        user_oauth_token=_string(auth, "userOAuthToken"),
        locale=_string(common, "userLocale"),
        time_zone=str(time_zone),
        parameters=parameters,
        form_inputs=_form_inputs(common.get("formInputs", {})),
        authorized_scopes=tuple(
            _string_list(auth.get("authorizedScopes", []), "authorizedScopes")
        ),
        doc_id=doc_id,
        doc_title=_string(docs, "title"),
        has_file_access=bool(open_doc_id)
        or docs.get("addonHasFileScopePermission") is True,
        host_app=_string(common, "hostApp"),
    )


def _object(parent: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = parent.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise EventError(f"{key} must be an object")
    return value


def _string(parent: Mapping[str, Any], key: str) -> str:
    value = parent.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EventError(f"{key} must be a string")
    return value


def _string_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(v, str) for v in value.values()
    ):
        raise EventError(f"{where} must map names to strings")
    return dict(value)


def _string_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EventError(f"{where} must be a list of strings")
    return list(value)


# What a teacher cannot have meant to type: control characters (not tab or newline) and
# the bidirectional overrides that make text display in another order than it reads.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def _form_inputs(value: Any) -> dict[str, list[str]]:
    """Flatten ``formInputs`` to ``{name: [values]}``; dates become their milliseconds."""
    if not isinstance(value, dict):
        raise EventError("formInputs must be an object")
    result: dict[str, list[str]] = {}
    for name, item in value.items():
        if not isinstance(item, dict):
            raise EventError(f"formInputs.{name} must be an object")
        if "stringInputs" in item:
            inputs = item["stringInputs"]
            if not isinstance(inputs, dict):
                raise EventError(f"formInputs.{name}.stringInputs must be an object")
            values = _string_list(inputs.get("value", []), f"formInputs.{name}")
            result[name] = [v.translate(_INVISIBLE) for v in values]
        elif "dateInput" in item or "dateTimeInput" in item:
            date = item.get("dateInput") or item.get("dateTimeInput") or {}
            millis = date.get("msSinceEpoch") if isinstance(date, dict) else None
            if (
                not isinstance(millis, (str, int))
                or not str(millis).lstrip("-").isdigit()
            ):
                raise EventError(f"formInputs.{name} must carry msSinceEpoch")
            result[name] = [str(millis)]
    return result
