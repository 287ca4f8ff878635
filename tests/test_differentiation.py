"""Differentiation: each level written to its LIX band, measured, retried once, told truly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from devtools.docs_double import DocsDouble
from devtools.model_double import ModelDouble
from services import documents, readability
from services.demo import DEMO_SCHOOL_ADMIN, DEMO_TEACHER, DEMO_TENANT_ADMIN
from services.differentiation import levels_for
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

INPUTS = {
    "emne": ["Vikingetiden"],
    "klassetrin": ["4"],
    "laengde": ["kort"],
    "fokus": ["samtale"],
    "ekstra": ["Emma elsker skibe."],
}


def _differentiate(
    addon: AddonClient, levels: str = "3", where: str = "here"
) -> dict[str, Any]:
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["parameters"] = {
        "templateId": "laesetekst",
        "docId": DEMO_DOC,
        "inputs": json.dumps(INPUTS),
    }
    event["commonEventObject"]["formInputs"] = {
        "levels": {"stringInputs": {"value": [levels]}},
        "where": {"stringInputs": {"value": [where]}},
    }
    body = addon.answer("/addon/actions/differentiate", event)
    card: dict[str, Any] = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    return card


def _sections(docs: DocsDouble) -> dict[str, str]:
    """The Doc's text split at its level headings (HEADING_1)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for paragraph in docs.paragraphs(DEMO_DOC):
        if paragraph[1] == "HEADING_1":
            current = paragraph[0].split(" (")[0]
            sections[current] = []
        elif current and not paragraph[0].startswith("Lavet med"):
            sections[current].append(paragraph[0])
    return {k: " ".join(v) for k, v in sections.items()}


@pytest.mark.parametrize(
    ("grade", "count", "expected"),
    [
        (4, 3, [(0, 9), (10, 25), (26, 35)]),
        (4, 2, [(0, 9), (10, 25)]),
        (9, 3, [(15, 24), (25, 35), (36, 45)]),
        (1, 2, [(0, 4), (5, 15)]),
    ],
)
def test_default_bands_follow_the_grade(
    grade: int, count: int, expected: list[tuple[int, int]]
) -> None:
    assert [level.lix_range for level in levels_for(grade, count)] == expected


def test_three_levels_land_in_their_bands_in_the_doc(
    addon: AddonClient, docs_double: DocsDouble, model_double: ModelDouble
) -> None:
    card = _differentiate(addon)

    sections = _sections(docs_double)
    assert list(sections) == ["Lettere", "På niveau", "Udfordrende"]
    for level in levels_for(4, 3):
        measured = readability.lix(sections[level.label])
        assert level.contains(measured), (level, measured)
    assert str(card).count("inden for målet") == 3
    assert len(model_double.requests) == 3


def test_a_level_that_misses_is_written_once_more_with_the_measured_value(
    addon: AddonClient, model_double: ModelDouble
) -> None:
    model_double.script("lix_off", times=1)

    card = _differentiate(addon)

    assert len(model_double.requests) == 4
    last_messages = [r["messages"][-1]["content"] for r in model_double.requests]
    # The levels run in parallel, so the retry need not be the last request.
    assert sum("Teksten fik LIX" in content for content in last_messages) == 1
    assert str(card).count("inden for målet") == 3


def test_a_level_that_misses_twice_is_reported_with_its_true_lix(
    addon: AddonClient, model_double: ModelDouble, docs_double: DocsDouble
) -> None:
    model_double.script("lix_off", times=-1)

    card = _differentiate(addon, levels="2")

    assert len(model_double.requests) == 4
    assert str(card).count("uden for målet efter 2 forsøg") == 2
    sections = _sections(docs_double)
    for level in levels_for(4, 2):
        assert not level.contains(readability.lix(sections[level.label]))


def test_the_result_card_offers_differentiation_with_the_teachers_inputs(
    addon: AddonClient,
) -> None:
    body = addon.answer("/addon/actions/generate", "docs-action-generate.json")
    card = body["renderActions"]["action"]["navigations"][0]["pushCard"]

    button = next(
        b
        for s in card["sections"]
        for w in s["widgets"]
        for b in w.get("buttonList", {}).get("buttons", [])
        if b["onClick"]["action"]["function"].endswith("/choose-levels")
    )
    parameters = {
        p["key"]: p["value"] for p in button["onClick"]["action"]["parameters"]
    }
    assert json.loads(parameters["inputs"])["emne"] == [
        "Vikingetiden – hverdagsliv på en gård"
    ]


def test_names_are_hidden_from_the_model_in_every_level(
    addon: AddonClient, model_double: ModelDouble
) -> None:
    _differentiate(addon)

    assert all(
        "Emma" not in json.dumps(r, ensure_ascii=False) for r in model_double.requests
    )


def test_level_text_is_measured_without_markdown() -> None:
    text = documents.plain_text("# Overskrift\n\nEn kort sætning. En til.")

    assert readability.measure(text).words >= 5


