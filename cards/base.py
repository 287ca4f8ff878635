"""Small builders for Card-framework JSON and add-on responses.

Every builder returns plain dicts in the ``GoogleAppsCardV1*`` shape. Action URLs are made
in one place, ``Links``: Google calls the button's ``function`` as a URL and signs the exact
URL, so it must be the full public URL of ``/addon/actions/<name>`` without a query.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Widget = dict[str, Any]
Card = dict[str, Any]


@dataclass(frozen=True)
class Links:
    """Builds the public URLs that buttons call."""

    base_url: str

    def action(self, name: str) -> str:
        return f"{self.base_url.rstrip('/')}/addon/actions/{name}"


def escape(text: str) -> str:
    """Escape teacher or model text for the simple HTML a textParagraph renders."""
    return html.escape(text, quote=False)


def card(
    title: str,
    sections: Sequence[Mapping[str, Any]],
    *,
    subtitle: str = "",
    name: str = "",
    footer: Mapping[str, Any] | None = None,
) -> Card:
    header: dict[str, Any] = {"title": title}
    if subtitle:
        header["subtitle"] = subtitle
    result: Card = {
        "header": header,
        "sections": [dict(s) for s in sections if s["widgets"]],
    }
    if name:
        result["name"] = name
    if footer:
        result["fixedFooter"] = dict(footer)
    return result


def section(
    widgets: Iterable[Widget],
    *,
    header: str = "",
    collapsible: bool = False,
    shown: int = 0,
) -> dict[str, Any]:
    result: dict[str, Any] = {"widgets": list(widgets)}
    if header:
        result["header"] = header
    if collapsible and len(result["widgets"]) > shown:
        result["collapsible"] = True
        result["uncollapsibleWidgetsCount"] = shown
    return result


def paragraph(text: str) -> Widget:
    return {"textParagraph": {"text": text}}


def decorated(
    text: str,
    *,
    top: str = "",
    bottom: str = "",
    icon: str = "",
    on_click: Mapping[str, Any] | None = None,
) -> Widget:
    body: dict[str, Any] = {"text": text, "wrapText": True}
    if top:
        body["topLabel"] = top
    if bottom:
        body["bottomLabel"] = bottom
    if icon:
        body["startIcon"] = {"materialIcon": {"name": icon}}
    if on_click:
        body["onClick"] = dict(on_click)
    return {"decoratedText": body}


def action(
    url: str,
    parameters: Mapping[str, str] | None = None,
    *,
    required: Sequence[str] = (),
) -> dict[str, Any]:
    """An ``onClick`` that POSTs to ``url`` with string ``parameters``."""
    body: dict[str, Any] = {"function": url, "loadIndicator": "SPINNER"}
    if parameters:
        body["parameters"] = [
            {"key": k, "value": str(v)} for k, v in parameters.items()
        ]
    if required:
        body["requiredWidgets"] = list(required)
    return {"action": body}


def button(
    text: str, on_click: Mapping[str, Any], *, filled: bool = False
) -> dict[str, Any]:
    result: dict[str, Any] = {"text": text, "onClick": dict(on_click)}
    if filled:
        result["type"] = "FILLED"
    return result


def buttons(*items: Mapping[str, Any]) -> Widget:
    return {"buttonList": {"buttons": [dict(b) for b in items]}}


def text_input(
    name: str,
    label: str,
    *,
    value: str = "",
    hint: str = "",
    multiline: bool = False,
    limit: int = 0,
) -> Widget:
    body: dict[str, Any] = {
        "name": name,
        "label": label,
        "type": "MULTIPLE_LINE" if multiline else "SINGLE_LINE",
    }
    if value:
        body["value"] = value
    if hint:
        body["hintText"] = hint
    if limit:
        body["validation"] = {"characterLimit": limit}
    return {"textInput": body}


def selection(
    name: str,
    label: str,
    options: Iterable[tuple[str, str]],
    selected: Iterable[str] = (),
    *,
    kind: str = "DROPDOWN",
) -> Widget:
    chosen = set(selected)
    items = [
        {"text": text, "value": value, "selected": value in chosen}
        for value, text in options
    ]
    return {
        "selectionInput": {"name": name, "label": label, "type": kind, "items": items}
    }


def divider() -> Widget:
    return {"divider": {}}


# -- responses --------------------------------------------------------------------------


def push(card_json: Card) -> dict[str, Any]:
    return {"renderActions": {"action": {"navigations": [{"pushCard": card_json}]}}}


def update(card_json: Card) -> dict[str, Any]:
    return {"renderActions": {"action": {"navigations": [{"updateCard": card_json}]}}}


def notify(text: str) -> dict[str, Any]:
    return {"renderActions": {"action": {"notification": {"text": text}}}}


def request_file_scope() -> dict[str, Any]:
    return {
        "renderActions": {
            "hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}
        }
    }


def request_scopes(scopes: Sequence[str]) -> dict[str, Any]:
    return {"requesting_google_scopes": {"scopes": list(scopes)}}


def cards_in(response: Mapping[str, Any]) -> list[Card]:
    """Every card in a response (for validation in tests and in the preview)."""
    navigations = (
        response.get("renderActions", {}).get("action", {}).get("navigations", [])
    )
    found = []
    for navigation in navigations:
        for key in ("pushCard", "updateCard"):
            if key in navigation:
                found.append(navigation[key])
    return found
