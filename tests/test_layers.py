"""Frames, profiles and team contexts: owned by roles, versioned, visible in "why"."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from devtools.model_double import ModelDouble
from services.demo import (
    DEMO_CURATOR,
    DEMO_SCHOOL_ADMIN,
    DEMO_TEACHER,
    DEMO_TENANT,
    DEMO_TENANT_ADMIN,
    seed_demo_tenant,
)
from services.models import Member, Tenant, VersionedText
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

FRAME = {"kind": "municipality", "schoolId": "", "teamId": ""}
NORD_PROFILE = {"kind": "school", "schoolId": "nordskolen", "teamId": ""}
SOENDERVANG_PROFILE = {"kind": "school", "schoolId": "soendervang", "teamId": ""}
TEAM_4B = {"kind": "team", "schoolId": "nordskolen", "teamId": "4b"}
TEAM_2A = {"kind": "team", "schoolId": "soendervang", "teamId": "2a"}


def _event(parameters: dict[str, str], **form: str) -> dict[str, Any]:
    event = load_fixture("docs-action-open-template.json")
    event["commonEventObject"]["parameters"] = {**parameters, "docId": DEMO_DOC}
    event["commonEventObject"]["formInputs"] = {
        name: {"stringInputs": {"value": [value]}} for name, value in form.items()
    }
    return event


def _card(body: dict[str, Any]) -> dict[str, Any]:
    navigation = body["renderActions"]["action"]["navigations"][0]
    return next(iter(navigation.values()))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("email", "target", "allowed"),
    [
        (DEMO_TEACHER, FRAME, False),
        (DEMO_TEACHER, NORD_PROFILE, False),
        (DEMO_TEACHER, TEAM_4B, True),
        (DEMO_TEACHER, TEAM_2A, False),
        (DEMO_CURATOR, TEAM_4B, False),
        (DEMO_SCHOOL_ADMIN, NORD_PROFILE, True),
        (DEMO_SCHOOL_ADMIN, SOENDERVANG_PROFILE, False),
        (DEMO_SCHOOL_ADMIN, TEAM_4B, True),
        (DEMO_SCHOOL_ADMIN, FRAME, False),
        (DEMO_TENANT_ADMIN, FRAME, True),
        (DEMO_TENANT_ADMIN, NORD_PROFILE, True),
    ],
)
def test_only_the_layers_owner_may_save_it(
    addon: AddonClient, demo: Flask, email: str, target: dict[str, str], allowed: bool
) -> None:
    form = (
        {"text": "Ny tekst fra en test."}
        if target["kind"] != "team"
        else {"elevgruppe": "Ny elevgruppe fra en test."}
    )

    card = _card(
        addon.answer("/addon/actions/save-layer", _event(target, **form), email=email)
    )

    if allowed:
        assert "Gemt som version" in str(card)
    else:
        assert card["name"] == "error"
        assert "ikke adgang" in str(card)


def test_a_teacher_cannot_even_open_the_frame_editor(addon: AddonClient) -> None:
    card = _card(addon.answer("/addon/actions/edit-layer", _event(FRAME)))

    assert card["name"] == "error"


def test_the_homepage_offers_only_the_layers_the_caller_owns(
    addon: AddonClient,
) -> None:
    teacher = str(_card(addon.answer("/addon/home", "docs-homepage.json")))
    admin = str(
        _card(
            addon.answer("/addon/home", "docs-homepage.json", email=DEMO_TENANT_ADMIN)
        )
    )

    assert "Teamets kontekst" in teacher and "Kommunens ramme" not in teacher
    assert "Kommunens ramme" in admin


def test_a_member_of_another_tenant_sees_nothing_whatever_ids_it_sends(
    addon: AddonClient, demo: Flask
) -> None:
    store = demo.extensions["laerer"].store
    other = Tenant(
        id="anden-kommune",
        name="Anden Kommune",
        domains=("anden.dk",),
        frame=VersionedText("Anden ramme"),
    )
    store.put_tenant(other)
    store.put_domain("anden.dk", other.id)
    store.put_member(
        Member(
            email="boss@anden.dk",
            tenant_id=other.id,
            school_id="",
            roles=("tenant_admin",),
        )
    )

    for target in (NORD_PROFILE, TEAM_4B):
        card = _card(
            addon.answer(
                "/addon/actions/edit-layer",
                _event(target),
                email="boss@anden.dk",
                hd="anden.dk",
            )
        )
        assert "Nordskolen" not in str(card)
        assert card["name"] == "error"
    record_ids = [r.id for r in store.generations(DEMO_TENANT)]
    assert record_ids == []


def test_an_edit_becomes_a_new_version_and_the_next_generation_uses_it(
    addon: AddonClient, model_double: ModelDouble, demo: Flask
) -> None:
    addon.answer(
        "/addon/actions/save-layer",
        _event(
            TEAM_4B,
            klasse="4.b, 25 elever",
            elevgruppe="Klassen elsker rumfart.",
            didaktik="Vi læser i makkerpar.",
            tone="legende",
        ),
    )

    addon.answer("/addon/actions/generate", "docs-action-generate.json")

    system = model_double.requests[-1]["messages"][0]["content"]
    assert "Klassen elsker rumfart." in system
    record = demo.extensions["laerer"].store.generations(DEMO_TENANT)[0]
    assert ("team", "4b", 6) in record.layers


def test_an_over_long_text_is_refused_and_kept(addon: AddonClient) -> None:
    long_text = "Æbler og pærer. " * 500

    card = _card(
        addon.answer(
            "/addon/actions/save-layer",
            _event(NORD_PROFILE, text=long_text),
            email=DEMO_SCHOOL_ADMIN,
        )
    )

    assert "for lang" in str(card)
    assert long_text.strip() in str(card)


def test_versions_can_be_listed_and_an_earlier_one_restored(
    addon: AddonClient, model_double: ModelDouble
) -> None:
    addon.answer(
        "/addon/actions/save-layer",
        _event(NORD_PROFILE, text="Version tre."),
        email=DEMO_SCHOOL_ADMIN,
    )

    listing = _card(
        addon.answer(
            "/addon/actions/layer-versions",
            _event(NORD_PROFILE),
            email=DEMO_SCHOOL_ADMIN,
        )
    )
    assert "Version 3" in str(listing) and "Version 2" in str(listing)

    restored = _card(
        addon.answer(
            "/addon/actions/restore-layer",
            _event({**NORD_PROFILE, "version": "2"}),
            email=DEMO_SCHOOL_ADMIN,
        )
    )
    assert "Version 2 er gendannet som version 4." in str(restored)
    addon.answer("/addon/actions/generate", "docs-action-generate.json")
    system = model_double.requests[-1]["messages"][0]["content"]
    assert "udeskole" in system and "Version tre." not in system


def test_the_why_card_shows_each_layer_with_the_versions_the_audit_holds(
    addon: AddonClient, demo: Flask
) -> None:
    result = _card(addon.answer("/addon/actions/generate", "docs-action-generate.json"))
    why_button = next(
        b
        for s in result["sections"]
        for w in s["widgets"]
        for b in w.get("buttonList", {}).get("buttons", [])
        if b["onClick"]["action"]["function"].endswith("/why")
    )
    parameters = {
        p["key"]: p["value"] for p in why_button["onClick"]["action"]["parameters"]
    }

    why = _card(addon.answer("/addon/actions/why", _event(parameters)))

    headers = [s.get("header", "") for s in why["sections"]]
    record = demo.extensions["laerer"].store.generations(DEMO_TENANT)[0]
    versions = {kind: version for kind, _, version in record.layers}
    assert f"Kommunens ramme · v{versions['municipality']}" in headers
    assert f"Skolens profil · v{versions['school']}" in headers
    assert f"Team 4.b · v{versions['team']}" in headers
    assert any(h.startswith("Skabelon Læsetekst · v1") for h in headers)
    assert "skolepolitik" in str(why)


def test_someone_else_cannot_read_a_teachers_why_card(
    addon: AddonClient, demo: Flask
) -> None:
    addon.answer("/addon/actions/generate", "docs-action-generate.json")
    record = demo.extensions["laerer"].store.generations(DEMO_TENANT)[0]

    card = _card(
        addon.answer(
            "/addon/actions/why",
            _event({"generationId": record.id}),
            email=DEMO_CURATOR,
        )
    )

    assert card["name"] == "error"


def test_the_tenant_admin_changes_settings_with_the_frame(
    addon: AddonClient, demo: Flask
) -> None:
    addon.answer(
        "/addon/actions/save-layer",
        _event(
            FRAME,
            text="Ny ramme.",
            model="eu-model",
            keep_outputs="ja",
            retention_days="90",
            provenance_line="nej",
        ),
        email=DEMO_TENANT_ADMIN,
    )

    tenant = (
        demo.extensions["laerer"]
        .store.user_context(DEMO_TENANT, DEMO_TENANT_ADMIN)
        .tenant
    )
    assert tenant.settings.model == "eu-model"
    assert tenant.settings.keep_outputs and tenant.settings.retention_days == 90
    assert tenant.frame.text == "Ny ramme." and tenant.frame.version == 4


def test_seeding_twice_does_not_fail(demo: Flask) -> None:
    seed_demo_tenant(demo.extensions["laerer"].store)


def test_a_team_saves_its_pupil_names_which_then_never_reach_the_model(
    addon: AddonClient, demo: Flask, model_double: ModelDouble
) -> None:
    addon.answer(
        "/addon/actions/save-layer",
        _event(TEAM_4B, klasse="4.b, 22 elever", pupil_names="Sofie, Oliver\nSofie"),
    )
    store = demo.extensions["laerer"].store
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["formInputs"]["ekstra"] = {
        "stringInputs": {"value": ["Oliver skal have en lettere udgave."]}
    }
    addon.answer("/addon/actions/generate", event)

    assert store.user_context(DEMO_TENANT, DEMO_TEACHER).team.pupil_names == (
        "Sofie",
        "Oliver",
    )
    assert "Oliver" not in str(model_double.requests[-1]["messages"])
    changes = demo.extensions["laerer"].audit.recent(DEMO_TENANT)
    assert any("2 names" in str(record) for record in changes)
    assert "Sofie" not in str(changes)


def test_an_over_long_name_list_is_refused_and_kept_on_the_card(
    addon: AddonClient, demo: Flask
) -> None:
    names = ", ".join(f"Elevnavn{n:04d}" for n in range(200))

    card = _card(
        addon.answer("/addon/actions/save-layer", _event(TEAM_4B, pupil_names=names))
    )

    assert "Elevnavn0199" in str(card)
    assert "2000" in str(card)
    team = demo.extensions["laerer"].store.user_context(DEMO_TENANT, DEMO_TEACHER).team
    assert "Elevnavn0001" not in team.pupil_names


def test_an_empty_frame_or_a_strange_model_name_is_refused_and_nothing_is_saved(
    addon: AddonClient, demo: Flask
) -> None:
    store = demo.extensions["laerer"].store
    before = store.user_context(DEMO_TENANT, DEMO_TENANT_ADMIN).tenant

    empty = _card(
        addon.answer(
            "/addon/actions/save-layer",
            _event(FRAME, text="   ", model="gpt-4o", retention_days="30"),
            email=DEMO_TENANT_ADMIN,
        )
    )
    odd = _card(
        addon.answer(
            "/addon/actions/save-layer",
            _event(
                FRAME, text="Ny ramme.", model="gpt-4o; rm -rf /", retention_days="30"
            ),
            email=DEMO_TENANT_ADMIN,
        )
    )

    assert "Skal udfyldes." in str(empty)
    assert "Modelnavnet må kun bestå af" in str(odd)
    assert "gpt-4o; rm -rf /" in str(odd)  # the administrator's value is kept
    after = store.user_context(DEMO_TENANT, DEMO_TENANT_ADMIN).tenant
    assert after.frame.version == before.frame.version
    assert after.settings == before.settings


def test_a_context_without_guided_fields_survives_saving_one_field(
    addon: AddonClient, demo: Flask
) -> None:
    store = demo.extensions["laerer"].store
    before = store.user_context(DEMO_TENANT, DEMO_TEACHER).team.context.text
    editor = _card(addon.answer("/addon/actions/edit-layer", _event(TEAM_4B)))
    shown = {
        w["textInput"]["name"]: w["textInput"].get("value", "")
        for s in editor["sections"]
        for w in s["widgets"]
        if "textInput" in w
    }

    addon.answer(
        "/addon/actions/save-layer",
        _event(TEAM_4B, **{**shown, "niveauer": "Grøn, Gul, Rød"}),
    )

    after = store.user_context(DEMO_TENANT, DEMO_TEACHER).team.context.text
    assert "seks elever læser stadig langsomt" in before
    assert "seks elever læser stadig langsomt" in after
    assert "Grøn, Gul, Rød" in after


def test_changing_only_the_settings_keeps_the_frames_version(
    addon: AddonClient, demo: Flask
) -> None:
    store = demo.extensions["laerer"].store
    frame = store.user_context(DEMO_TENANT, DEMO_TENANT_ADMIN).tenant.frame

    addon.answer(
        "/addon/actions/save-layer",
        _event(FRAME, text=frame.text, retention_days="90", provenance_line="nej"),
        email=DEMO_TENANT_ADMIN,
    )

    tenant = store.user_context(DEMO_TENANT, DEMO_TENANT_ADMIN).tenant
    assert tenant.frame.version == frame.version
    assert tenant.settings.retention_days == 90
