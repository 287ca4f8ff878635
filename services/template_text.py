"""A line syntax for a template's variables and test cases, for curators in a card.

A card can show text inputs but not nested lists, so the editor holds variables and test
cases as text, one item per line, with columns separated by ``|``::

    emne | Emne | tekst | påkrævet | | Fx vikingerne eller robotter.
    laengde | Længde | valg | påkrævet | kort=Kort; *mellem=Mellem; lang=Lang
    Vikinger | emne=Vikinger; klassetrin=4 | nævner: viking, gård | lix: 10-35 | dansk

A **variable** line has up to six columns, trailing empty ones may be left out: name,
label, type (``tekst``, ``lang tekst``, ``valg``, ``flervalg``, ``klassetrin``;
default ``tekst``),
``påkrævet`` or ``valgfri`` (default ``påkrævet``), then the options of a choice as
``værdi=Etiket`` separated by ``;`` with ``*`` before the value that is chosen in
advance, or the pre-filled value of any other type, and last the help text.

A **test case** line starts with its name and its inputs (``navn=værdi`` separated by
``;``; several values of a ``flervalg`` separated by ``,``). Then come its checks, in
any order: ``nævner: a, b`` (must mention), ``nævner ikke: a, b``, ``lix: 20-40``,
``ord: 100-500``, ``dansk`` or ``ikke dansk`` (default: dansk) and ``persondata
tilladt`` (default: the output may not repeat personal data from the inputs).

Blank lines and lines starting with ``#`` are ignored. A backslash keeps ``|``, ``;``
and ``,`` as text (``\\|``, ``\\;``, ``\\,``), ``\\n`` is a line break inside a value and
``\\\\`` a backslash. Every problem is reported with its line number as a message key
and its parameters, so the card can say it in Danish or English; ``format_variables``
and ``format_test_cases`` write items back so that parsing gives them again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from services.models import Option, TestCase, Variable, VariableKind
from services.templates import MAX_GRADE, MIN_GRADE, parse_form_values

#: Type words, Danish first (as written back); English names are accepted too.
KIND_WORDS: dict[str, VariableKind] = {
    "tekst": "text",
    "lang tekst": "long_text",
    "valg": "choice",
    "flervalg": "multi_choice",
    "klassetrin": "grade",
}
_KIND_ALIASES: dict[str, VariableKind] = {
    **KIND_WORDS,
    **{kind: kind for kind in KIND_WORDS.values()},
    "langtekst": "long_text",
    "": "text",
}
_WORD_FOR_KIND = {kind: word for word, kind in KIND_WORDS.items()}
REQUIRED_WORDS = {"påkrævet": True, "valgfri": False}
_REQUIRED_ALIASES = {**REQUIRED_WORDS, "paakraevet": True, "": True}
_CHOICE_KINDS = ("choice", "multi_choice")
_MAX_VARIABLE_COLUMNS = 6

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_OPTION_VALUE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
_RANGE = re.compile(rf"\s*({_NUMBER})\s*[-–]\s*({_NUMBER})\s*")
_CHECK = re.compile(r"(?i)\s*(nævner ikke|naevner ikke|nævner|naevner|lix|ord)\s*:(.*)")
_FLAGS = {
    "dansk": ("danish", True),
    "ikke dansk": ("danish", False),
    "persondata tilladt": ("allow_personal_data", True),
}
_UNESCAPE = {"n": "\n", "|": "|", ";": ";", ",": ",", "\\": "\\"}


@dataclass(frozen=True)
class LineProblem:
    """One problem on one line, as a message key with its parameters.

    Attributes:
        line: The 1-based line number in the text the curator wrote.
        key: A ``template_text.*`` key of the message catalogue.
        params: The message's parameters, as (name, value) pairs.
    """

    line: int
    key: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> dict[str, str]:
        """The parameters as a dict, for formatting the message."""
        return dict(self.params)


def _problem(line: int, key: str, **params: object) -> LineProblem:
    pairs = tuple((name, str(value)) for name, value in params.items())
    return LineProblem(line, f"template_text.{key}", pairs)


# -- variables ----------------------------------------------------------------------


def parse_variables(
    text: str,
) -> tuple[tuple[Variable, ...], tuple[LineProblem, ...]]:
    """Read variables written one per line.

    Args:
        text: The curator's text.

    Returns:
        The variables that could be read, in order, and every problem found. A line
        with a problem gives no variable.
    """
    variables: list[Variable] = []
    problems: list[LineProblem] = []
    seen: set[str] = set()
    for number, line in _lines(text):
        variable, found = _variable(number, line)
        if variable is not None and variable.name in seen:
            found.append(_problem(number, "duplicate_variable", name=variable.name))
        if found:
            problems += found
            continue
        assert variable is not None
        seen.add(variable.name)
        variables.append(variable)
    return tuple(variables), tuple(problems)


def _variable(number: int, line: str) -> tuple[Variable | None, list[LineProblem]]:
    columns = [_unescape(column).strip() for column in _split(line, "|")]
    if len(columns) > _MAX_VARIABLE_COLUMNS:
        return None, [_problem(number, "too_many_columns", count=len(columns))]
    name, label, kind_word, required_word, extra, help_text = (
        columns + [""] * _MAX_VARIABLE_COLUMNS
    )[:_MAX_VARIABLE_COLUMNS]
    problems: list[LineProblem] = []
    if not _NAME.fullmatch(name):
        problems.append(_problem(number, "bad_name", name=name))
    if not label:
        problems.append(_problem(number, "missing_label", name=name))
    kind = _KIND_ALIASES.get(kind_word.lower())
    if kind is None:
        problems.append(_problem(number, "bad_kind", kind=kind_word))
    required = _REQUIRED_ALIASES.get(required_word.lower())
    if required is None:
        problems.append(_problem(number, "bad_required", word=required_word))
    options: tuple[Option, ...] = ()
    default = extra
    if kind in _CHOICE_KINDS:
        options, default, option_problems = _options(number, name, line)
        problems += option_problems
    elif kind == "grade" and extra and not _is_grade(extra):
        problems.append(_problem(number, "bad_grade_default", value=extra))
    if problems or kind is None or required is None:
        return None, problems
    variable = Variable(
        name=name,
        label=label,
        kind=kind,
        required=required,
        options=options,
        help=help_text,
        default=default,
    )
    return variable, []


def _options(
    number: int, name: str, line: str
) -> tuple[tuple[Option, ...], str, list[LineProblem]]:
    """Read the fifth column of a choice: ``værdi=Etiket; *værdi2=Etiket 2``."""
    columns = _split(line, "|")
    column = columns[4] if len(columns) > 4 else ""
    options: list[Option] = []
    defaults: list[str] = []
    problems: list[LineProblem] = []
    for raw in _split(column, ";"):
        item = _unescape(raw).strip()
        if not item:
            continue
        value, equals, label = (part.strip() for part in item.partition("="))
        chosen = value.startswith("*")
        value = value.lstrip("*").strip()
        if not equals or not label:
            problems.append(_problem(number, "option_without_label", option=item))
        elif not _OPTION_VALUE.fullmatch(value):
            problems.append(_problem(number, "bad_option_value", value=value))
        elif value in {option.value for option in options}:
            problems.append(_problem(number, "duplicate_option", value=value))
        else:
            options.append(Option(value, label))
            if chosen:
                defaults.append(value)
    if not options and not problems:
        problems.append(_problem(number, "missing_options", name=name))
    if len(defaults) > 1:
        problems.append(_problem(number, "several_defaults", name=name))
    return tuple(options), defaults[0] if defaults else "", problems


def format_variables(variables: Sequence[Variable]) -> str:
    """Write variables one per line, so that ``parse_variables`` gives them back.

    Args:
        variables: The variables, in form order.

    Returns:
        The text; trailing empty columns are left out.
    """
    lines = []
    for variable in variables:
        if variable.kind in _CHOICE_KINDS:
            extra = "; ".join(
                ("*" if option.value == variable.default else "")
                + f"{_escape(option.value, ';')}={_escape(option.label, ';')}"
                for option in variable.options
            )
        else:
            extra = _escape(variable.default)
        columns = [
            variable.name,
            _escape(variable.label),
            _WORD_FOR_KIND[variable.kind],
            "påkrævet" if variable.required else "valgfri",
            extra,
            _escape(variable.help),
        ]
        while columns and not columns[-1]:
            columns.pop()
        lines.append(" | ".join(columns))
    return "\n".join(lines)


# -- test cases ---------------------------------------------------------------------


def parse_test_cases(
    text: str, variables: Sequence[Variable]
) -> tuple[tuple[TestCase, ...], tuple[LineProblem, ...]]:
    """Read test cases written one per line and check their inputs against variables.

    Args:
        text: The curator's text.
        variables: The template's variables; inputs must name them and fit them.

    Returns:
        The test cases that could be read, in order, and every problem found.
    """
    cases: list[TestCase] = []
    problems: list[LineProblem] = []
    names: set[str] = set()
    for number, line in _lines(text):
        case, found = _test_case(number, line, variables)
        if case is not None and case.name.casefold() in names:
            found.append(_problem(number, "duplicate_case", name=case.name))
        if found:
            problems += found
            continue
        assert case is not None
        names.add(case.name.casefold())
        cases.append(case)
    return tuple(cases), tuple(problems)


def _test_case(
    number: int, line: str, variables: Sequence[Variable]
) -> tuple[TestCase | None, list[LineProblem]]:
    columns = _split(line, "|")
    name = _unescape(columns[0]).strip()
    problems: list[LineProblem] = []
    if not name:
        problems.append(_problem(number, "missing_case_name"))
    inputs, input_problems = _inputs(number, columns[1] if len(columns) > 1 else "")
    problems += input_problems
    if not input_problems:
        problems += _input_fit(number, inputs, variables)
    checks: dict[str, object] = {}
    for column in columns[2:]:
        problems += _check(number, column, checks)
    if problems:
        return None, problems
    case = TestCase(name=name, inputs=inputs, **checks)  # type: ignore[arg-type]
    return case, []


def _inputs(
    number: int, column: str
) -> tuple[dict[str, str | list[str]], list[LineProblem]]:
    """Read ``navn=værdi; navn=værdi``; a value with a comma becomes a list later."""
    inputs: dict[str, str | list[str]] = {}
    problems: list[LineProblem] = []
    for raw in _split(column, ";"):
        if not raw.strip():
            continue
        name, equals, value = raw.partition("=")
        name = _unescape(name).strip()
        if not equals or not _NAME.fullmatch(name):
            problems.append(_problem(number, "bad_input", text=_unescape(raw).strip()))
        elif name in inputs:
            problems.append(_problem(number, "duplicate_input", name=name))
        else:
            # Kept escaped until the variable's kind says whether "," splits it.
            inputs[name] = value
    return inputs, problems


def _input_fit(
    number: int,
    inputs: dict[str, str | list[str]],
    variables: Sequence[Variable],
) -> list[LineProblem]:
    """Turn raw inputs into values per the variables' kinds, and check them."""
    by_name = {variable.name: variable for variable in variables}
    problems: list[LineProblem] = []
    for name in list(inputs):
        raw = inputs[name]
        assert isinstance(raw, str)
        variable = by_name.get(name)
        if variable is None:
            problems.append(_unknown_input(number, name, list(by_name)))
            del inputs[name]
            continue
        if variable.kind == "multi_choice":
            items = [_unescape(item).strip() for item in _split(raw, ",")]
            inputs[name] = [item for item in items if item]
        else:
            inputs[name] = _unescape(raw).strip()
        if not inputs[name]:
            del inputs[name]
    raw_values = {
        name: [value] if isinstance(value, str) else list(value)
        for name, value in inputs.items()
    }
    _, errors = parse_form_values(variables, raw_values)
    for name, key in errors.items():
        problems.append(
            _problem(number, f"input_{key.removeprefix('form.')}", name=name)
        )
    return problems


