"""Pseudonymise personal data before the model sees it, and put it back afterwards.

Teachers paste pupils' names, CPR numbers and parents' contacts into forms whatever the
help text says. ``protect`` replaces each such item in the form values with a token that
reads naturally to the model ("Elev A", "[CPR-nummer 1]", "[e-mail 1]",
"[telefonnummer 1]"); ``Protected.restore`` puts the originals back into the model's
answer before it is written to the Doc. The mapping lives in memory for one request.

What is looked for, in this order (an earlier kind wins where two overlap):

- email addresses;
- CPR numbers: six digits forming a valid date, then four digits, with or without a
  dash or a space, as a whole word. The century follows from the seventh digit as the
  CPR office assigns it. The modulus-11 check is deliberately not used: numbers issued
  since 2007 need not pass it.
- Danish phone numbers: eight digits written together, as 4+4 or in pairs, optionally
  after +45 or 0045. The first digit is 2-9, since the Danish numbering plan gives no
  subscriber number starting with 0 or 1. A digit run that goes on past eight digits,
  and two years side by side ("2024 2025"), are not phone numbers.
- pupils' names from the lists passed in, as whole words in any case, also in the
  genitive ("Emmas", "Lukas'"), longest names first ("Anne Marie" before "Anne").

Limits, said plainly: a name that is also a Danish word ("Mark", "Storm") is replaced
wherever the word appears; a first name alone is found only if it is in a list; names
come back as spelled in the list, in the correct Danish genitive (so "Emma's" becomes
"Emmas"); the text is normalised to NFC first.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["email", "cpr", "phone", "name"]

#: Every kind, in the order they are looked for.
KINDS: tuple[Kind, ...] = ("email", "cpr", "phone", "name")

#: Key of the single value in a ``protect_text`` result.
TEXT_KEY = "text"

_NAME_TOKEN = "Elev {}"
_NUMBERED_WORDS: dict[Kind, str] = {
    "cpr": "CPR-nummer",
    "email": "e-mail",
    "phone": "telefonnummer",
}
_GENITIVE_SUFFIX = "'s"  # how the genitive of a token reads: "Elev A's"

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])"
)
_CPR = re.compile(
    r"""(?<!\w)
    (?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>[0-9]{2})
    (?:[-‐‑–]|[ \u00a0])?
    (?P<serial>[0-9]{4})
    (?!\w)""",
    re.VERBOSE,
)
_PHONE = re.compile(
    r"""(?<![\w+])(?<![0-9][ \u00a0.,])
    (?P<prefix>(?:\+|00)45[ \u00a0]?)?
    (?P<number>
        [2-9][0-9]{7}
      | [2-9][0-9]{3}[ \u00a0][0-9]{4}
      | [2-9][0-9](?:[ \u00a0][0-9]{2}){3}
    )
    (?![ \u00a0.,]?[0-9])(?!\w)""",
    re.VERBOSE,
)
# A token as the model may write it back: "Elev A", "elev A's", "Elev As", "[e-mail 2]".
# The label is upper case only, so "Elev As" is A in the genitive, never a label "AS".
_TOKEN = re.compile(
    r"(?<!\w)(?i:elev)[ \u00a0](?P<label>[A-Z]+)(?P<genitive>['’]?s)?(?!\w)"
    r"|\[(?P<word>CPR-nummer|e-mail|telefonnummer) (?P<number>[0-9]+)\]"
)
_YEARS = range(1900, 2100)


@dataclass(frozen=True)
class Item:
    """One distinct piece of personal data and the token that stands for it."""

    kind: Kind
    token: str
    original: str = field(repr=False)


@dataclass(frozen=True, repr=False)
class Protected:
    """Form values with personal data replaced by tokens, and the way back.

    Attributes:
        values: The values in the shape they came in (a string or a list of strings
            per key), with every item replaced by its token.
        items: One entry per distinct item, in the order they were found.
    """

    values: Mapping[str, str | list[str]]
    items: tuple[Item, ...] = ()

    @property
    def count(self) -> int:
        """How many distinct items of personal data were replaced."""
        return len(self.items)

    @property
    def mapping(self) -> dict[str, str]:
        """Each token and the original it stands for."""
        return {item.token: item.original for item in self.items}

    @property
    def text(self) -> str:
        """The protected text of a ``protect_text`` result."""
        value = self.values.get(TEXT_KEY, "")
        return value if isinstance(value, str) else "\n".join(value)

    def restore(self, text: str) -> str:
        """Put the originals back in place of their tokens.

        "Elev A" (also "elev A") becomes the name; "Elev A's" and "Elev As" become the
        name's Danish genitive ("Emmas", "Lukas'"). Anything that merely resembles a
        token, such as "Elev AB" or "[e-mail 7]" when no such token was handed out, is
        left as it is.

        Args:
            text: Text that may hold tokens, typically the model's answer.

        Returns:
            The text with every known token replaced by its original.
        """
        by_token = {item.token: item for item in self.items}

        def put_back(match: re.Match[str]) -> str:
            if match["label"]:
                item = by_token.get(_NAME_TOKEN.format(match["label"]))
                if item is None:
                    return match.group()
                return _genitive(item.original) if match["genitive"] else item.original
            item = by_token.get(f"[{match['word']} {match['number']}]")
            return match.group() if item is None else item.original

        return _TOKEN.sub(put_back, text)

    def __repr__(self) -> str:
        # The values and items hold personal data; a repr must be safe to log.
        return f"Protected(count={self.count})"


def protect(
    values: Mapping[str, str | Sequence[str]], names: Sequence[str] = ()
) -> Protected:
    """Replace the personal data in form values by tokens.

    The same original always gets the same token within one call, across all values:
    a CPR number with and without its dash, a phone number with and without +45, an
    email address or a name in any case. Tokens already present in the values (a
    teacher who writes "Elev A" herself) are never handed out, so restoring cannot
    turn them into someone's name.

    Args:
        values: Value per form field, a string or a list of strings.
        names: Pupils' names to look for, e.g. the team's list and the course roster
            together; blank entries and single letters are ignored.

    Returns:
        The protected values, in the same shape, with the items that were replaced.
    """
    originals = {key: _normalised(value) for key, value in values.items()}
    texts = [text for value in originals.values() for text in _texts(value)]
    pseudonymiser = _Pseudonymiser(texts, names)
    protected: dict[str, str | list[str]] = {
        key: pseudonymiser.text(value)
        if isinstance(value, str)
        else [pseudonymiser.text(text) for text in value]
        for key, value in originals.items()
    }
    return Protected(values=protected, items=pseudonymiser.items())


def protect_text(text: str, names: Sequence[str] = ()) -> Protected:
    """Replace the personal data in one text; read the result as ``.text``.

    Args:
        text: Any text.
        names: Pupils' names to look for.

    Returns:
        The protected text under ``TEXT_KEY``, with the items that were replaced.
    """
    return protect({TEXT_KEY: text}, names)


def contains_personal_data(text: str, names: Sequence[str] = ()) -> list[Kind]:
    """List the kinds of personal data in a text, e.g. to check a template test case.

    Args:
        text: Any text.
        names: Pupils' names to look for.

    Returns:
        Each kind found once, in the order of ``KINDS``; empty if there is none.
    """
    found = {item.kind for item in protect_text(text, names).items}
    return [kind for kind in KINDS if kind in found]


#: What a scan found at a match: the item and whether it stood in the genitive, or None
#: when the match is not personal data after all (a CPR-like number with no valid date).
_Hit = tuple[Item, bool] | None


class _Pseudonymiser:
    """Finds items in texts and hands out one token per distinct item."""

    def __init__(self, texts: Sequence[str], names: Sequence[str]) -> None:
        self._items: dict[tuple[Kind, str], Item] = {}
        self._counters: dict[Kind, int] = dict.fromkeys(KINDS, 0)
        self._taken = {
            _token_of(match) for text in texts for match in _TOKEN.finditer(text)
        }
        self._spelling = _spellings(names)
        self._scans: list[tuple[re.Pattern[str], Callable[[re.Match[str]], _Hit]]] = [
            (_EMAIL, self._email),
            (_CPR, self._cpr),
            (_PHONE, self._phone),
        ]
        if self._spelling:
            self._scans.append((_names_pattern(self._spelling.values()), self._name))

    def items(self) -> tuple[Item, ...]:
        return tuple(self._items.values())

    def text(self, text: str) -> str:
        """Return the text with every item found replaced by its token."""
        segments: list[str | tuple[Item, bool]] = [text]
        for pattern, found in self._scans:
            segments = _replace(segments, pattern, found)
        return "".join(
            part
            if isinstance(part, str)
            else part[0].token + (_GENITIVE_SUFFIX if part[1] else "")
            for part in segments
        )

    def _email(self, match: re.Match[str]) -> _Hit:
        return self._item("email", match.group().casefold(), match.group()), False

    def _cpr(self, match: re.Match[str]) -> _Hit:
        if not _is_cpr_date(match):
            return None
        digits = _digits(match.group())
        return self._item("cpr", digits, match.group()), False

    def _phone(self, match: re.Match[str]) -> _Hit:
        number = match["number"]
        if not match["prefix"] and _is_year_pair(number):
            return None
        return self._item("phone", _digits(number), match.group()), False

    def _name(self, match: re.Match[str]) -> _Hit:
        key = _name_key(match["name"])
        return self._item("name", key, self._spelling[key]), bool(match["genitive"])

    def _item(self, kind: Kind, key: str, original: str) -> Item:
        known = self._items.get((kind, key))
        if known is not None:
            return known
        token = self._next_token(kind)
        item = Item(kind=kind, token=token, original=original)
        self._items[(kind, key)] = item
        return item

    def _next_token(self, kind: Kind) -> str:
        while True:
            self._counters[kind] += 1
            n = self._counters[kind]
            if kind == "name":
                token = _NAME_TOKEN.format(_letters(n))
            else:
                token = f"[{_NUMBERED_WORDS[kind]} {n}]"
            if token not in self._taken:
                return token


def _replace(
    segments: list[str | tuple[Item, bool]],
    pattern: re.Pattern[str],
    found: Callable[[re.Match[str]], _Hit],
) -> list[str | tuple[Item, bool]]:
    """Split the plain-text segments at each hit; earlier hits are never rescanned."""
    result: list[str | tuple[Item, bool]] = []
    for segment in segments:
        if not isinstance(segment, str):
            result.append(segment)
            continue
        start = 0
        for match in pattern.finditer(segment):
            hit = found(match)
            if hit is not None:
                result += [segment[start : match.start()], hit]
                start = match.end()
        result.append(segment[start:])
    return [segment for segment in result if segment != ""]


def _is_cpr_date(match: re.Match[str]) -> bool:
    """True if the six digits are a birth date under the CPR office's century rule."""
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    seventh = int(match["serial"][0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(century + year, month)[1]


def _is_year_pair(number: str) -> bool:
    parts = number.split()
    return len(parts) == 2 and all(int(part) in _YEARS for part in parts)


def _spellings(names: Sequence[str]) -> dict[str, str]:
    """Map each name's key to its spelling in the list; the first spelling wins."""
    spelling: dict[str, str] = {}
    for name in names:
        clean = " ".join(_nfc(name).split())
        if len(clean) >= 2:
            spelling.setdefault(_name_key(clean), clean)
    return spelling


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    longest_first = sorted(names, key=lambda name: (-len(name), name))
    alternatives = "|".join(
        r"\s+".join(re.escape(part) for part in name.split()) for name in longest_first
    )
    # "s" makes any name genitive; an apostrophe only after s, x or z ("Lukas'").
    return re.compile(
        rf"(?<!\w)(?P<name>{alternatives})(?P<genitive>s|(?<=[sxz])['’])?(?!\w)",
        re.IGNORECASE,
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _genitive(name: str) -> str:
    return name + ("'" if name[-1:].lower() in ("s", "x", "z") else "s")


def _letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA: spreadsheet column letters."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _token_of(match: re.Match[str]) -> str:
    if match["label"]:
        return _NAME_TOKEN.format(match["label"])
    return f"[{match['word']} {match['number']}]"


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _normalised(value: str | Sequence[str]) -> str | list[str]:
    return _nfc(value) if isinstance(value, str) else [_nfc(text) for text in value]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _texts(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value
