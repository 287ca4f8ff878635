"""Template bodies with ``{{name}}`` placeholders: validate, fill and read form values.

A placeholder is two braces, an optional space, a name of lower-case ASCII letters,
digits and ``_`` starting with a letter, an optional space and two closing braces:
``{{emne}}`` or ``{{ emne }}``. Nothing else is syntax: single braces are ordinary
text, and there are no filters, loops or expressions. Filling is a single pass of
literal substitution, so a value that itself contains ``{{x}}`` is never expanded.

Errors carry message keys (``template.*`` for curators, ``form.*`` for teachers) that
the card layer turns into text; the detail of ``TemplateInvalid`` names every problem
in Danish for the curator who wrote the template.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from services.errors import TemplateInvalid
from services.models import Variable

#: Shown where an optional field was left empty.
NOT_GIVEN = "(ikke angivet)"

#: Longest accepted value, in characters, of a ``text`` and a ``long_text`` field.
TEXT_MAX_CHARS = 300
LONG_TEXT_MAX_CHARS = 4000

#: Lowest and highest grade (0. klasse is børnehaveklassen).
MIN_GRADE = 0
MAX_GRADE = 10

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
_BRACES = re.compile(r"\{\{|\}\}")
_GRADE = re.compile(r"([0-9]{1,2})\.?")
_CHOICE_KINDS = ("choice", "multi_choice")
_SNIPPET_CHARS = 30

Values = Mapping[str, str | Sequence[str]]
#: (field, message key, Danish detail) of one template problem.
_Problem = tuple[str, str, str]


def placeholders(body: str) -> list[str]:
    """List the names of the well-formed placeholders in a body.

    Args:
        body: A template body.

    Returns:
        Each name once, in order of first appearance.
    """
    return list(dict.fromkeys(_PLACEHOLDER.findall(body)))


def validate_template(body: str, variables: Sequence[Variable]) -> None:
    """Check that a body and its variables fit together.

    Every problem is collected before raising, so a curator sees them all at once.

    Args:
        body: The template body.
        variables: The template's variables, in form order.

    Raises:
        TemplateInvalid: If the body is empty, has a malformed placeholder or one that
            names no variable, or a variable is unused, duplicated, badly named or a
            choice without options. ``field_errors`` maps ``"body"`` and
            ``"variables.<name>"`` to ``template.*`` message keys; the detail names
            each problem.
    """
    problems: list[_Problem] = []
    if not body.strip():
        problems.append(
            (
                "body",
                "template.empty_body",
                "Skabelonen har ingen tekst. Skriv den opgave, som modellen skal løse.",
            )
        )
    problems += [
        (
            "body",
            "template.malformed_placeholder",
            f"»{snippet}« er ikke en gyldig pladsholder. Skriv den som {{{{navn}}}} "
            "med små bogstaver (a-z), tal og _, og start med et bogstav.",
        )
        for snippet in _malformed(body)
    ]

    names = [variable.name for variable in variables]
    used = placeholders(body)
    problems += [
        ("body", "template.unknown_placeholder", _unknown(name, names))
        for name in used
        if name not in names
    ]
    problems += _variable_problems(variables, set(used))

    if problems:
        field_errors: dict[str, str] = {}
        for field, key, _ in problems:
            field_errors.setdefault(field, key)
        detail = "\n".join(detail for _, _, detail in problems)
        raise TemplateInvalid(detail, field_errors=field_errors)


def render(body: str, values: Values, variables: Sequence[Variable] = ()) -> str:
    """Fill a body's placeholders with values, literally and in one pass.

    Choice values that match one of the variable's options are shown by the option's
    label, and a list (multi-choice) by its labels joined with ", ". Empty or missing
    values are shown as "(ikke angivet)". Malformed placeholders are left as they are
    (``validate_template`` rejects them before a template is saved).

    Args:
        body: The template body.
        values: Value per variable name, as ``parse_form_values`` returns them.
        variables: The template's variables; used to show options by their labels.

    Returns:
        The filled text.
    """
    by_name = {variable.name: variable for variable in variables}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        return display_value(values.get(name), by_name.get(name))

    return _PLACEHOLDER.sub(substitute, body)


def display_value(value: str | Sequence[str] | None, variable: Variable | None) -> str:
    """Show one value as it reads in a filled template.

    Args:
        value: A string, a list of strings (multi-choice) or None.
        variable: The value's variable, if known; its options give labels.

    Returns:
        The option labels or the value itself; "(ikke angivet)" when empty.
    """
    items = [value] if isinstance(value, str) else list(value or ())
    labels = (
        {option.value: option.label for option in variable.options} if variable else {}
    )
    stripped = (item.strip() for item in items)
    shown = [labels.get(item, item) for item in stripped if item]
    return ", ".join(shown) if shown else NOT_GIVEN


def parse_form_values(
    variables: Sequence[Variable], raw: Mapping[str, list[str]]
) -> tuple[dict[str, str | list[str]], dict[str, str]]:
    """Read a template's form values and check them.

    Google sends every form input as a list of strings and leaves out empty inputs, so a
    missing name means an empty field. Values are trimmed, line endings become "\\n",
    and a grade such as "4." becomes "4". Defaults are not applied here: they pre-fill
    the form.

    Args:
        variables: The template's variables.
        raw: Form inputs by name, each a list of strings; unknown names are ignored.

    Returns:
        ``(values, field_errors)``. ``values`` holds every variable, even an invalid
        one, so the form can be shown again with the teacher's input: a list for
        multi-choice, a string otherwise ("" or [] when empty). ``field_errors`` maps a
        variable name to ``form.required``, ``form.invalid_choice``,
        ``form.invalid_grade`` or ``form.too_long``.
    """
    values: dict[str, str | list[str]] = {}
    field_errors: dict[str, str] = {}
    for variable in variables:
        entries = [_clean(entry) for entry in raw.get(variable.name, [])]
        entries = [entry for entry in entries if entry]
        if variable.kind == "multi_choice":
            values[variable.name] = list(dict.fromkeys(entries))
        else:
            values[variable.name] = entries[0] if entries else ""

        if not entries:
            if variable.required:
                field_errors[variable.name] = "form.required"
            continue
        value, error = _check_value(variable, entries)
        if value is not None:
            values[variable.name] = value
        if error:
            field_errors[variable.name] = error
    return values, field_errors


def _check_value(variable: Variable, entries: list[str]) -> tuple[str | None, str]:
    """Return (normalised value or None, error key or "") for a non-empty field."""
    if variable.kind in _CHOICE_KINDS:
        allowed = {option.value for option in variable.options}
        if any(entry not in allowed for entry in entries):
            return None, "form.invalid_choice"
        return None, ""
    if variable.kind == "grade":
        match = _GRADE.fullmatch(entries[0])
        if match and MIN_GRADE <= int(match.group(1)) <= MAX_GRADE:
            return str(int(match.group(1))), ""
        return None, "form.invalid_grade"
    limit = LONG_TEXT_MAX_CHARS if variable.kind == "long_text" else TEXT_MAX_CHARS
    return None, "form.too_long" if len(entries[0]) > limit else ""


def _variable_problems(variables: Sequence[Variable], used: set[str]) -> list[_Problem]:
    """Find badly named, duplicated, option-less and unused variables."""
    problems: list[_Problem] = []
    seen: set[str] = set()
    for variable in variables:
        name = variable.name
        field = f"variables.{name}"
        if not _NAME.fullmatch(name):
            problems.append(
                (
                    field,
                    "template.invalid_variable_name",
                    f"Variabelnavnet »{name}« kan ikke bruges. Brug små bogstaver "
                    "(a-z), tal og _, og start med et bogstav, fx »emne« eller "
                    "»antal_ord«.",
                )
            )
            continue
        if name in seen:
            problems.append(
                (
                    field,
                    "template.duplicate_variable",
                    f"Der er flere variabler, der hedder »{name}«. "
                    "Giv hver variabel sit eget navn.",
                )
            )
            continue
        seen.add(name)
        if variable.kind in _CHOICE_KINDS and not variable.options:
            problems.append(
                (
                    field,
                    "template.missing_options",
                    f"Variablen »{name}« er et valg, men har ingen svarmuligheder. "
                    "Tilføj mindst én svarmulighed.",
                )
            )
        if name not in used:
            problems.append(
                (
                    field,
                    "template.unused_variable",
                    f"Variablen »{name}« bruges ikke i teksten. Indsæt "
                    f"{{{{{name}}}}}, hvor værdien skal stå, eller fjern variablen.",
                )
            )
    return problems


def _malformed(body: str) -> list[str]:
    """Return a short excerpt of each malformed ``{{`` or stray ``}}`` in a body."""
    found: list[str] = []
    position = 0
    while match := _BRACES.search(body, position):
        start = match.start()
        placeholder = _PLACEHOLDER.match(body, start)
        if match.group() == "{{" and placeholder:
            position = placeholder.end()
            continue
        found.append(_excerpt(body, start))
        position = start + 2
    return found


def _excerpt(body: str, start: int) -> str:
    """Return the text from ``start`` to the next ``}}`` or line end, kept short."""
    if body.startswith("}}", start):
        begin = max(0, start - _SNIPPET_CHARS // 2)
        text = body[begin : start + 2]
        if begin > 0 and not body[begin - 1].isspace() and " " in text:
            text = text.split(" ", 1)[1]  # never start in the middle of a word
        return text.lstrip()
    line_end = body.find("\n", start)
    line_end = len(body) if line_end == -1 else line_end
    close = body.find("}}", start + 2, line_end)
    end = line_end if close == -1 else close + 2
    return body[start : min(end, start + _SNIPPET_CHARS)]


def _unknown(name: str, names: Sequence[str]) -> str:
    """Describe a placeholder that names no variable, with a likely fix."""
    detail = f"Pladsholderen {{{{{name}}}}} passer ikke til nogen variabel."
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"{detail} Mente du {{{{{close[0]}}}}}?"
    return f"{detail} Tilføj en variabel med navnet »{name}«, eller ret stavemåden."


def _clean(entry: str) -> str:
    return entry.replace("\r\n", "\n").replace("\r", "\n").strip()
