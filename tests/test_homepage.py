"""The homepage and what comes before it, for each fixture event and kind of caller."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.conftest import AddonClient
from tests.events import load_fixture


def _pushed(body: dict[str, Any]) -> dict[str, Any]:
    card: dict[str, Any] = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    return card


def _texts(card: dict[str, Any]) -> str:
    return str(card)


def test_homepage_lists_published_templates_under_the_teachers_team(
    addon: AddonClient,
) -> None:
    card = _pushed(addon.answer("/addon/home", "docs-homepage.json"))

    assert card["name"] == "home"
    assert "Team 4.b" in _texts(card)
    assert "Nordskolen" in _texts(card)
    assert "Læsetekst" in _texts(card)
    headers = [s.get("header") for s in card["sections"]]
    assert "Læsning og tekster" in headers or any(h for h in headers if h)


def test_template_rows_open_the_form_with_template_and_doc_ids(
    addon: AddonClient,
) -> None:
    card = _pushed(addon.answer("/addon/home", "docs-homepage.json"))

    actions = [
        w["decoratedText"]["onClick"]["action"]
        for s in card["sections"]
        for w in s["widgets"]
        if "onClick" in w.get("decoratedText", {})
    ]
    laesetekst = next(
        a
        for a in actions
        if {"key": "templateId", "value": "laesetekst"} in a["parameters"]
    )
    assert laesetekst["function"] == "http://127.0.0.1:8080/addon/actions/open-template"
    assert {
        "key": "docId",
        "value": "1DemoDocDansk4bUge12xxxxxxxxxxxxxxxxxxxxxx",
    } in laesetekst["parameters"]


def test_homepage_offers_the_free_idea_box(addon: AddonClient) -> None:
    card = _pushed(addon.answer("/addon/home", "docs-homepage.json"))

    assert "Hvad skal du bruge?" in _texts(card)


def test_homepage_without_file_access_asks_for_it(addon: AddonClient) -> None:
    card = _pushed(addon.answer("/addon/home", "docs-homepage-no-file-access.json"))

    assert card["name"] == "file-access"
    button = card["sections"][0]["widgets"][1]["buttonList"]["buttons"][0]
    assert button["onClick"]["action"]["function"].endswith(
        "/addon/actions/request-file-access"
    )


def test_the_access_button_answers_with_the_file_scope_request(
    addon: AddonClient,
) -> None:
    body = addon.answer(
        "/addon/actions/request-file-access", "docs-homepage-no-file-access.json"
    )

    assert body == {
        "renderActions": {
            "hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}
        }
    }


def test_the_file_scope_trigger_shows_the_homepage(addon: AddonClient) -> None:
    card = _pushed(
        addon.answer("/addon/file-scope-granted", "docs-file-scope-granted.json")
    )

    assert card["name"] == "home"


def test_english_locale_gets_english_cards(addon: AddonClient) -> None:
    event = load_fixture("docs-homepage.json")
    event["commonEventObject"]["userLocale"] = "en-GB"

    card = _pushed(addon.answer("/addon/home", event))

    assert "Your team" in _texts(card)
    assert "Dit team" not in _texts(card)


def test_missing_locale_defaults_to_danish(addon: AddonClient) -> None:
    event = load_fixture("docs-homepage.json")
    del event["commonEventObject"]["userLocale"]
    del event["commonEventObject"]["timeZone"]

    card = _pushed(addon.answer("/addon/home", event))

    assert "Dit team" in _texts(card)


def test_an_unknown_domain_gets_the_onboarding_card(addon: AddonClient) -> None:
    card = _pushed(
        addon.answer(
            "/addon/home",
            "docs-homepage.json",
            email="a@ny-kommune.dk",
            hd="ny-kommune.dk",
        )
    )

    assert card["name"] == "onboarding"
    assert "ny-kommune.dk" in _texts(card)
    assert "create-tenant" in _texts(card)


def test_a_private_account_gets_a_polite_card(addon: AddonClient) -> None:
    card = _pushed(
        addon.answer(
            "/addon/home", "docs-homepage.json", email="someone@gmail.com", hd=None
        )
    )

    assert card["name"] == "private-account"
    assert "skolens" in _texts(card) or "skole" in _texts(card)


def test_a_new_teacher_chooses_school_and_team_and_then_sees_the_homepage(
    addon: AddonClient,
) -> None:
    newcomer = "ny.laerer@demo-kommune.dk"
    choose = _pushed(addon.answer("/addon/home", "docs-homepage.json", email=newcomer))
    assert choose["name"] == "choose-team"
    assert "Søndervangskolen – Team 2.a" in _texts(choose)

    event = load_fixture("docs-homepage.json")
    event["commonEventObject"]["formInputs"] = {
        "team": {"stringInputs": {"value": ["soendervang/2a"]}}
    }
    body = addon.answer("/addon/actions/choose-team", event, email=newcomer)

    home = body["renderActions"]["action"]["navigations"][0]["updateCard"]
    assert home["name"] == "home"
    assert "Team 2.a" in _texts(home)


def test_choosing_a_team_that_does_not_exist_keeps_the_card_with_a_message(
    addon: AddonClient,
) -> None:
    event = load_fixture("docs-homepage.json")
    event["commonEventObject"]["formInputs"] = {
        "team": {"stringInputs": {"value": ["nowhere/9z"]}}
    }

    body = addon.answer("/addon/actions/choose-team", event, email="ny@demo-kommune.dk")

    card = body["renderActions"]["action"]["navigations"][0]["updateCard"]
    assert card["name"] == "choose-team"
    assert "Vælg en af mulighederne" in _texts(card)


def test_homepage_costs_one_firestore_round_trip_after_the_first(
    addon: AddonClient, demo: Flask
) -> None:
    store = demo.extensions["laerer"].store
    addon.answer("/addon/home", "docs-homepage.json")
    before = store.round_trips

    addon.answer("/addon/home", "docs-homepage.json")

    assert store.round_trips - before == 1


def test_health_check_answers_without_a_token(addon: AddonClient) -> None:
    response = addon.client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_an_english_result_card_names_layers_and_the_lix_band_in_english(
    addon: AddonClient,
) -> None:
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["userLocale"] = "en-GB"

    card = _pushed(addon.answer("/addon/actions/generate", event))
    text = str(card)

    assert "The municipality's frame · v" in text
    assert "Template Læsetekst · v1" in text
    assert "Kommunens ramme" not in text and "Skolens profil" not in text
    assert any(band in text for band in ("Very easy", "Easy", "Medium"))
    assert "Meget let" not in text
