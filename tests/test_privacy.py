"""Pseudonymisation: what counts as personal data, the tokens, and the way back.

Every CPR number here is made up and, where it should be recognised, has a birth date
in the future (2030-2057 under the century rule), so it cannot belong to anyone.
"""

from __future__ import annotations

import random
import re

import pytest

from services.privacy import (
    KINDS,
    TEXT_KEY,
    contains_personal_data,
    protect,
    protect_text,
)

NAMES = (
    "Emma",
    "Lukas",
    "Anne",
    "Anne Marie",
    "Søren",
    "Åse",
    "Bjørn Ærø",
    "Max",
)


def protected(text: str, names: tuple[str, ...] = ()) -> str:
    return protect_text(text, names).text


def passes_modulus_11(cpr: str) -> bool:
    digits = [int(d) for d in re.sub(r"[^0-9]", "", cpr)]
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


# CPR numbers


@pytest.mark.parametrize(
    "cpr",
    [
        "150630-4123",  # 15 June 2030
        "1506304123",
        "150630 4123",
        "150630\u00a04123",
        "150630–4123",  # en dash, as word processors write it
        "290232-4001",  # 29 February 2032, a leap year
        "311245-5678",  # seventh digit 5-8 and year 00-57: 2045
        "010157-8000",
        "310136-9999",  # seventh digit 9 and year 00-36: 2036
    ],
)
def test_cpr_number_with_a_valid_date_is_replaced(cpr: str) -> None:
    assert protected(f"Elevens CPR er {cpr}.") == "Elevens CPR er [CPR-nummer 1]."


def test_cpr_number_that_fails_modulus_11_is_still_replaced() -> None:
    cpr = "150630-4124"
    assert not passes_modulus_11(cpr)

    assert protected(cpr) == "[CPR-nummer 1]"


@pytest.mark.parametrize(
    "number",
    [
        "3213456789",  # day 32
        "321345-6789",
        "150030-4123",  # month 00
        "151330-4123",  # month 13
        "311130-4123",  # 31 November
        "290230-4123",  # 29 February 2030, not a leap year
        "290200-1234",  # seventh digit 0-3: 1900, not a leap year
        "0000001234",
        "4520304050",  # looks like +45 without the plus: day 45
        "9912345678",
    ],
)
def test_ten_digits_without_a_valid_date_pass_through(number: str) -> None:
    text = f"Ordrenummer {number} er sendt."

    assert protected(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Bestilling 12150630412345 er modtaget.",  # a CPR inside a longer digit run
        "Kode A1506304123 og 1506304123B.",  # glued to letters: not a word
        "Sagsnummer 150630-41234.",
    ],
)
def test_cpr_like_digits_inside_a_longer_word_pass_through(text: str) -> None:
    assert protected(text) == text


def test_cpr_with_and_without_dash_is_one_item_with_one_token() -> None:
    result = protect_text("150630-4123 og 1506304123")

    assert result.text == "[CPR-nummer 1] og [CPR-nummer 1]"
    assert result.count == 1


# Email addresses


@pytest.mark.parametrize(
    "email",
    [
        "emma.hansen@eksempel.dk",
        "forælder+skole@eksempel.dk",
        "søren@søholm-skole.dk",
        "MOR.TIL.EMMA@Eksempel.DK",
        "far_1987@mail.eksempel.com",
    ],
)
def test_email_address_is_replaced(email: str) -> None:
    assert protected(f"Skriv til {email}.") == "Skriv til [e-mail 1]."


def test_email_in_another_case_gets_the_same_token() -> None:
    text = "mor@eksempel.dk og MOR@eksempel.dk"

    assert protected(text) == "[e-mail 1] og [e-mail 1]"


def test_name_inside_an_email_address_goes_with_the_address() -> None:
    result = protect_text("Emma: emma@eksempel.dk", ("Emma",))

    assert result.text == "Elev A: [e-mail 1]"
    assert sorted(item.kind for item in result.items) == ["email", "name"]


# Phone numbers


