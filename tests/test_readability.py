"""LIX as Danish teachers know it: counts, bands and grade targets."""

from __future__ import annotations

import dataclasses

import pytest

from services.readability import (
    GRADE_LIX_TARGETS,
    ReadabilityReport,
    lix,
    lix_band,
    measure,
    target_for_grade,
)


def test_simple_text_matches_hand_computed_lix() -> None:
    # Words: Solen(5) skinner(7, long) Vi(2) leger(5) i(1) skolegården(11, long) = 6
    # Sentences: "skinner." and "skolegården." = 2; long words = 2
    # LIX = 6/2 + 100*2/6 = 3 + 33.33 = 36.33
    report = measure("Solen skinner. Vi leger i skolegården.")

    assert (report.words, report.sentences, report.long_words) == (6, 2, 2)
    assert report.avg_sentence_length == 3.0
    assert report.lix == pytest.approx(36.333, abs=0.001)


def test_colon_ends_a_sentence_and_danish_letters_count_as_letters() -> None:
    # Words: Børnene(7, long) læser(5) højt(4) Læreren(7, long) spørger(7, long)
    #        Hvad(4) så(2) I(1) = 8
    # Sentences end at "højt." "spørger:" "I?" = 3; long words = 3
    # LIX = 8/3 + 100*3/8 = 2.667 + 37.5 = 40.167
    report = measure("Børnene læser højt. Læreren spørger: Hvad så I?")

    assert (report.words, report.sentences, report.long_words) == (8, 3, 3)
    assert report.lix == pytest.approx(40.167, abs=0.001)


def test_numbers_are_words_but_never_long_words() -> None:
    # Words: I 2024 gik 23 elever i klassen(7, long) Det var en god årgang(6) = 12
    # Sentences: 2; long words: 1 ("2024" has no letters, "årgang" has only six)
    # LIX = 12/2 + 100*1/12 = 6 + 8.333 = 14.333
    report = measure("I 2024 gik 23 elever i klassen. Det var en god årgang!")

    assert (report.words, report.sentences, report.long_words) == (12, 2, 1)
    assert report.lix == pytest.approx(14.333, abs=0.001)


def test_academic_danish_is_very_hard() -> None:
    # Words (11): Undervisningsdifferentiering(28) kræver(6) systematisk(11)
    #   planlægning(11) Kommunikationen(15) mellem(6) forældre(8) og(2) lærere(6)
    #   er(2) afgørende(9); long: the five words over six letters plus forældre = 6
    # LIX = 11/2 + 100*6/11 = 5.5 + 54.545 = 60.045
    text = (
        "Undervisningsdifferentiering kræver systematisk planlægning. "
        "Kommunikationen mellem forældre og lærere er afgørende."
    )

    assert lix(text) == pytest.approx(60.045, abs=0.001)
    assert lix_band(lix(text)) == "Meget svær"


@pytest.mark.parametrize("text", ["", "   \n\t", "... !!! ?", "# * - –"])
def test_text_without_words_measures_zero(text: str) -> None:
    assert measure(text) == ReadabilityReport(0, 0, 0, 0.0, 0.0)


def test_text_without_terminator_is_one_sentence() -> None:
    report = measure("Vi går ud i skoven")

    assert (report.words, report.sentences, report.lix) == (5, 1, 5.0)


@pytest.mark.parametrize(
    ("text", "long_words"),
    [
        ("Søster", 0),  # six letters: not long
        ("Ærøskøbing", 1),  # ten letters, three of them æ/ø
        ("Blåbærgrød", 1),
        ("Crème brûlée", 0),  # five and six letters with accents
        ("e\u0301tudier", 1),  # decomposed é is one letter: seven letters
    ],
)
def test_danish_and_accented_letters_count_as_one_letter(
    text: str, long_words: int
) -> None:
    assert measure(text).long_words == long_words


def test_decimal_and_thousands_numbers_are_one_word_without_ending_a_sentence() -> None:
    report = measure("Vi målte 3,5 meter og 1.250 gram.")

    assert (report.words, report.sentences) == (7, 1)


def test_hyphenated_compound_is_one_long_word() -> None:
    report = measure("Vi har it-undervisning.")

    assert (report.words, report.long_words) == (3, 1)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Hvad?! Nej... Jo.", 3),
        ('Hun sagde: "Kom nu." Så gik vi.', 3),
        ("Han sagde: »Nej!« Så gik han.", 3),
        ("Klokken er 10:30 nu.", 1),
        ("Læs side 4.b i bogen.", 1),
    ],
)
def test_sentence_ends_follow_bjoernsson(text: str, sentences: int) -> None:
    assert measure(text).sentences == sentences


def test_report_is_frozen() -> None:
    report = measure("Hej.")

    with pytest.raises(dataclasses.FrozenInstanceError):
        report.words = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "Meget let"),
        (24.9, "Meget let"),
        (25.0, "Let"),
        (34.9, "Let"),
        (35.0, "Middel"),
        (44.99, "Middel"),
        (45.0, "Svær"),
        (54.9, "Svær"),
        (55.0, "Meget svær"),
        (80.0, "Meget svær"),
    ],
)
def test_lix_band_uses_danish_labels_and_lower_bounds(value: float, band: str) -> None:
    assert lix_band(value) == band


def test_grade_targets_cover_every_grade_and_grow_with_age() -> None:
    assert sorted(GRADE_LIX_TARGETS) == list(range(11))
    for grade in range(11):
        low, high = GRADE_LIX_TARGETS[grade]
        assert 0 <= low < high
    for grade in range(1, 11):
        assert GRADE_LIX_TARGETS[grade][1] >= GRADE_LIX_TARGETS[grade - 1][1]


@pytest.mark.parametrize("grade", [-1, 11])
def test_target_for_unknown_grade_is_refused(grade: int) -> None:
    with pytest.raises(ValueError, match="0-10"):
        target_for_grade(grade)
