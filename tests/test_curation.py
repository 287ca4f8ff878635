"""Curated templates: draft, tests, review, publication, rollback, ratings, JSON files.

Everything runs against the Firestore emulator and the model double, through signed
add-on events as Google sends them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask

from addon.curation_actions import register_curation
from devtools.model_double import ModelDouble
from services.config import Settings
from services.curation import check_output, is_danish
from services.demo import (
    DEMO_CURATOR,
    DEMO_SCHOOL_ADMIN,
    DEMO_TEACHER,
    DEMO_TENANT,
    DEMO_TENANT_ADMIN,
)
from services.generation import ModelClient, build_openai_client
from services.models import Member, Tenant, TestCase, VersionedText
from services.template_repository import TemplateRepository
from tests.conftest import DEMO_DOC, AddonClient
from tests.events import load_fixture

SECOND_CURATOR = "kurator2@demo-kommune.dk"
OTHER_SCHOOL_CURATOR = "kurator@soendervang.demo-kommune.dk"

VARIABLES = (
    "emne | Emne | tekst | påkrævet | | Fx heste\nklassetrin | Klassetrin | klassetrin"
)
BODY = "Skriv en kort faktatekst om {{emne}} til {{klassetrin}}. klasse."
PASSING_TESTS = (
    "Heste | emne=Heste; klassetrin=3 | nævner: heste | lix: 5-45 | ord: 40-400 | dansk\n"
    "Køer | emne=Køer; klassetrin=4 | nævner: KØER | dansk\n"
    "Grise | emne=Grise; klassetrin=5 | nævner: grise | nævner ikke: reklame"
)
FAILING_TESTS = PASSING_TESTS.replace("nævner: grise", "nævner: enhjørning")


def _event(parameters: dict[str, str], **form: str) -> dict[str, Any]:
    event = load_fixture("docs-action-open-template.json")
    event["commonEventObject"]["parameters"] = {**parameters, "docId": DEMO_DOC}
    event["commonEventObject"]["formInputs"] = {
        name: {"stringInputs": {"value": [value]}} for name, value in form.items()
    }
    return event


def _form(**changes: str) -> dict[str, str]:
    form = {
        "title": "Dyrefakta",
        "category": "Natur og teknologi",
        "description": "En kort faktatekst om et dyr.",
        "scope": "tenant",
        "variables": VARIABLES,
        "body": BODY,
        "test_cases": PASSING_TESTS,
    }
    return {**form, **changes}


def _card(body: dict[str, Any]) -> dict[str, Any]:
    navigation = body["renderActions"]["action"]["navigations"][0]
    return next(iter(navigation.values()))  # type: ignore[no-any-return]


@pytest.fixture
def curation_app(demo: Flask, settings: Settings) -> Flask:
    """The demo app, its curators' use cases running tests on one model attempt."""
    model = ModelClient(
        build_openai_client(settings),
        default_model=settings.model_name,
        budget_seconds=settings.model_budget_seconds,
        max_attempts=1,
    )
    register_curation(demo, model)
    store = demo.extensions["laerer"].store
    store.put_member(
        Member(
            SECOND_CURATOR, DEMO_TENANT, "nordskolen", ("5a",), ("teacher", "curator")
        )
    )
    store.put_member(
        Member(OTHER_SCHOOL_CURATOR, DEMO_TENANT, "soendervang", (), ("curator",))
    )
    return demo


