"""The line syntax curators write variables and test cases in, and its messages."""

from __future__ import annotations

import inspect
import re

import pytest

from cards.messages import MESSAGES, t
from services import template_text
from services.models import Option, Template, TemplateVersion, TestCase, Variable
from services.seed_library import seed_templates
from services.template_text import (
    format_test_cases,
    format_variables,
    parse_test_cases,
    parse_variables,
)

VARIABLES = (
    Variable("emne", "Emne"),
    Variable("klassetrin", "Klassetrin", kind="grade"),
    Variable(
        "fokus",
        "Fokus",
        kind="multi_choice",
        required=False,
        options=(Option("ordforraad", "Ordforråd"), Option("samtale", "Samtale")),
    ),
    Variable("ekstra", "Særlige ønsker", kind="long_text", required=False),
)
SEEDS = seed_templates()


def test_the_example_on_the_card_reads_as_one_test_case() -> None:
    line = (
        "Navn | emne=Vikinger; klassetrin=4 | nævner: vikinger, gård | "
        "nævner ikke: reklame | lix: 20-40 | ord: 100-500 | dansk"
    )

    cases, problems = parse_test_cases(line, VARIABLES)

    assert problems == ()
    assert cases == (
        TestCase(
            name="Navn",
            inputs={"emne": "Vikinger", "klassetrin": "4"},
            must_mention=("vikinger", "gård"),
            must_not_mention=("reklame",),
            danish=True,
            lix_range=(20, 40),
            words_range=(100, 500),
        ),
    )


def test_a_variable_line_gives_type_options_default_and_help() -> None:
    text = (
        "laengde | Længde | valg | påkrævet | kort=Kort (150 ord); *mellem=Mellem | "
        "Vælg efter klassens læsere\n"
        "ekstra | Særlige ønsker | lang tekst | valgfri\n"
        "emne | Emne | tekst"
    )

    variables, problems = parse_variables(text)

    assert problems == ()
    assert variables == (
        Variable(
            "laengde",
            "Længde",
            kind="choice",
            options=(Option("kort", "Kort (150 ord)"), Option("mellem", "Mellem")),
            default="mellem",
            help="Vælg efter klassens læsere",
        ),
        Variable("ekstra", "Særlige ønsker", kind="long_text", required=False),
        Variable("emne", "Emne"),
    )


@pytest.mark.parametrize(
    ("template", "version"), SEEDS, ids=[template.id for template, _ in SEEDS]
)
def test_every_seed_template_reads_back_as_it_was_written(
    template: Template, version: TemplateVersion
) -> None:
    variables, variable_problems = parse_variables(format_variables(version.variables))
    cases, case_problems = parse_test_cases(
        format_test_cases(version.test_cases, version.variables), variables
    )

    assert (variable_problems, case_problems) == ((), ())
    assert variables == version.variables
    assert cases == version.test_cases


def test_separators_newlines_and_backslashes_survive_a_round_trip() -> None:
    variables = (
        Variable("emne", "Emne | overskrift", help="Brug ; og \\ frit"),
        Variable("ekstra", "Ekstra", kind="long_text", required=False),
    )
    case = TestCase(
        name="Alt | på én gang",
        inputs={"emne": "Heste; køer, får", "ekstra": "Linje 1\nLinje 2 | \\n"},
        must_mention=("køer, får", "a;b"),
        danish=False,
        allow_personal_data=True,
    )

    read, variable_problems = parse_variables(format_variables(variables))
    cases, case_problems = parse_test_cases(format_test_cases((case,), read), read)

    assert (variable_problems, case_problems) == ((), ())
    assert read == variables
    assert cases == (case,)


def test_a_multi_choice_input_is_split_at_commas_but_a_text_is_not() -> None:
    line = "Liste | emne=Heste, køer; klassetrin=3; fokus=ordforraad, samtale"

    (case,), _ = parse_test_cases(line, VARIABLES)

    assert case.inputs == {
        "emne": "Heste, køer",
        "klassetrin": "3",
        "fokus": ["ordforraad", "samtale"],
    }


def test_danish_and_personal_data_checks_are_on_unless_turned_off() -> None:
    text = (
        "Standard | emne=A; klassetrin=1\n"
        "Engelsk | emne=B; klassetrin=1 | ikke dansk | persondata tilladt"
    )

    (default, english), _ = parse_test_cases(text, VARIABLES)

    assert (default.danish, default.allow_personal_data) == (True, False)
    assert (english.danish, english.allow_personal_data) == (False, True)


def test_blank_lines_and_comments_are_skipped_but_counted() -> None:
    text = "# variabler\n\nemne | Emne | tekst\n\nEmne | Emne | tekst"

    variables, problems = parse_variables(text)

    assert [v.name for v in variables] == ["emne"]
    assert [(p.line, p.key) for p in problems] == [(5, "template_text.bad_name")]