@pytest.mark.parametrize(
    "phone",
    [
        "20304050",
        "2030 4050",
        "20 30 40 50",
        "20\u00a030\u00a040\u00a050",
        "+4520304050",
        "+45 20304050",
        "+45 20 30 40 50",
        "+45 2030 4050",
        "004520304050",
        "0045 20 30 40 50",
        "99887766",
    ],
)
def test_danish_phone_number_is_replaced(phone: str) -> None:
    assert protected(f"Ring på {phone}, tak.") == "Ring på [telefonnummer 1], tak."


def test_phone_with_and_without_country_code_is_one_item() -> None:
    result = protect_text("20 30 40 50 eller +45 20304050")

    assert result.text == "[telefonnummer 1] eller [telefonnummer 1]"
    assert result.count == 1


@pytest.mark.parametrize(
    "text",
    [
        "Ordrenummer 10293847 er afsendt.",  # no Danish number starts with 1
        "Kundenummer 01234567.",
        "Skoleåret 2024 2025 begynder i august.",
        "Talrækken 10 20 30 40 50 60 70 80 fortsætter.",
        "Kortnummer 2030 4050 6070 8090.",
        "Tallet 203040506 har ni cifre.",
        "Pi er cirka 3,14159265.",
        "Prisen var 20304050,50 kr.",
        "Postnummer 8000 og 2200.",
        "1234 5678",
    ],
)
def test_numbers_that_are_not_phone_numbers_pass_through(text: str) -> None:
    assert protected(text) == text


# Pupils' names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Emma læser.", "Elev A læser."),
        ("emma og EMMA er samme elev.", "Elev A og Elev A er samme elev."),
        ("Emmas bog.", "Elev A's bog."),
        ("Lukas' cykel.", "Elev A's cykel."),
        ("Lukas’ cykel.", "Elev A's cykel."),
        ("Max' taske.", "Elev A's taske."),
        ("Søren og Åse.", "Elev A og Elev B."),
        ("SØRENS og åses huse.", "Elev A's og Elev B's huse."),
        ("Bjørn Ærø kommer.", "Elev A kommer."),
        ("Anne Marie og Anne.", "Elev A og Elev B."),
        ("Anne  Marie kommer.", "Elev A kommer."),
        ("Emma's hue.", "Elev A's hue."),
    ],
)
def test_names_from_the_list_are_replaced_as_whole_words(
    text: str, expected: str
) -> None:
    assert protected(text, NAMES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gemma og Emmanuel er ikke på listen.",
        "Annemarie og Sørensen er ikke på listen.",
        "Maximal og Lukasevangeliet.",
        "Ærøs natur er smuk.",
    ],
)
def test_a_name_inside_a_longer_word_is_not_replaced(text: str) -> None:
    assert protected(text, NAMES) == text


def test_the_same_name_in_several_values_gets_one_token() -> None:
    result = protect({"emne": "Emma og Lukas", "ekstra": ["Lukas", "Emmas mor"]}, NAMES)

    assert result.values == {
        "emne": "Elev A og Elev B",
        "ekstra": ["Elev B", "Elev A's mor"],
    }
    assert result.count == 2


def test_names_after_z_continue_with_two_letters() -> None:
    names = [f"Navn{chr(ord('a') + i)}" for i in range(28)]

    result = protect_text(" ".join(names), names)

    assert result.text.endswith("Elev Y Elev Z Elev AA Elev AB")
    assert result.restore(result.text) == " ".join(names)


@pytest.mark.parametrize("name", ["", "   ", "A", "å"])
def test_blank_and_single_letter_names_are_ignored(name: str) -> None:
    text = "A og å er bogstaver."

    assert protected(text, (name,)) == text


def test_decomposed_danish_letters_still_match() -> None:
    decomposed = "A\u030ase"  # "Åse" written with a combining ring

    assert protected(f"{decomposed} læser.", ("Åse",)) == "Elev A læser."


# Restoring