class Curators:
    """Sends the curators' actions as a given person and returns the card."""

    def __init__(self, addon: AddonClient, app: Flask) -> None:
        self.addon = addon
        self.app = app

    def card(
        self,
        name: str,
        parameters: dict[str, str],
        email: str = DEMO_CURATOR,
        **form: str,
    ) -> dict[str, Any]:
        body = self.addon.answer(
            f"/addon/actions/{name}", _event(parameters, **form), email=email
        )
        return _card(body)

    def text(self, name: str, parameters: dict[str, str], **kwargs: Any) -> str:
        return json.dumps(self.card(name, parameters, **kwargs), ensure_ascii=False)

    def new_template(self, **changes: str) -> str:
        """Save a new template from the curator's form; return its id."""
        self.card("save-template", {"templateId": ""}, **_form(**changes))
        ids = [e.template.id for e in self.repository.entries(DEMO_TENANT)]
        return next(i for i in ids if i.startswith("dyrefakta"))

    def tested_and_submitted(self, template_id: str, **changes: str) -> int:
        """Save, run the tests and submit; return the submitted version's number."""
        form = _form(**changes)
        self.card("test-template", {"templateId": template_id}, **form)
        entry = self.repository.entry(DEMO_TENANT, template_id)
        assert entry is not None
        number = entry.latest_version
        self.card(
            "submit-template",
            {"templateId": template_id, "version": str(number)},
            **form,
        )
        return number

    @property
    def repository(self) -> TemplateRepository:
        return TemplateRepository(self.app.extensions["laerer"].store)

    def published_for_teacher(self, template_id: str) -> tuple[int, str] | None:
        """The version and body a teacher would get, or None if not offered."""
        assistant = self.app.extensions["laerer"].assistant
        context = assistant.context(DEMO_TENANT, DEMO_TEACHER)
        if template_id not in {t.id for t in context.templates}:
            return None
        chosen = assistant.open_template(DEMO_TENANT, DEMO_TEACHER, template_id)
        return chosen.version.version, chosen.version.body


@pytest.fixture
def curators(addon: AddonClient, curation_app: Flask) -> Curators:
    return Curators(addon, curation_app)


# -- who curates -------------------------------------------------------------------------


def test_a_teacher_cannot_open_the_template_list(curators: Curators) -> None:
    card = curators.card("templates", {}, email=DEMO_TEACHER)

    assert card["name"] == "error"


def test_a_curator_sees_the_seed_templates_in_the_list(curators: Curators) -> None:
    card = curators.text("templates", {})

    assert "Læsetekst" in card and "Ny skabelon" in card


def test_a_curator_of_another_school_cannot_edit_a_schools_template(
    curators: Curators,
) -> None:
    template_id = curators.new_template(scope="school:nordskolen")

    card = curators.card(
        "edit-template", {"templateId": template_id}, email=OTHER_SCHOOL_CURATOR
    )

    assert card["name"] == "error"
    assert "Dyrefakta" not in curators.text("templates", {}, email=OTHER_SCHOOL_CURATOR)


# -- drafts and validation ----------------------------------------------------------------


def test_saving_a_new_template_makes_a_draft_that_teachers_do_not_see(
    curators: Curators,
) -> None:
    curators.addon.answer("/addon/home", "docs-homepage.json")  # fills the cache

    card = curators.text("save-template", {"templateId": ""}, **_form())

    assert "Gemt som version 1 (kladde)." in card
    assert curators.published_for_teacher("dyrefakta") is None


def test_saving_without_changes_makes_no_new_version(curators: Curators) -> None:
    template_id = curators.new_template()

    card = curators.text("save-template", {"templateId": template_id}, **_form())

    assert "Ingen ændringer: version 1 er uændret." in card


def test_a_draft_with_problems_is_refused_line_by_line_and_keeps_the_values(
    curators: Curators,
) -> None:
    form = _form(
        body="Skriv om {{emn}} til {{klassetrin}}. klasse.",
        test_cases="Heste | emne=Heste; klassetrin=3\nKøer | emne=Køer; klassetrin=12",
    )

    card = curators.text("save-template", {"templateId": ""}, **form)

    assert "Ret de markerede felter." in card
    assert (
        "Pladsholderen {{emn}} passer ikke til nogen variabel. Mente du {{emne}}?"
        in card
    )
    assert "Linje 2: »klassetrin« skal være et klassetrin fra 0 til 10." in card
    assert "Skriv om {{emn}}" in card and "klassetrin=12" in card
    assert curators.repository.entry(DEMO_TENANT, "dyrefakta") is None