def test_each_level_can_get_its_own_doc_in_the_open_docs_folder(
    addon: AddonClient, docs_double: DocsDouble
) -> None:
    docs_double.create_document(DEMO_DOC, "Dansk 4.b – uge 12", parents=("mappe-4b",))

    card = _differentiate(addon, where="separate")

    created = {
        doc_id: title
        for doc_id, title in docs_double.titles().items()
        if doc_id != DEMO_DOC
    }
    bands = {level.label: level for level in levels_for(4, 3)}
    assert sorted(created.values()) == sorted(
        f"Dansk 4.b – uge 12 – {label}" for label in bands
    )
    for doc_id, title in created.items():
        level = bands[title.rsplit(" – ", 1)[1]]
        text = docs_double.text(doc_id)
        body = text.split("\n", 1)[1].split("Lavet med")[0]
        assert docs_double.parents(doc_id) == ["mappe-4b"]
        assert level.contains(readability.lix(body)), (title, readability.lix(body))
    assert docs_double.text(DEMO_DOC).strip() == ""  # the open Doc is left as it was
    links = [
        b["onClick"]["openLink"]["url"]
        for s in card["sections"]
        for w in s["widgets"]
        for b in w.get("buttonList", {}).get("buttons", [])
        if "openLink" in b["onClick"]
    ]
    assert sorted(links) == sorted(
        f"https://docs.google.com/document/d/{doc_id}/edit" for doc_id in created
    )


def test_a_municipality_and_a_school_move_the_bands_and_a_team_names_its_levels() -> (
    None
):
    default = levels_for(4, 3)

    moved = levels_for(4, 3, adjust=2, names=("Grøn", "Gul", " "))

    assert [level.label for level in moved] == ["Grøn", "Gul", "Udfordrende"]
    for before, after in zip(default, moved, strict=True):
        assert after.lix_range == (before.lix_range[0] + 2, before.lix_range[1] + 2)
    assert levels_for(4, 2, adjust=-99)[0].lix_range[0] == 0  # clamped, never negative


def test_the_settings_cards_adjust_the_bands_that_a_differentiation_uses(
    addon: AddonClient,
) -> None:
    frame = {"kind": "municipality", "schoolId": "", "teamId": "", "docId": DEMO_DOC}
    school = {
        "kind": "school",
        "schoolId": "nordskolen",
        "teamId": "",
        "docId": DEMO_DOC,
    }
    team = {"kind": "team", "schoolId": "nordskolen", "teamId": "4b", "docId": DEMO_DOC}

    def save(parameters: dict[str, str], email: str, **form: str) -> None:
        event = load_fixture("docs-action-open-template.json")
        event["commonEventObject"]["parameters"] = parameters
        event["commonEventObject"]["formInputs"] = {
            k: {"stringInputs": {"value": [v]}} for k, v in form.items()
        }
        addon.answer("/addon/actions/save-layer", event, email=email)

    save(frame, DEMO_TENANT_ADMIN, text="Rammen.", retention_days="30", lix_adjust="4")
    save(school, DEMO_SCHOOL_ADMIN, text="Profilen.", lix_adjust="-2")
    save(team, DEMO_TEACHER, klasse="4.b", niveauer="Grøn, Gul, Rød")

    card = _differentiate(addon)

    text = json.dumps(card, ensure_ascii=False)
    for level, name in zip(
        levels_for(4, 3, adjust=2), ("Grøn", "Gul", "Rød"), strict=True
    ):
        low, high = level.lix_range
        assert f"LIX-mål {low}–{high}" in text
        assert f"{name}: LIX" in text


def test_default_level_names_follow_the_teachers_language(addon: AddonClient) -> None:
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["userLocale"] = "en-GB"
    event["commonEventObject"]["parameters"] = {
        "templateId": "laesetekst",
        "docId": DEMO_DOC,
        "inputs": json.dumps(INPUTS),
    }
    event["commonEventObject"]["formInputs"] = {
        "levels": {"stringInputs": {"value": ["3"]}}
    }

    body = addon.answer("/addon/actions/differentiate", event)

    text = json.dumps(body, ensure_ascii=False)
    assert "Easier: LIX" in text and "Challenging: LIX" in text
    assert "Lettere: LIX" not in text


def test_a_template_with_a_grade_offers_levels_on_its_own_form(
    addon: AddonClient, docs_double: DocsDouble
) -> None:
    form = load_fixture("docs-action-open-template.json")
    card = addon.answer("/addon/actions/open-template", form)
    event = load_fixture("docs-action-generate.json")
    event["commonEventObject"]["formInputs"]["laeseniveauer"] = {
        "stringInputs": {"value": ["3"]}
    }

    body = addon.answer("/addon/actions/generate", event)

    assert '"name": "laeseniveauer"' in json.dumps(card)
    levels = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    assert levels["name"] == "levels"
    assert set(_sections(docs_double)) == {level.label for level in levels_for(4, 3)}