@pytest.mark.parametrize(
    ("text", "key", "shown"),
    [
        ("Emne | Emne | tekst", "bad_name", "Emne"),
        ("emne | | tekst", "missing_label", "emne"),
        ("emne | Emne | tal", "bad_kind", "tal"),
        ("emne | Emne | tekst | måske", "bad_required", "måske"),
        ("niveau | Niveau | valg | påkrævet", "missing_options", "niveau"),
        ("niveau | Niveau | valg | påkrævet | let", "option_without_label", "let"),
        ("niveau | Niveau | valg | påkrævet | Let=Let", "bad_option_value", "Let"),
        ("niveau | Niveau | valg | påkrævet | a=A; a=B", "duplicate_option", "a"),
        (
            "niveau | Niveau | valg | påkrævet | *a=A; *b=B",
            "several_defaults",
            "niveau",
        ),
        ("trin | Trin | klassetrin | påkrævet | 12", "bad_grade_default", "12"),
        ("emne | Emne | tekst | påkrævet | | hjælp | mere", "too_many_columns", "7"),
        ("emne | Emne\nemne | Emne igen", "duplicate_variable", "emne"),
    ],
)
def test_a_bad_variable_line_is_named_with_a_precise_message(
    text: str, key: str, shown: str
) -> None:
    _, problems = parse_variables(text)

    problem = problems[-1]
    assert problem.key == f"template_text.{key}"
    assert problem.line == text.count("\n") + 1
    assert shown in t(problem.key, "da", **problem.values)
    assert shown in t(problem.key, "en", **problem.values)


@pytest.mark.parametrize(
    ("line", "key", "shown"),
    [
        ("Vikinger | emn=Vikinger; klassetrin=4", "unknown_input_close", "emne"),
        ("Vikinger | farve=rød; emne=A; klassetrin=4", "unknown_input", "farve"),
        ("Vikinger | emne=Vikinger", "input_required", "klassetrin"),
        ("Vikinger | emne=A; klassetrin=11", "input_invalid_grade", "klassetrin"),
        (
            "Vikinger | emne=A; klassetrin=4; fokus=dans",
            "input_invalid_choice",
            "fokus",
        ),
        ("Vikinger | emne A; klassetrin=4", "bad_input", "emne A"),
        ("Vikinger | emne=A; emne=B; klassetrin=4", "duplicate_input", "emne"),
        ("Vikinger | emne=A; klassetrin=4 | lix: 40-20", "bad_range", "40-20"),
        ("Vikinger | emne=A; klassetrin=4 | ord: 10.5-20", "bad_range", "10.5-20"),
        ("Vikinger | emne=A; klassetrin=4 | længde: 3", "unknown_check", "længde: 3"),
        (
            "Vikinger | emne=A; klassetrin=4 | lix: 1-2 | lix: 3-4",
            "repeated_check",
            "lix",
        ),
        ("Vikinger | emne=A; klassetrin=4 | nævner:", "empty_mentions", "nævner"),
        (" | emne=A; klassetrin=4", "missing_case_name", ""),
    ],
)
def test_a_bad_test_case_line_is_named_with_a_precise_message(
    line: str, key: str, shown: str
) -> None:
    cases, problems = parse_test_cases(f"# testcases\n{line}", VARIABLES)

    found = {p.key: p for p in problems}
    assert cases == ()
    assert found[f"template_text.{key}"].line == 2
    assert shown in t(
        f"template_text.{key}", "da", **found[f"template_text.{key}"].values
    )


def test_two_test_cases_may_not_share_a_name() -> None:
    text = "Ens | emne=A; klassetrin=1\nens | emne=B; klassetrin=2"

    cases, problems = parse_test_cases(text, VARIABLES)

    assert len(cases) == 1
    assert [(p.line, p.key) for p in problems] == [(2, "template_text.duplicate_case")]


def test_ranges_accept_a_decimal_comma_and_an_en_dash() -> None:
    (case,), _ = parse_test_cases(
        "A | emne=A; klassetrin=1 | lix: 20,5 – 40", VARIABLES
    )

    assert case.lix_range == (20.5, 40.0)


def test_every_problem_key_has_a_danish_and_an_english_message() -> None:
    source = inspect.getsource(template_text)
    keys = {
        f"template_text.{name}"
        for name in re.findall(r'_problem\([^"]*"(\w+)"', source)
    }
    keys |= {
        f"template_text.input_{kind}"
        for kind in ("required", "invalid_choice", "invalid_grade", "too_long")
    }

    assert keys - MESSAGES.keys() == set()