def test_a_bad_variable_line_is_named_in_english_too(curators: Curators) -> None:
    event = _event({"templateId": ""}, **_form(variables="emne | Emne | tal"))
    event["commonEventObject"]["userLocale"] = "en-GB"

    body = curators.addon.answer(
        "/addon/actions/save-template", event, email=DEMO_CURATOR
    )

    assert "Line 1: There is no type »tal«." in json.dumps(body, ensure_ascii=False)


# -- tests and submission ------------------------------------------------------------------


def test_failing_tests_block_submission_and_passing_tests_allow_it(
    curators: Curators, model_double: ModelDouble
) -> None:
    template_id = curators.new_template(test_cases=FAILING_TESTS)

    tested = curators.text(
        "test-template", {"templateId": template_id}, **_form(test_cases=FAILING_TESTS)
    )
    refused = curators.text(
        "submit-template",
        {"templateId": template_id, "version": "1"},
        **_form(test_cases=FAILING_TESTS),
    )

    assert "Tests kørt på version 1: 2 af 3 bestået." in tested
    assert "Mangler: enhjørning" in tested
    assert "Alle testcases skal bestå" in refused
    assert len(model_double.requests) == 3
    system = model_double.requests[0]["messages"][0]["content"]
    assert "udeskole" in system and "Team 5.a" in system  # the curator's own frames

    tested = curators.text("test-template", {"templateId": template_id}, **_form())
    submitted = curators.text(
        "submit-template", {"templateId": template_id, "version": "2"}, **_form()
    )

    assert "Tests kørt på version 2: 3 af 3 bestået." in tested
    assert "Version 2 er sendt til godkendelse." in submitted
    entry = curators.repository.entry(DEMO_TENANT, template_id)
    assert entry is not None and entry.latest_status == "in_review"


def test_a_template_with_fewer_than_three_test_cases_cannot_be_submitted(
    curators: Curators,
) -> None:
    two = "\n".join(PASSING_TESTS.splitlines()[:2])
    template_id = curators.new_template(test_cases=two)
    curators.card("test-template", {"templateId": template_id}, **_form(test_cases=two))

    card = curators.text(
        "submit-template",
        {"templateId": template_id, "version": "1"},
        **_form(test_cases=two),
    )

    assert "mindst 3 testcases" in card


def test_an_untested_version_cannot_be_submitted(curators: Curators) -> None:
    template_id = curators.new_template()

    card = curators.text(
        "submit-template", {"templateId": template_id, "version": "1"}, **_form()
    )

    assert "Kør testene på denne version" in card


def test_unsaved_changes_cannot_be_submitted(curators: Curators) -> None:
    template_id = curators.new_template()
    curators.card("test-template", {"templateId": template_id}, **_form())

    card = curators.text(
        "submit-template",
        {"templateId": template_id, "version": "1"},
        **_form(body=BODY + " Brug korte sætninger."),
    )

    assert "ikke er gemt og testet" in card
    assert "Brug korte sætninger." in card


def test_a_model_error_fails_only_its_own_case(
    curators: Curators, model_double: ModelDouble
) -> None:
    template_id = curators.new_template()
    model_double.script("refusal", times=1)

    card = curators.text("test-template", {"templateId": template_id}, **_form())

    assert "2 af 3 bestået" in card
    assert "Sprogmodellen gav intet brugbart svar" in card


# -- review and publication ------------------------------------------------------------------


def test_nobody_approves_their_own_version(curators: Curators) -> None:
    template_id = curators.new_template()
    number = curators.tested_and_submitted(template_id)
    parameters = {"templateId": template_id, "version": str(number)}

    review = curators.text("review-template", parameters)
    card = curators.card("approve-template", parameters, comment="Fin")

    assert "Du har selv skrevet denne version" in review
    assert "Godkend og offentliggør" not in review
    assert card["name"] == "error"
    assert "Du kan ikke godkende din egen version" in json.dumps(
        card, ensure_ascii=False
    )
    assert curators.published_for_teacher(template_id) is None


