"""The seed library: enough valid, tested Danish templates to start with."""

from __future__ import annotations

import pytest
from flask import Flask

from services.config import Settings
from services.curation import TestRunner
from services.demo import DEMO_TEACHER, DEMO_TENANT
from services.framing import FREE_IDEA_TEMPLATE_ID, FREE_IDEA_VARIABLE
from services.generation import ModelClient, build_openai_client
from services.models import Template, TemplateVersion
from services.seed_library import seed_template, seed_templates
from services.templates import parse_form_values, placeholders, validate_template

SEEDS = seed_templates()
IDS = [template.id for template, _ in SEEDS]


def by_id(template_id: str) -> tuple[Template, TemplateVersion]:
    return seed_template(template_id)


def test_library_has_at_least_twelve_templates_with_unique_ids() -> None:
    assert len(SEEDS) >= 12
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize(("template", "version"), SEEDS, ids=IDS)
def test_every_template_is_valid(template: Template, version: TemplateVersion) -> None:
    validate_template(version.body, version.variables)


@pytest.mark.parametrize(("template", "version"), SEEDS, ids=IDS)
def test_every_template_is_published_at_version_one(
    template: Template, version: TemplateVersion
) -> None:
    assert (template.status, template.published_version) == ("published", 1)
    assert (version.template_id, version.version) == (template.id, 1)
    assert template.title and template.category and template.description


@pytest.mark.parametrize(("template", "version"), SEEDS, ids=IDS)
def test_every_template_has_three_test_cases_with_valid_inputs(
    template: Template, version: TemplateVersion
) -> None:
    assert len(version.test_cases) >= 3
    names = {variable.name for variable in version.variables}
    for case in version.test_cases:
        assert set(case.inputs) <= names, case.name
        assert case.must_mention, case.name
        raw = {
            name: [value] if isinstance(value, str) else list(value)
            for name, value in case.inputs.items()
        }
        assert parse_form_values(version.variables, raw)[1] == {}, case.name


@pytest.mark.parametrize(("template", "version"), SEEDS, ids=IDS)
def test_choice_options_are_unique_and_labelled(
    template: Template, version: TemplateVersion
) -> None:
    for variable in version.variables:
        values = [option.value for option in variable.options]
        assert len(set(values)) == len(values), variable.name
        assert all(option.label for option in variable.options), variable.name
        if variable.default:
            assert variable.default in values, variable.name


def test_laesetekst_has_exactly_the_specified_variables() -> None:
    template, version = by_id("laesetekst")

    shape = [
        (v.name, v.kind, v.required, tuple(o.value for o in v.options))
        for v in version.variables
    ]

    assert (template.title, template.category) == ("Læsetekst", "Læsning og tekster")
    assert shape == [
        ("emne", "text", True, ()),
        ("klassetrin", "grade", True, ()),
        ("laengde", "choice", True, ("kort", "mellem", "lang")),
        (
            "fokus",
            "multi_choice",
            False,
            ("ordforraad", "spoergsmaal", "skriveopgave", "samtale"),
        ),
        ("ekstra", "long_text", False, ()),
    ]
    assert version.variables[0].label == "Emne"
    assert [option.label for option in version.variables[3].options] == [
        "Ordforråd",
        "Spørgsmål til teksten",
        "Skriveopgave",
        "Samtale",
    ]


def test_free_idea_template_has_one_required_long_text_variable() -> None:
    template, version = by_id(FREE_IDEA_TEMPLATE_ID)

    (variable,) = version.variables

    assert template.title == "Fri idé"
    assert (variable.name, variable.kind, variable.required) == (
        FREE_IDEA_VARIABLE,
        "long_text",
        True,
    )
    assert placeholders(version.body) == [FREE_IDEA_VARIABLE]


@pytest.mark.parametrize(
    "template_id",
    [
        "undervisningsforloeb",
        "aktiviteter-bevaegelse",
        "differentierede-opgaver",
        "quiz",
        "samtalespoergsmaal",
        "foraeldrebrev",
        "feedback-skabelon",
        "ordliste-dsa",
        "exit-tickets",
        "tvaerfagligt-projekt",
        "regnehistorier",
    ],
)
def test_library_covers_the_promised_kinds_of_material(template_id: str) -> None:
    assert template_id in IDS


def test_parent_letter_keeps_pupils_anonymous() -> None:
    _, version = by_id("foraeldrebrev")

    assert "må ikke nævne enkelte elever" in version.body
    assert any(case.must_not_mention for case in version.test_cases)


def test_unknown_seed_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        seed_template("findes-ikke")


@pytest.mark.parametrize("template_id", IDS)
def test_every_seed_template_passes_its_own_test_cases_against_the_model_double(
    template_id: str, demo: Flask, settings: Settings
) -> None:
    """What "Kør tests" does for a curator, with the demo teacher's frames."""
    model = ModelClient(
        build_openai_client(settings),
        default_model=settings.model_name,
        budget_seconds=settings.model_budget_seconds,
        max_attempts=1,
    )
    context = demo.extensions["laerer"].store.user_context(DEMO_TENANT, DEMO_TEACHER)
    meta, version = seed_template(template_id)

    results = TestRunner(model).run(context, meta, version)

    assert len(results) >= 3
    failed = {
        r.name: [c for c in r.checks if not c.passed] for r in results if not r.passed
    }
    assert not failed, failed