def _unknown_input(number: int, name: str, names: list[str]) -> LineProblem:
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return _problem(number, "unknown_input_close", name=name, close=close[0])
    return _problem(number, "unknown_input", name=name)


def _check(number: int, column: str, checks: dict[str, object]) -> list[LineProblem]:
    """Read one check column into ``checks``; return its problems."""
    text = _unescape(column).strip()
    flag = _FLAGS.get(" ".join(text.lower().split()))
    if flag is not None:
        field, value = flag
        if field in checks:
            return [_problem(number, "repeated_check", check=text)]
        checks[field] = value
        return []
    match = _CHECK.fullmatch(column)
    if match is None:
        return [] if not text else [_problem(number, "unknown_check", check=text)]
    word = match.group(1).lower().replace("ae", "æ")
    field = {
        "nævner": "must_mention",
        "nævner ikke": "must_not_mention",
        "lix": "lix_range",
        "ord": "words_range",
    }[word]
    if field in checks:
        return [_problem(number, "repeated_check", check=word)]
    argument = match.group(2)
    if field in ("must_mention", "must_not_mention"):
        terms = tuple(
            term
            for term in (_unescape(part).strip() for part in _split(argument, ","))
            if term
        )
        if not terms:
            return [_problem(number, "empty_mentions", check=word)]
        checks[field] = terms
        return []
    bounds = _range(_unescape(argument), whole=field == "words_range")
    if bounds is None:
        return [_problem(number, "bad_range", check=word, text=argument.strip())]
    checks[field] = bounds
    return []