@pytest.mark.parametrize(
    ("answer", "restored"),
    [
        ("Elev A læser.", "Emma læser."),
        ("Til elev A: godt gået.", "Til Emma: godt gået."),
        ("Elev A's bog.", "Emmas bog."),
        ("Elev A’s bog.", "Emmas bog."),
        ("Elev As bog.", "Emmas bog."),
        ("Elev B's cykel og Elev Bs hjelm.", "Lukas' cykel og Lukas' hjelm."),
        ("**Elev A** og Elev B.", "**Emma** og Lukas."),
    ],
)
def test_restore_puts_names_back_with_danish_genitive(
    answer: str, restored: str
) -> None:
    result = protect_text("Emma og Lukas", NAMES)

    assert result.restore(answer) == restored


@pytest.mark.parametrize(
    "answer",
    [
        "Elev AB og Elev C.",
        "Elev Asger og Elev AS.",
        "Giv hver elev A4-papir.",
        "ElevA og Elev-A.",
        "[CPR-nummer 2], [e-mail 1], [telefonnummer 01] og [CPR-nummer1].",
    ],
)
def test_restore_leaves_text_that_merely_resembles_a_token(answer: str) -> None:
    result = protect_text("Emma og Lukas har CPR 150630-4123", NAMES)

    assert result.restore(answer) == answer


def test_restore_puts_back_numbers_and_addresses_as_written() -> None:
    text = "Ring på +45 20 30 40 50 eller skriv til Mor@Eksempel.dk om 150630 4123."
    result = protect_text(text)

    assert result.text == (
        "Ring på [telefonnummer 1] eller skriv til [e-mail 1] om [CPR-nummer 1]."
    )
    assert result.restore(result.text) == text


def test_restore_writes_names_as_spelled_in_the_list() -> None:
    result = protect_text("hej søren og ANNE MARIE", NAMES)

    assert result.restore(result.text) == "hej Søren og Anne Marie"


def test_tokens_the_teacher_wrote_herself_are_never_handed_out() -> None:
    text = "Elev A og Elev Bs mor skrev [e-mail 1]. Emma og mor@eksempel.dk."
    result = protect_text(text, NAMES)

    assert result.text == (
        "Elev A og Elev Bs mor skrev [e-mail 1]. Elev C og [e-mail 2]."
    )
    assert result.restore(result.text) == text


def test_restore_without_items_returns_the_text_unchanged() -> None:
    result = protect_text("Ingen personoplysninger her.")

    assert result.count == 0
    assert result.restore("Elev A og [e-mail 1].") == "Elev A og [e-mail 1]."


# Count, mapping and what may be logged


def test_count_is_the_number_of_distinct_items() -> None:
    text = (
        "Emma (150630-4123) og Emmas mor, mor@eksempel.dk, 20304050. "
        "Lukas' far: far@eksempel.dk, +45 2030 4050. Emma igen: 1506304123."
    )
    result = protect_text(text, NAMES)

    assert result.count == 6
    assert sorted(item.kind for item in result.items) == sorted(
        ["name", "name", "cpr", "email", "email", "phone"]
    )


def test_mapping_links_each_token_to_its_original() -> None:
    result = protect_text("Emma, 150630-4123, 20 30 40 50, mor@eksempel.dk", NAMES)

    assert result.mapping == {
        "Elev A": "Emma",
        "[CPR-nummer 1]": "150630-4123",
        "[telefonnummer 1]": "20 30 40 50",
        "[e-mail 1]": "mor@eksempel.dk",
    }


def test_repr_is_safe_to_log() -> None:
    result = protect_text("Emma, 150630-4123, mor@eksempel.dk", NAMES)

    shown = repr(result) + repr(result.items)

    for original in ("Emma", "150630", "4123", "mor@"):
        assert original not in shown


def test_protect_keeps_the_shape_of_the_values() -> None:
    values = {"emne": "Dyr", "fokus": ["ordforraad", "samtale"], "tom": ""}

    assert protect(values).values == values


def test_protect_text_puts_the_text_under_the_text_key() -> None:
    assert protect_text("Emma", NAMES).values == {TEXT_KEY: "Elev A"}


# Ordinary Danish passes through untouched


