"""LIX, the Scandinavian readability index (Björnsson 1968), for Danish plain text.

    LIX = words / sentences + 100 * long_words / words

The counting rules, chosen to match Björnsson's definition and the usual Danish tools:

- **Words** are maximal runs of letters and digits. Letters are any Unicode letters, so
  æ, ø, å, é, ü and their capitals count as one letter each (the text is NFC-normalised
  first, so a decomposed "é" is one letter too). Parts joined by a hyphen or an
  apostrophe form one word ("it-undervisning", "Anne's"). Digits joined by a point or
  comma form one word ("3,5", "1.250", "8.30").
- **Numbers** count as words but have no letters, so they are never long words; a
  mixed token such as "CO2" counts only its letters ("CO2" has two).
- **Long words** have more than six letters (digits, hyphens and apostrophes are not
  letters).
- **Sentences** end at a run of the terminators . : ! ? (Björnsson's four) followed by
  whitespace or the end of the text; closing quotes or brackets may stand between the
  terminator and the space. "?!" and "..." therefore end one sentence, and a point
  inside "1.250", "4.b" or "f.eks" ends none. A stretch without words is not a
  sentence, and text without any terminator is one sentence. A capital letter is not
  used as a sentence signal.

Known limits of the classic definition, kept on purpose so that values compare with
other LIX tools: an abbreviation followed by a space ("kl. 8", "fx. i dag") ends a
sentence, and a heading or list item without a terminator joins the next sentence.
``measure`` expects plain text; callers strip Markdown first, since "#", "*" and "-"
are no words but a list marker such as "1." is a number and a sentence end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: A word: letters/digits, joined by hyphens or apostrophes, or digit groups by . or ,
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+|(?<=\d)[.,]\d+)*")

#: A sentence end: terminators, optional closing quotes/brackets, then space or the end
_SENTENCE_END = re.compile(r"[.:!?]+[\"'»«”“’)\]]*(?=\s|$)")

#: Words with more letters than this are long (Björnsson).
LONG_WORD_MIN_LETTERS = 7

#: Upper bounds (exclusive) of the Danish difficulty bands, easiest first.
_BANDS: tuple[tuple[float, str], ...] = (
    (25.0, "Meget let"),
    (35.0, "Let"),
    (45.0, "Middel"),
    (55.0, "Svær"),
)
_HARDEST_BAND = "Meget svær"

#: Default LIX target range (low, high) per grade, 0. klasse to 10. klasse.
#:
#: Adjustable defaults, not a standard: they follow the common Danish rule of thumb that
#: easy children's books lie around LIX 5-20, books for the middle grades around 20-30,
#: and texts for the oldest pupils around 30-40. A municipality or curator may set other
#: ranges in a template's test cases.
GRADE_LIX_TARGETS: dict[int, tuple[int, int]] = {
    0: (0, 15),
    1: (5, 15),
    2: (5, 20),
    3: (10, 20),
    4: (10, 25),
    5: (15, 25),
    6: (15, 30),
    7: (20, 30),
    8: (20, 35),
    9: (25, 35),
    10: (25, 40),
}


@dataclass(frozen=True)
class ReadabilityReport:
    """The counts behind one LIX value.

    Attributes:
        words: Number of words.
        sentences: Number of sentences.
        long_words: Number of words with more than six letters.
        lix: The LIX value; 0.0 for a text without words.
        avg_sentence_length: Words per sentence; 0.0 for a text without words.
    """

    words: int
    sentences: int
    long_words: int
    lix: float
    avg_sentence_length: float


def measure(text: str) -> ReadabilityReport:
    """Count words, sentences and long words in plain text and compute its LIX.

    Args:
        text: Plain text (Markdown already stripped).

    Returns:
        The counts and the LIX value, unrounded.
    """
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(text)
    if not words:
        return ReadabilityReport(0, 0, 0, 0.0, 0.0)

    sentences = sum(1 for segment in _SENTENCE_END.split(text) if _WORD.search(segment))
    long_words = sum(1 for word in words if _letters(word) >= LONG_WORD_MIN_LETTERS)

    avg = len(words) / sentences
    value = avg + 100 * long_words / len(words)
    return ReadabilityReport(len(words), sentences, long_words, value, avg)


def lix(text: str) -> float:
    """Return the LIX value of plain text (see ``measure`` for the rules).

    Args:
        text: Plain text (Markdown already stripped).

    Returns:
        The LIX value, unrounded; 0.0 for a text without words.
    """
    return measure(text).lix


def lix_band(value: float) -> str:
    """Name the Danish difficulty band of a LIX value.

    The bands are "Meget let" (under 25), "Let" (25-34), "Middel" (35-44), "Svær"
    (45-54) and "Meget svær" (55 and above); a fractional value belongs to the band
    whose lower bound it has reached, so 34.9 is "Let" and 35.0 is "Middel".

    Args:
        value: A LIX value.

    Returns:
        The band's Danish label.
    """
    for upper, label in _BANDS:
        if value < upper:
            return label
    return _HARDEST_BAND


def target_for_grade(grade: int) -> tuple[int, int]:
    """Return the default LIX target range for a grade.

    Args:
        grade: The grade, 0 (børnehaveklasse) to 10.

    Returns:
        The (low, high) range from ``GRADE_LIX_TARGETS``.

    Raises:
        ValueError: If the grade is outside 0-10.
    """
    try:
        return GRADE_LIX_TARGETS[grade]
    except KeyError:
        raise ValueError(f"grade must be 0-10, got {grade!r}") from None


def _letters(word: str) -> int:
    return sum(1 for char in word if char.isalpha())
