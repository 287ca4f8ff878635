"""Template bodies: placeholders, validation, literal rendering and form values."""

from __future__ import annotations

import pytest

from services.errors import InputError, TemplateInvalid
from services.models import Option, Variable, VariableKind
from services.templates import (
    LONG_TEXT_MAX_CHARS,
    NOT_GIVEN,
    TEXT_MAX_CHARS,
    parse_form_values,
    placeholders,
    render,
    validate_template,
)

EMNE = Variable(name="emne", label="Emne")
KLASSETRIN = Variable(name="klassetrin", label="Klassetrin", kind="grade")
LAENGDE = Variable(
    name="laengde",
    label="Længde",
    kind="choice",
    options=(Option("kort", "Kort"), Option("lang", "Lang")),
)
FOKUS = Variable(
    name="fokus",
    label="Fokus",
    kind="multi_choice",
    required=False,
    options=(Option("ordforraad", "Ordforråd"), Option("samtale", "Samtale")),
)
EKSTRA = Variable(
    name="ekstra", label="Særlige ønsker", kind="long_text", required=False
)
VARIABLES = (EMNE, KLASSETRIN, LAENGDE, FOKUS, EKSTRA)
BODY = (
    "Skriv om {{emne}} til {{ klassetrin }}. klasse. Længde: {{laengde}}. "
    "Fokus: {{fokus}}. Ønsker: {{ekstra}}"
)


def invalid(body: str, variables: tuple[Variable, ...]) -> TemplateInvalid:
    with pytest.raises(TemplateInvalid) as caught:
        validate_template(body, variables)
    return caught.value


def test_placeholders_allow_spaces_and_list_each_name_once_in_order() -> None:
    body = "{{ emne }} og {{klassetrin}} og {{emne}} og {{  laengde}}"

    assert placeholders(body) == ["emne", "klassetrin", "laengde"]


def test_single_braces_are_plain_text() -> None:
    assert placeholders("Mængden {1, 2, 3} og {emne}") == []
    validate_template("Mængden {1, 2, 3} om {{emne}}", (EMNE,))


def test_valid_template_passes() -> None:
    validate_template(BODY, VARIABLES)


def test_template_invalid_is_an_input_error() -> None:
    assert issubclass(TemplateInvalid, InputError)


def test_unknown_placeholder_is_named_with_a_suggestion() -> None:
    error = invalid("Skriv om {{emnet}}", (EMNE,))

    assert error.field_errors["body"] == "template.unknown_placeholder"
    assert "{{emnet}}" in error.detail
    assert "Mente du {{emne}}?" in error.detail


def test_unknown_placeholder_without_a_close_name_asks_for_a_variable() -> None:
    error = invalid("{{emne}} på {{sted}}", (EMNE,))

    assert "»sted«" in error.detail


def test_unused_variable_is_reported_on_the_variable() -> None:
    error = invalid("Skriv om {{emne}}", (EMNE, EKSTRA))

    assert error.field_errors == {"variables.ekstra": "template.unused_variable"}
    assert "»ekstra«" in error.detail


def test_duplicate_variable_names_are_refused() -> None:
    error = invalid("{{emne}}", (EMNE, Variable(name="emne", label="Emne igen")))

    assert error.field_errors == {"variables.emne": "template.duplicate_variable"}
    assert "»emne«" in error.detail


@pytest.mark.parametrize("name", ["Emne", "9x", "længde", "antal ord", ""])
def test_badly_named_variable_is_refused(name: str) -> None:
    error = invalid("{{emne}}", (EMNE, Variable(name=name, label="X")))

    assert error.field_errors[f"variables.{name}"] == "template.invalid_variable_name"


@pytest.mark.parametrize(
    ("body", "excerpt"),
    [
        ("Skriv om {{ }}.", "{{ }}"),
        ("Skriv om {{emne}.", "{{emne}."),
        ("Skriv om {{9x}}.", "{{9x}}"),
        ("Skriv om {{Emne}}.", "{{Emne}}"),
        ("Skriv om {{emne-navn}}.", "{{emne-navn}}"),
        ("Skriv om emne}}.", "emne}}"),
    ],
)
def test_malformed_braces_are_refused_and_quoted(body: str, excerpt: str) -> None:
    error = invalid(body + " {{emne}}", (EMNE,))

    assert error.field_errors["body"] == "template.malformed_placeholder"
    assert excerpt in error.detail


@pytest.mark.parametrize("kind", ["choice", "multi_choice"])
def test_choice_without_options_is_refused(kind: VariableKind) -> None:
    variable = Variable(name="laengde", label="Længde", kind=kind)

    error = invalid("{{laengde}}", (variable,))

    assert error.field_errors == {"variables.laengde": "template.missing_options"}


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_empty_body_is_refused(body: str) -> None:
    error = invalid(body, ())

    assert error.field_errors == {"body": "template.empty_body"}


def test_every_problem_is_reported_at_once() -> None:
    error = invalid("{{emne}} {{emnet}} {{ }}", (EMNE, EMNE))

    assert error.field_errors == {
        "body": "template.malformed_placeholder",
        "variables.emne": "template.duplicate_variable",
    }
    assert "{{emnet}}" in error.detail
    assert "{{ }}" in error.detail
    assert "»emne«" in error.detail


def test_render_substitutes_values_and_labels() -> None:
    values = {
        "emne": "Vikinger",
        "klassetrin": "4",
        "laengde": "kort",
        "fokus": ["ordforraad", "samtale"],
        "ekstra": "",
    }

    text = render(BODY, values, VARIABLES)

    assert text == (
        "Skriv om Vikinger til 4. klasse. Længde: Kort. "
        f"Fokus: Ordforråd, Samtale. Ønsker: {NOT_GIVEN}"
    )