@pytest.mark.parametrize(
    "text",
    [
        "Vi læser side 12-14 i 2024.",
        "Eleverne i 4.b skal have karakteren 7 eller 10 eller 12.",
        "Mødet er 31-12-2023 kl. 8.15 i lokale 204.",
        "Datoen 31.12.2023 og 1/9-2024.",
        "Uge 12: læs s. 45-67 og lav opgave 3.2.",
        "Svaret er 1.234.567 kr. eller 12 %.",
        "Lix 25-34 passer til 3.-4. klasse.",
        "Hans Christian Andersen skrev »Den grimme ælling« i 1843.",
        "Rektanglet er 20 cm × 30 cm.",
        "Telefonen ringede kl. 20.30.",
        "",
    ],
)
def test_danish_text_without_personal_data_is_unchanged(text: str) -> None:
    result = protect_text(text, NAMES)

    assert result.text == text
    assert result.count == 0


# contains_personal_data


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Ingen her, side 12-14 i 2024.", []),
        ("Emma læser.", ["name"]),
        ("CPR 150630-4123", ["cpr"]),
        ("Ring 20 30 40 50 eller skriv mor@eksempel.dk", ["email", "phone"]),
        ("Emmas mor, 1506304123, +4520304050, far@eksempel.dk", list(KINDS)),
    ],
)
def test_contains_personal_data_names_each_kind_once(
    text: str, kinds: list[str]
) -> None:
    assert contains_personal_data(text, NAMES) == kinds


# Many made-up examples: nothing of the originals survives, and all of it comes back

POOL = (
    "Emma",
    "Noah",
    "Ida",
    "Lukas",
    "Søren",
    "Åse",
    "Mathilde",
    "Frederik",
    "Anne Marie",
    "Bjørn Ærø",
    "Max",
    "Liz",
    "Øjvind",
    "Ærle",
)


def made_up_cpr(rng: random.Random) -> str:
    """A CPR number with a birth date in 2030-2057, so it belongs to no one."""
    if rng.random() < 0.5:
        year, seventh = rng.randint(30, 36), rng.choice((4, 9))
    else:
        year, seventh = rng.randint(37, 57), rng.randint(5, 8)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    serial = f"{seventh}{rng.randint(0, 999):03d}"
    separator = rng.choice(("-", "", " "))
    return f"{day:02d}{month:02d}{year:02d}{separator}{serial}"


def made_up_phone(rng: random.Random) -> str:
    digits = f"{rng.randint(2, 9)}{rng.randint(0, 9_999_999):07d}"
    number = rng.choice(
        (
            digits,
            f"{digits[:4]} {digits[4:]}",
            " ".join(digits[i : i + 2] for i in range(0, 8, 2)),
        )
    )
    return rng.choice(("", "+45 ", "+45", "0045 ")) + number


def made_up_email(rng: random.Random, name: str) -> str:
    local = name.split()[0].casefold() + rng.choice(("", ".mor", ".far", "123"))
    return f"{local}@{rng.choice(('eksempel.dk', 'skole-eksempel.dk'))}"


def genitive(name: str) -> str:
    return name + ("'" if name[-1] in "sxz" else "s")


def test_no_planted_item_survives_and_every_one_comes_back() -> None:
    rng = random.Random(20240901)
    for _ in range(300):
        name, other = rng.sample(POOL, 2)
        cpr, phone = made_up_cpr(rng), made_up_phone(rng)
        email = made_up_email(rng, other)
        values = {
            "emne": f"{genitive(name)} forældre vil tale om {other}.",
            "ekstra": f"CPR: {cpr}. Ring på {phone} eller skriv til {email}.",
            "fokus": [f"{name} og {other} læser", "ordforraad"],
        }

        result = protect(values, POOL)

        flat = " ".join(
            " ".join(v) if isinstance(v, list) else v for v in result.values.values()
        )
        digits = re.sub(r"[^0-9]", "", flat)
        assert re.sub(r"[^0-9]", "", cpr) not in digits
        assert re.sub(r"[^0-9]", "", phone)[-8:] not in digits
        assert email not in flat
        for planted in (name, other):
            assert not re.search(rf"(?<!\w){re.escape(planted)}", flat, re.I)
        assert result.count == 5
        for key, value in values.items():
            shown = result.values[key]
            if isinstance(value, str):
                assert isinstance(shown, str)
                assert result.restore(shown) == value
            else:
                assert [result.restore(text) for text in shown] == value