def test_the_reviewer_sees_the_test_results_and_the_changes(curators: Curators) -> None:
    template_id = curators.new_template()
    number = curators.tested_and_submitted(template_id)

    card = curators.text(
        "review-template",
        {"templateId": template_id, "version": str(number)},
        email=SECOND_CURATOR,
    )

    assert "Testresultater for version 1" in card
    assert "Nævner heste" in card and "Bestået" in card
    assert "+Titel: Dyrefakta" in card
    assert "Godkend og offentliggør" in card


def test_approval_publishes_and_teachers_get_only_the_published_version(
    curators: Curators,
) -> None:
    template_id = curators.new_template()
    first = curators.tested_and_submitted(template_id)
    curators.addon.answer("/addon/home", "docs-homepage.json")  # fills the cache

    card = curators.text(
        "approve-template",
        {"templateId": template_id, "version": str(first)},
        email=DEMO_SCHOOL_ADMIN,
        comment="Klar til brug.",
    )

    assert "Version 1 er godkendt og offentliggjort." in card
    assert curators.published_for_teacher(template_id) == (1, BODY)
    homepage = json.dumps(curators.addon.answer("/addon/home", "docs-homepage.json"))
    assert "Dyrefakta" in homepage

    changed = BODY + " Slut med tre spørgsmål."
    second = curators.tested_and_submitted(template_id, body=changed)

    assert curators.published_for_teacher(template_id) == (1, BODY)
    curators.card(
        "approve-template",
        {"templateId": template_id, "version": str(second)},
        email=SECOND_CURATOR,
    )
    assert curators.published_for_teacher(template_id) == (2, changed)
    states = [
        s.version.status for s in curators.repository.versions(DEMO_TENANT, template_id)
    ]
    assert states == ["published", "archived"]


def test_sending_back_needs_a_comment_and_returns_a_draft_with_it(
    curators: Curators,
) -> None:
    template_id = curators.new_template()
    number = curators.tested_and_submitted(template_id)
    parameters = {"templateId": template_id, "version": str(number)}

    refused = curators.text("return-template", parameters, email=SECOND_CURATOR)
    curators.card(
        "return-template",
        parameters,
        email=SECOND_CURATOR,
        comment="Tilføj et billede.",
    )
    editor = curators.text("edit-template", {"templateId": template_id})

    assert "Skriv en kommentar" in refused
    assert "Kommentar fra kurator2@demo-kommune.dk: Tilføj et billede." in editor
    assert "Send til godkendelse" in editor
    assert curators.published_for_teacher(template_id) is None


def test_rollback_publishes_an_earlier_version_again(curators: Curators) -> None:
    template_id = curators.new_template()
    curators.tested_and_submitted(template_id)
    curators.card(
        "approve-template",
        {"templateId": template_id, "version": "1"},
        email=SECOND_CURATOR,
    )
    curators.tested_and_submitted(template_id, body=BODY + " Version to.")
    curators.card(
        "approve-template",
        {"templateId": template_id, "version": "2"},
        email=SECOND_CURATOR,
    )

    listing = curators.text("template-versions", {"templateId": template_id})
    card = curators.text(
        "rollback-template", {"templateId": template_id, "version": "1"}
    )

    assert "Offentliggør v1 igen" in listing
    assert "Version 1 er offentliggjort igen." in card
    assert curators.published_for_teacher(template_id) == (1, BODY)
    entry = curators.repository.entry(DEMO_TENANT, template_id)
    assert entry is not None and entry.template.published_version == 1


def test_a_version_that_was_never_published_cannot_be_rolled_back_to(
    curators: Curators,
) -> None:
    template_id = curators.new_template()

    card = curators.text(
        "rollback-template", {"templateId": template_id, "version": "1"}
    )

    assert "Kun en version, der har været offentliggjort" in card
    assert curators.published_for_teacher(template_id) is None


