"""The product as a teacher meets it: the preview page in headless Chromium.

Each test drives the page like a person would; the page sends every click to the real
service as Google Docs would, and the Docs double receives what the service writes.
Screenshots of the main steps land in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from devtools import discovery
from devtools.stack import Stack

pytestmark = pytest.mark.browser

TOPIC = "Vikingetiden – hverdagsliv på en gård"


@pytest.fixture
def expect(chromium_ready: None) -> Any:
    from playwright.sync_api import expect

    return expect


@pytest.fixture
def failing_model(stack: Stack) -> Iterator[None]:
    """The model double answers every completion with a 500 until the test ends."""
    control = stack.model.base_url.removesuffix("/v1") + "/_double"
    script: dict[str, Any] = {"mode": "server_error", "times": -1}
    requests.post(f"{control}/script", json=script, timeout=5).raise_for_status()
    yield
    requests.post(f"{control}/reset", json={}, timeout=5).raise_for_status()


def sidebar(page: Any) -> Any:
    return page.locator("#card-area")


def open_template(page: Any, title: str) -> None:
    """Click the homepage row whose main text is exactly ``title``."""
    main_text = page.locator(".decorated-main", has_text=re.compile(f"^{title}$"))
    sidebar(page).locator(".w-decorated", has=main_text).click()
    page.wait_for_selector("input[name=emne]")


def fill_reading_text_form(page: Any) -> None:
    page.fill("input[name=emne]", TOPIC)
    page.select_option("select[name=klassetrin]", "4")
    page.select_option("select[name=laengde]", "kort")
    page.check("input[name=fokus][value=ordforraad]")
    page.check("input[name=fokus][value=spoergsmaal]")


def generate(page: Any) -> None:
    page.locator(".card-footer").get_by_role(
        "button", name="Skriv i dokumentet"
    ).click()
    page.wait_for_selector("body[data-busy=false]")


def test_teacher_generates_a_reading_text_into_the_document(
    page: Any, expect: Any, screenshot: Any
) -> None:
    expect(sidebar(page).locator(".card-title")).to_have_text("Lærerværelset")
    expect(sidebar(page)).to_contain_text("Team 4.b")
    screenshot("01-homepage")

    open_template(page, "Læsetekst")
    expect(sidebar(page).locator(".card-back")).to_be_visible()  # a pushed card
    fill_reading_text_form(page)
    screenshot("02-form-filled")
    generate(page)

    expect(sidebar(page).locator(".card-title")).to_have_text("Skrevet i dokumentet")
    expect(sidebar(page)).to_contain_text("Kommunens ramme")
    document = page.locator("#page")
    expect(document.locator("h1.doc-heading-1")).to_have_text(TOPIC)
    expect(document.locator("[role=list] [role=listitem]").first).to_be_visible()
    expect(document).to_contain_text("Hvad handler teksten om?")
    screenshot("03-document-after-generation")


def test_sharing_in_classroom_asks_for_consent_then_lists_the_classes(
    page: Any, expect: Any, screenshot: Any
) -> None:
    open_template(page, "Læsetekst")
    fill_reading_text_form(page)
    generate(page)
    asked: list[str] = []

    def consent(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", consent)
    sidebar(page).get_by_role("button", name="Del i Classroom").click()
    page.wait_for_selector("body[data-busy=false]")

    expect(sidebar(page).locator(".card-title")).to_have_text("Vælg hold i Classroom")
    expect(sidebar(page)).to_contain_text("Dansk 4.b")
    assert asked and "classroom.courses.readonly" in asked[0]
    screenshot("07-classroom-course-picker")


def test_model_failure_keeps_the_form_and_says_so_in_danish(
    page: Any, expect: Any, screenshot: Any, failing_model: None
) -> None:
    revision = page.locator("#page").get_attribute("data-revision")
    open_template(page, "Læsetekst")
    fill_reading_text_form(page)

    generate(page)

    card = sidebar(page)
    expect(card).to_contain_text("Sprogmodellen er ikke tilgængelig lige nu.")
    expect(card).to_contain_text("Dine indtastninger er gemt i formularen")
    expect(card.locator("input[name=emne]")).to_have_value(TOPIC)
    expect(card.locator("select[name=klassetrin]")).to_have_value("4")
    expect(card.locator("select[name=laengde]")).to_have_value("kort")
    expect(card.locator("input[name=fokus][value=ordforraad]")).to_be_checked()
    expect(card.locator("input[name=fokus][value=spoergsmaal]")).to_be_checked()
    assert page.locator("#page").get_attribute("data-revision") == revision
    screenshot("04-model-error-form-kept")


def test_file_access_is_asked_for_then_the_homepage_opens(
    page: Any, expect: Any, screenshot: Any
) -> None:
    page.uncheck("#file-access")
    expect(sidebar(page).locator(".card-title")).to_have_text("Adgang til dokumentet")

    sidebar(page).get_by_role("button", name="Giv adgang til dokumentet").click()
    dialog = page.locator("#file-scope-dialog")
    expect(dialog).to_be_visible()
    screenshot("05-file-access-dialog")
    dialog.get_by_role("button", name="Tillad").click()

    expect(page.locator("#file-access")).to_be_checked()
    expect(sidebar(page).locator(".card-title")).to_have_text("Lærerværelset")
    expect(sidebar(page)).to_contain_text("Læsetekst")


@pytest.mark.parametrize(
    ("control", "value", "expected"),
    [
        ("#user", "laerer@anden-kommune.dk", "Lærerværelset er ikke sat op endnu"),
        ("#user", "privat.laerer@gmail.com", "Kun for skolekonti"),
        ("#locale", "en-GB", "Your AI colleague, framed by your school"),
    ],
)
def test_switching_user_or_locale_reopens_the_add_on_for_them(
    page: Any, expect: Any, control: str, value: str, expected: str
) -> None:
    page.select_option(control, value)

    expect(sidebar(page)).to_contain_text(expected)


ACTION = {"action": {"function": "http://127.0.0.1:8080/addon/actions/home"}}


def item(value: str, selected: bool = False) -> dict[str, Any]:
    return {"text": value.upper(), "value": value, "selected": selected}


def choice(name: str, kind: str, *items: dict[str, Any]) -> dict[str, Any]:
    widget = {"name": name, "label": name.title(), "type": kind, "items": list(items)}
    return {"selectionInput": widget}


GALLERY: dict[str, Any] = {
    "name": "gallery",
    "header": {"title": "Alle widgets", "subtitle": "Forhåndsvisningens prøvekort"},
    "sections": [
        {
            "header": "Tekst",
            "widgets": [
                {
                    "textParagraph": {
                        "text": "<b>Fed</b>, <i>kursiv</i>, <u>understreget</u>, <font "
                        'color="#d93025">rød</font><br><a href="https://example.org">'
                        "et link</a><script>window.injected = 1</script>"
                    }
                },
                {
                    "decoratedText": {
                        "topLabel": "Øverst",
                        "text": "Midten",
                        "bottomLabel": "Nederst",
                        "startIcon": {"knownIcon": "STAR"},
                        "onClick": ACTION,
                    }
                },
                {"divider": {}},
            ],
        },
        {
            "header": "Valg",
            "collapsible": True,
            "uncollapsibleWidgetsCount": 1,
            "widgets": [
                {"textInput": {"name": "kort", "label": "Kort", "value": "æøå"}},
                {
                    "textInput": {
                        "name": "lang",
                        "label": "Lang",
                        "type": "MULTIPLE_LINE",
                    }
                },
                choice("dropdown", "DROPDOWN", item("a"), item("b", True)),
                choice("boks", "CHECK_BOX", item("a", True), item("b")),
                choice("radio", "RADIO_BUTTON", item("a", True), item("b")),
                choice("kontakt", "SWITCH", item("on")),
                choice("flere", "MULTI_SELECT", item("x"), item("y")),
                {
                    "dateTimePicker": {
                        "name": "dato",
                        "label": "Dato",
                        "type": "DATE_ONLY",
                    }
                },
            ],
        },
        {
            "widgets": [
                {
                    "grid": {
                        "title": "Gitter",
                        "columnCount": 2,
                        "items": [
                            {"id": "g1", "title": "Et"},
                            {"id": "g2", "title": "To"},
                        ],
                        "onClick": ACTION,
                    }
                },
                {"buttonList": {"buttons": [{"text": "Knap", "onClick": ACTION}]}},
            ]
        },
    ],
    "fixedFooter": {
        "primaryButton": {"text": "Primær", "onClick": ACTION},
        "secondaryButton": {"text": "Sekundær", "onClick": ACTION},
    },
}

RENDER_GALLERY = """async (card) => {
  const { CardRenderer } = await import("/static/cards.js");
  window.clicks = [];
  const renderer = new CardRenderer({
    onAction: (action, extra) => window.clicks.push(extra),
    onOpenLink: () => {}, onBack: () => {}, onUnsupported: () => {},
  });
  document.getElementById("card-area").replaceChildren(renderer.card(card, true));
}"""
READ_INPUTS = """async () => {
  const { formInputs } = await import("/static/cards.js");
  return formInputs(document.getElementById("card-area"), 3600000);
}"""


def test_every_widget_kind_renders_and_reads_back_as_google_sends_it(
    page: Any, expect: Any, screenshot: Any
) -> None:
    discovery.validate("chat", "v1", "GoogleAppsCardV1Card", GALLERY)
    page.evaluate(RENDER_GALLERY, GALLERY)
    card = sidebar(page)

    expect(card.locator("input[name=lang]")).to_be_hidden()  # collapsed section
    card.get_by_role("button", name="Vis mere").click()
    card.locator("textarea[name=lang]").fill("Hej\nverden")
    card.locator("input[name=radio][value=b]").check()
    card.locator(".choice-switch").click()
    card.get_by_text("X", exact=True).click()
    card.locator("input[name=dato]").fill("2026-03-02")
    card.locator(".grid-item", has_text="To").click()
    screenshot("06-widget-gallery")

    assert page.evaluate(READ_INPUTS) == {
        "kort": {"stringInputs": {"value": ["æøå"]}},
        "lang": {"stringInputs": {"value": ["Hej\nverden"]}},
        "dropdown": {"stringInputs": {"value": ["b"]}},
        "boks": {"stringInputs": {"value": ["a"]}},
        "radio": {"stringInputs": {"value": ["b"]}},
        "kontakt": {"stringInputs": {"value": ["on"]}},
        "flere": {"stringInputs": {"value": ["x"]}},
        "dato": {"dateInput": {"msSinceEpoch": "1772409600000"}},
    }
    assert page.evaluate("window.clicks") == [{"grid_item_identifier": "g2"}]
    assert page.evaluate("window.injected") is None  # the <script> was dropped
    expect(card.locator(".w-text span")).to_have_css("color", "rgb(217, 48, 37)")
    expect(card.locator(".w-text a")).to_have_attribute("target", "_blank")
    expect(card.locator(".card-footer .btn-filled")).to_have_text("Primær")