def _range(text: str, *, whole: bool) -> tuple[float, float] | tuple[int, int] | None:
    match = _RANGE.fullmatch(text)
    if match is None:
        return None
    low, high = (float(group.replace(",", ".")) for group in match.groups())
    if low > high:
        return None
    if whole:
        if not (low.is_integer() and high.is_integer()):
            return None
        return int(low), int(high)
    return low, high


def format_test_cases(cases: Sequence[TestCase], variables: Sequence[Variable]) -> str:
    """Write test cases one per line, so that ``parse_test_cases`` gives them back.

    Args:
        cases: The test cases.
        variables: The template's variables, which order the inputs.

    Returns:
        The text.
    """
    order = {variable.name: index for index, variable in enumerate(variables)}
    lines = []
    for case in cases:
        inputs = "; ".join(
            f"{name}={_format_value(case.inputs[name])}"
            for name in sorted(case.inputs, key=lambda n: order.get(n, len(order)))
        )
        columns = [_escape(case.name), inputs]
        if case.must_mention:
            columns.append(f"nævner: {_terms(case.must_mention)}")
        if case.must_not_mention:
            columns.append(f"nævner ikke: {_terms(case.must_not_mention)}")
        if case.lix_range:
            low, high = case.lix_range
            columns.append(f"lix: {_number(low)}-{_number(high)}")
        if case.words_range:
            columns.append(f"ord: {case.words_range[0]}-{case.words_range[1]}")
        columns.append("dansk" if case.danish else "ikke dansk")
        if case.allow_personal_data:
            columns.append("persondata tilladt")
        lines.append(" | ".join(columns))
    return "\n".join(lines)