def test_two_versions_can_be_compared_line_by_line(curators: Curators) -> None:
    template_id = curators.new_template()
    curators.card(
        "save-template", {"templateId": template_id}, **_form(body=BODY + " Ny linje.")
    )

    card = curators.text(
        "template-diff", {"templateId": template_id, "from": "1", "to": "2"}
    )

    assert "Forskelle v1 → v2" in card
    assert f"-{BODY}" in card and f"+{BODY} Ny linje." in card


def test_archiving_takes_a_template_out_of_the_teachers_catalogue(
    curators: Curators,
) -> None:
    curators.addon.answer("/addon/home", "docs-homepage.json")

    card = curators.text("archive-template", {"templateId": "quiz"})

    assert "arkiveret" in card
    assert curators.published_for_teacher("quiz") is None
    assert curators.published_for_teacher("laesetekst") is not None


def test_a_seed_template_published_before_can_be_edited_and_keeps_its_version(
    curators: Curators,
) -> None:
    editor = curators.text("edit-template", {"templateId": "laesetekst"})

    assert "Version 1 · offentliggjort" in editor
    assert "laengde | Længde | valg | påkrævet | kort=Kort (ca. 150-250 ord)" in editor


# -- ratings ----------------------------------------------------------------------------------


def _generate_as_teacher(curators: Curators) -> str:
    curators.addon.answer("/addon/actions/generate", "docs-action-generate.json")
    store = curators.app.extensions["laerer"].store
    return store.generations(DEMO_TENANT)[0].id  # type: ignore[no-any-return]


def _rating(generation_id: str, value: str, version: str = "1") -> dict[str, str]:
    return {
        "generationId": generation_id,
        "templateId": "laesetekst",
        "version": version,
        "value": value,
    }


def test_a_teacher_rates_an_output_and_curators_see_it_per_version(
    curators: Curators,
) -> None:
    generation_id = _generate_as_teacher(curators)

    answer = curators.addon.answer(
        "/addon/actions/rate",
        _event(_rating(generation_id, "down"), rating_comment="For svær til 4.b"),
    )
    editor = curators.text("edit-template", {"templateId": "laesetekst"})

    notification = answer["renderActions"]["action"]["notification"]["text"]
    assert "Tak! Din vurdering" in notification
    assert "v1: 👍 0 · 👎 1" in editor
    assert "For svær til 4.b" in editor


def test_a_second_rating_of_the_same_output_replaces_the_first(
    curators: Curators,
) -> None:
    generation_id = _generate_as_teacher(curators)

    for value in ("down", "up"):
        curators.addon.answer(
            "/addon/actions/rate", _event(_rating(generation_id, value))
        )

    ratings = curators.repository.ratings(DEMO_TENANT, "laesetekst")
    assert [(r.version, r.up) for r in ratings] == [(1, True)]


def test_only_the_teacher_who_generated_may_rate(curators: Curators) -> None:
    generation_id = _generate_as_teacher(curators)

    body = curators.addon.answer(
        "/addon/actions/rate", _event(_rating(generation_id, "up")), email=DEMO_CURATOR
    )
    wrong_version = curators.addon.answer(
        "/addon/actions/rate", _event(_rating(generation_id, "up", version="2"))
    )

    assert _card(body)["name"] == "error"
    assert _card(wrong_version)["name"] == "error"
    assert curators.repository.ratings(DEMO_TENANT, "laesetekst") == ()


def test_contact_details_in_a_rating_comment_are_not_stored(curators: Curators) -> None:
    generation_id = _generate_as_teacher(curators)

    curators.addon.answer(
        "/addon/actions/rate",
        _event(_rating(generation_id, "up"), rating_comment="Skriv til mor@example.dk"),
    )

    (rating,) = curators.repository.ratings(DEMO_TENANT, "laesetekst")
    assert rating.comment == "Skriv til [e-mail 1]"


# -- checks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        (
            "Vikingerne boede på gårde, og de sejlede langt over havet for at handle.",
            True,
        ),
        ("The Vikings lived on farms and sailed far across the sea to trade.", False),
        (
            "Vikingarna bodde på gårdar och de seglade långt över havet för att handla.",
            False,
        ),
        ("Og det er slut nu.", False),  # too short to carry æ, ø or å
        ("", False),
    ],
)
def test_the_danish_check_tells_danish_from_english_and_swedish(
    text: str, danish: bool
) -> None:
    assert is_danish(text) is danish


