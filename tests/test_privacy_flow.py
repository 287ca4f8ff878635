"""Personal data the teacher types never reaches the model, and comes back in the Doc."""

from __future__ import annotations

import json
import logging

import pytest
from flask import Flask

from devtools.docs_double import DocsDouble
from devtools.model_double import ModelDouble
from services.demo import DEMO_TENANT
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture, with_form

SECRETS = ("Emma", "Freja Marie", "far@example.dk", "20 30 40 50", "010158-5234")
EKSTRA = (
    "Emma og Freja Marie læser sammen. Ring til Emmas far på 20 30 40 50 eller skriv til "
    "far@example.dk. CPR 010158-5234."
)


def _generate(addon: AddonClient) -> dict:  # type: ignore[type-arg]
    event = with_form(
        load_fixture("docs-action-generate.json"),
        emne="Emma på Moesgaard",
        klassetrin="4",
        laengde="kort",
        fokus=["samtale"],
        ekstra=EKSTRA,
    )
    return addon.answer("/addon/actions/generate", event)


def test_names_cpr_emails_and_phones_never_reach_the_model(
    addon: AddonClient, model_double: ModelDouble
) -> None:
    _generate(addon)

    sent = str(model_double.requests[-1])
    for secret in SECRETS:
        assert secret not in sent
    assert "Elev A" in sent


def test_the_material_in_the_doc_has_the_real_names_back(
    addon: AddonClient, docs_double: DocsDouble
) -> None:
    _generate(addon)

    text = docs_double.text(DEMO_DOC)
    assert "Emma på Moesgaard" in text
    assert "Elev A" not in text


def test_the_result_card_says_how_many_items_were_hidden(addon: AddonClient) -> None:
    card = _generate(addon)["renderActions"]["action"]["navigations"][0]["pushCard"]

    assert "5 personoplysninger blev skjult for sprogmodellen." in str(card)


def test_the_audit_record_counts_protected_items_and_stores_no_names(
    addon: AddonClient, demo: Flask
) -> None:
    _generate(addon)

    record = demo.extensions["laerer"].store.generations(DEMO_TENANT)[0]
    assert record.items_protected == 5
    assert record.output is None
    assert not any(secret in str(record) for secret in SECRETS)


def test_personal_data_never_reaches_the_log(
    addon: AddonClient,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)

    _generate(addon)

    logged = caplog.text + capsys.readouterr().out
    for secret in SECRETS:
        assert secret not in logged


FIRST_NAMES = (
    "Alma",
    "Asger",
    "Bertram",
    "Clara",
    "Dagmar",
    "Elias",
    "Frida",
    "Gustav",
    "Hannah",
    "Ida",
    "Johan",
    "Karla",
    "Lauge",
    "Marius",
    "Nora",
    "Oskar",
    "Philippa",
    "Rasmus",
    "Sigrid",
    "Theo",
    "Ulla",
    "Valdemar",
    "Wilma",
    "Xenia",
    "Yasmin",
    "Zaid",
    "Ærø-Bo",
    "Øjvind",
    "Åse",
    "Malthe",
)


def test_fifty_planted_items_never_reach_the_model_and_names_come_back_in_the_doc(
    addon: AddonClient, demo: Flask, model_double: ModelDouble, docs_double: DocsDouble
) -> None:
    demo.extensions["laerer"].store.put_pupil_names(
        DEMO_TENANT, "nordskolen", "4b", FIRST_NAMES
    )
    cprs = [f"{day:02d}0158-{5000 + day}" for day in range(1, 11)]
    emails = [f"forælder{n}@example.dk" for n in range(10)]
    phones = [f"+45 {20 + n} 30 40 5{n}" for n in range(10)]
    planted = [*FIRST_NAMES, *cprs, *emails, *phones]
    ekstra = (
        " ".join(
            f"{name} (CPR {cpr}, {email}, tlf. {phone})."
            for name, cpr, email, phone in zip(
                FIRST_NAMES, cprs, emails, phones, strict=False
            )
        )
        + " "
        + " og ".join(FIRST_NAMES[10:])
        + " er også med."
    )
    event = with_form(
        load_fixture("docs-action-generate.json"),
        emne=f"{FIRST_NAMES[0]} og {FIRST_NAMES[1]} på Moesgaard",
        klassetrin="4",
        laengde="kort",
        fokus=["samtale"],
        ekstra=ekstra,
    )

    addon.answer("/addon/actions/generate", event)

    assert len(planted) >= 50
    sent = json.dumps(model_double.requests[-1], ensure_ascii=False)
    leaked = [item for item in planted if item in sent]
    assert leaked == []
    assert "Alma og Asger på Moesgaard" in docs_double.text(DEMO_DOC)


@pytest.mark.parametrize(
    "harmless",
    [
        "Afleveres 31-12-2023 kl. 10",
        "Ordrenummer 4410932817",
        "Vi læser side 12-14 i 2024",
        "Bussen kører 08.15",
    ],
)
def test_dates_and_order_numbers_reach_the_model_untouched(
    addon: AddonClient, model_double: ModelDouble, harmless: str
) -> None:
    event = with_form(
        load_fixture("docs-action-generate.json"),
        emne="Vikinger",
        klassetrin="4",
        laengde="kort",
        fokus=["samtale"],
        ekstra=harmless,
    )

    addon.answer("/addon/actions/generate", event)

    assert harmless in json.dumps(model_double.requests[-1], ensure_ascii=False)