def _format_value(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return _escape(value, ";,")
    return ", ".join(_escape(item, ";,") for item in value)


def _terms(terms: Sequence[str]) -> str:
    return ", ".join(_escape(term, ",;") for term in terms)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# -- splitting and escapes ----------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """Numbered lines that hold an item: not blank, not a ``#`` comment."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _split(text: str, separator: str) -> list[str]:
    """Split at each unescaped ``separator``; escapes stay in the parts."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    """Resolve ``\\|``, ``\\;``, ``\\,``, ``\\n`` and ``\\\\``; keep other backslashes."""
    return re.sub(r"\\(.)", lambda m: _UNESCAPE.get(m.group(1), m.group()), text)


def _escape(text: str, extra: str = "") -> str:
    """Escape a value so that it reads back the same in its column."""
    result = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")
    for char in extra:
        result = result.replace(char, f"\\{char}")
    return result


def _is_grade(text: str) -> bool:
    match = re.fullmatch(r"([0-9]{1,2})\.?", text)
    return match is not None and MIN_GRADE <= int(match.group(1)) <= MAX_GRADE


def problems_by_line(
    problems: Sequence[LineProblem],
) -> Mapping[int, list[LineProblem]]:
    """Group problems by their line number, in line order."""
    grouped: dict[int, list[LineProblem]] = {}
    for problem in sorted(problems, key=lambda p: p.line):
        grouped.setdefault(problem.line, []).append(problem)
    return grouped