def test_checks_match_case_insensitively_and_report_what_is_missing() -> None:
    case = TestCase(
        "Heste",
        {"emne": "Heste"},
        must_mention=("HESTE", "stald"),
        must_not_mention=("reklame",),
        danish=False,
    )

    checks = check_output(case, "# Om heste\n\nHesten står i en **Reklame**-stald.", {})

    by_kind = {check.kind: check for check in checks}
    assert by_kind["mentions"].passed and by_kind["mentions"].found == ""
    assert not by_kind["not_mentions"].passed
    assert by_kind["not_mentions"].found == "reklame"


def test_personal_data_from_the_inputs_may_not_come_back() -> None:
    case = TestCase("Brev", {"indhold": "Ring til mor på 22 33 44 55"})
    values = {"indhold": "Ring til Emma Hansens mor på 22 33 44 55, CPR 010203-1234"}

    leaked = check_output(case, "Ring på 22334455 om Emma.", values, names=["Emma"])
    clean = check_output(
        case, "Ring til skolen på 44 55 66 77.", values, names=["Emma"]
    )

    personal = {c.kind: c for c in leaked}["personal_data"]
    assert not personal.passed and personal.found == "phone, name"
    assert {c.kind: c for c in clean}["personal_data"].passed


# -- export and import -------------------------------------------------------------------------


def test_templates_can_be_exported_and_imported_into_another_municipality(
    curation_app: Flask, tmp_path: Any
) -> None:
    store = curation_app.extensions["laerer"].store
    other = Tenant("anden-kommune", "Anden Kommune", ("anden.dk",), VersionedText(""))
    store.put_tenant(other)
    runner = curation_app.test_cli_runner()
    exported = tmp_path / "skabeloner.json"

    export = runner.invoke(args=["export-templates", DEMO_TENANT, str(exported)])
    first = runner.invoke(
        args=["import-templates", other.id, str(exported), "--publish"]
    )
    again = runner.invoke(args=["import-templates", other.id, str(exported)])

    assert export.exit_code == 0, export.output
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["templates"]) == 14
    assert first.exit_code == 0, first.output
    assert "laesetekst: version 1 (published)" in first.output
    assert "laesetekst: version 2 (draft)" in again.output
    catalogue = store.user_context(other.id, "x@anden.dk").templates
    assert len(catalogue) == 14
    assert {t.published_version for t in catalogue} == {1}


def test_an_invalid_template_file_is_refused_before_anything_is_written(
    curation_app: Flask, tmp_path: Any
) -> None:
    source = tmp_path / "fejl.json"
    good = {
        "id": "god",
        "title": "God",
        "category": "Test",
        "body": "Om {{emne}}.",
        "variables": [{"name": "emne", "label": "Emne"}],
        "test_cases": [{"name": "Heste", "inputs": {"emne": "Heste"}}],
    }
    bad = {**good, "id": "darlig", "body": "Om {{emner}}."}
    source.write_text(
        json.dumps(
            {"format": "laerervaerelset-templates", "format_version": 1,
             "templates": [good, bad]}
        ),
        encoding="utf-8",
    )  # fmt: skip

    result = curation_app.test_cli_runner().invoke(
        args=["import-templates", DEMO_TENANT, str(source)]
    )

    assert result.exit_code != 0
    assert "templates[1] (darlig)" in result.output
    assert "Pladsholderen {{emner}}" in result.output
    repository = TemplateRepository(curation_app.extensions["laerer"].store)
    assert repository.entry(DEMO_TENANT, "god") is None


def test_the_tenant_admin_may_scope_a_template_to_any_school(
    curators: Curators,
) -> None:
    editor = curators.text("edit-template", {"templateId": ""}, email=DEMO_TENANT_ADMIN)

    assert "Kun Nordskolen" in editor and "Kun Søndervangskolen" in editor