def test_render_never_expands_placeholders_inside_values() -> None:
    values = {"emne": "{{ekstra}} og {{emne}}", "ekstra": "HEMMELIGT"}

    text = render("Om {{emne}}. {{ekstra}}", values, (EMNE, EKSTRA))

    assert text == "Om {{ekstra}} og {{emne}}. HEMMELIGT"


def test_render_treats_format_and_backslash_syntax_as_plain_text() -> None:
    value = r"{0} {emne!r} %(x)s \1 \g<1> ${emne}"

    assert render("{{emne}}", {"emne": value}) == value


@pytest.mark.parametrize("value", ["", "   ", [], None])
def test_render_shows_empty_values_as_not_given(value: str | list[str] | None) -> None:
    values = {} if value is None else {"ekstra": value}

    assert render("Ønsker: {{ekstra}}", values, (EKSTRA,)) == "Ønsker: (ikke angivet)"


def test_render_without_variables_joins_lists_as_given() -> None:
    assert render("{{fokus}}", {"fokus": ["a", "b"]}) == "a, b"


VALID_RAW = {
    "emne": ["Vikinger"],
    "klassetrin": ["4"],
    "laengde": ["kort"],
    "fokus": ["ordforraad", "samtale"],
    "ekstra": ["Gerne med billeder"],
}


def test_valid_form_gives_values_and_no_errors() -> None:
    values, errors = parse_form_values(VARIABLES, VALID_RAW)

    assert errors == {}
    assert values == {
        "emne": "Vikinger",
        "klassetrin": "4",
        "laengde": "kort",
        "fokus": ["ordforraad", "samtale"],
        "ekstra": "Gerne med billeder",
    }


def test_empty_optional_fields_are_empty_values() -> None:
    raw = {
        key: value for key, value in VALID_RAW.items() if key not in ("fokus", "ekstra")
    }

    values, errors = parse_form_values(VARIABLES, raw)

    assert errors == {}
    assert (values["fokus"], values["ekstra"]) == ([], "")


@pytest.mark.parametrize(
    ("field", "raw_value", "error", "kept"),
    [
        ("emne", None, "form.required", ""),
        ("emne", ["   "], "form.required", ""),
        ("klassetrin", None, "form.required", ""),
        ("laengde", ["mellemlang"], "form.invalid_choice", "mellemlang"),
        ("fokus", ["samtale", "dans"], "form.invalid_choice", ["samtale", "dans"]),
        ("klassetrin", ["11"], "form.invalid_grade", "11"),
        ("klassetrin", ["-1"], "form.invalid_grade", "-1"),
        ("klassetrin", ["fjerde"], "form.invalid_grade", "fjerde"),
        ("klassetrin", ["4.5"], "form.invalid_grade", "4.5"),
        ("emne", ["x" * (TEXT_MAX_CHARS + 1)], "form.too_long", "x" * 301),
        ("ekstra", ["x" * (LONG_TEXT_MAX_CHARS + 1)], "form.too_long", "x" * 4001),
    ],
)
def test_invalid_form_values_are_reported_and_kept(
    field: str, raw_value: list[str] | None, error: str, kept: str | list[str]
) -> None:
    raw = {key: value for key, value in VALID_RAW.items() if key != field}
    if raw_value is not None:
        raw[field] = raw_value

    values, errors = parse_form_values(VARIABLES, raw)

    assert errors == {field: error}
    assert values[field] == kept


@pytest.mark.parametrize(
    ("raw_value", "value"),
    [(["0"], "0"), (["10"], "10"), ([" 4. "], "4"), (["04"], "4")],
)
def test_grade_is_normalised(raw_value: list[str], value: str) -> None:
    values, errors = parse_form_values(
        VARIABLES, {**VALID_RAW, "klassetrin": raw_value}
    )

    assert errors == {}
    assert values["klassetrin"] == value


def test_values_at_the_length_limits_are_accepted() -> None:
    raw = {
        **VALID_RAW,
        "emne": ["x" * TEXT_MAX_CHARS],
        "ekstra": ["x" * LONG_TEXT_MAX_CHARS],
    }

    assert parse_form_values(VARIABLES, raw)[1] == {}


def test_text_is_trimmed_and_line_endings_normalised() -> None:
    raw = {**VALID_RAW, "ekstra": ["  linje 1\r\nlinje 2\r  "]}

    values, _ = parse_form_values(VARIABLES, raw)

    assert values["ekstra"] == "linje 1\nlinje 2"


def test_repeated_multi_choice_values_are_kept_once_and_unknown_fields_ignored() -> (
    None
):
    raw = {**VALID_RAW, "fokus": ["samtale", "samtale"], "hacker": ["x"]}

    values, errors = parse_form_values(VARIABLES, raw)

    assert errors == {}
    assert values["fokus"] == ["samtale"]
    assert "hacker" not in values


def test_several_errors_are_reported_together() -> None:
    values, errors = parse_form_values(
        VARIABLES, {"klassetrin": ["12"], "laengde": ["x"]}
    )

    assert errors == {
        "emne": "form.required",
        "klassetrin": "form.invalid_grade",
        "laengde": "form.invalid_choice",
    }
    assert values["klassetrin"] == "12"


def test_a_stray_closing_pair_is_quoted_from_a_word_boundary() -> None:
    from services.templates import _malformed

    body = "Skriv en tekst om {{{{emne}}}} til {{klassetrin}}"

    found = _malformed(body)

    assert found
    for snippet in found:
        at = body.find(snippet)
        assert at == 0 or body[at - 1].isspace(), snippet
