"""Validators of resident IDs (GB 11643), credit codes (GB 32100) and mobiles, by property."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gigmarket.validators import (
    CREDIT_CODE_CHARS,
    credit_code_check_char,
    id_check_char,
    resident_id_birth_date,
    resident_id_gender,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

TODAY = datetime.date(2026, 11, 21)

birth_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
areas = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@st.composite
def resident_ids(draw):
    first17 = draw(areas) + draw(birth_dates).strftime("%Y%m%d") + draw(sequences)
    return first17 + id_check_char(first17)


@given(resident_ids())
def test_every_well_formed_id_is_accepted(number):
    assert validate_resident_id(number, today=TODAY) == number


@given(resident_ids(), st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_refused(number, wrong):
    if wrong == number[-1]:
        return
    with pytest.raises(ValidationError) as error:
        validate_resident_id(number[:-1] + wrong, today=TODAY)
    assert error.value.code == "id_check"


@given(resident_ids())
def test_full_width_digits_and_lower_case_x_are_normalised(number):
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c.lower() for c in number)
    assert validate_resident_id(f" {full_width} ", today=TODAY) == number


@given(resident_ids())
def test_birth_date_and_gender_come_from_the_number(number):
    born = resident_id_birth_date(number)
    assert born.strftime("%Y%m%d") == number[6:14]
    assert resident_id_gender(number) == ("male" if int(number[16]) % 2 else "female")


def test_the_standard_example_is_valid():
    # GB 11643-1999's worked example.
    assert validate_resident_id("11010519491231002X", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize(
    "number,code",
    [
        ("110105194902300021", "id_birth_date"),  # 30 February
        ("110105203001010021", "id_birth_future"),  # born in 2030
        ("11010519491231002", "id_length"),
        ("1101051949123100ZX", "id_format"),
        ("11010549123100", "id_length"),
    ],
)
def test_impossible_ids_get_a_precise_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(number, today=TODAY)
    assert error.value.code == code


def test_an_old_fifteen_digit_number_has_no_check_but_a_real_date():
    assert validate_resident_id("110105491231002", today=TODAY) == "110105491231002"
    with pytest.raises(ValidationError):
        validate_resident_id("110105491331002", today=TODAY)  # month 13


@st.composite
def credit_codes(draw):
    chars = st.sampled_from(CREDIT_CODE_CHARS)
    first17 = (
        draw(chars)
        + draw(chars)
        + draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
        + "".join(draw(st.lists(chars, min_size=9, max_size=9)))
    )
    return first17 + credit_code_check_char(first17)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_credit_codes_are_valid(code):
    assert validate_credit_code(code) == code


@given(credit_codes())
def test_every_well_formed_credit_code_is_accepted(code):
    assert validate_credit_code(code.lower()) == code


@given(credit_codes(), st.sampled_from(CREDIT_CODE_CHARS))
def test_a_wrong_credit_check_character_is_refused_unless_staff_override(code, wrong):
    if wrong == code[-1]:
        return
    bad = code[:-1] + wrong
    with pytest.raises(ValidationError) as error:
        validate_credit_code(bad)
    assert error.value.code == "credit_check"
    assert validate_credit_code(bad, allow_bad_check=True) == bad


@pytest.mark.parametrize("letter", "IOZSV")
def test_letters_never_used_in_credit_codes_are_named(letter):
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y4" + letter)
    assert error.value.code == "credit_chars"


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(
    mobiles,
    st.sampled_from(["{}", "+86{}", "86{}", "+86 {}", " {} "]),
    st.booleans(),
    st.booleans(),
)
def test_mobile_spellings_normalise_to_eleven_digits(number, template, dashes, full_width):
    text = number
    if dashes:
        text = f"{text[:3]}-{text[3:7]}-{text[7:]}"
    if full_width:
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
    assert validate_mobile(template.format(text)) == number


@pytest.mark.parametrize(
    "text", ["12812345678", "1381234567", "138123456789", "10086", "0851-12333", ""]
)
def test_numbers_that_are_not_mobiles_are_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_mobile(text)
    assert "11" in str(error.value.messages[0])


def test_a_baby_born_today_in_shanghai_is_not_in_the_future_while_utc_is_still_yesterday():
    """At 01:00 in Shanghai it is 17:00 yesterday in UTC: the birth date is checked in Shanghai."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    from gigmarket.validators import id_check_char, validate_resident_id

    first17 = "52010220261122" + "002"
    number = first17 + id_check_char(first17)
    at = datetime.datetime(2026, 11, 21, 17, 0, tzinfo=datetime.UTC)  # 22 Nov 01:00 in Shanghai
    with (
        mock.patch.object(timezone, "now", return_value=at),
        mock.patch("datetime.date", wraps=datetime.date) as fake_date,
    ):
        fake_date.today.return_value = datetime.date(2026, 11, 21)
        assert validate_resident_id(number) == number
