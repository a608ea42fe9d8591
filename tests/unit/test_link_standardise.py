"""Standardisation of identity fields before comparison (lookout.link.standardise)."""

from __future__ import annotations

import pytest

from lookout.link.standardise import apply, nickname_groups


@pytest.mark.parametrize("raw, expected", [
    ("  O'Néill ", "oneill"),
    ("SMITH-JONES", "smithjones"),
    ("smith jones", "smithjones"),
    ("Zoë", "zoe"),
    ("   ", None),
    (None, None),
])
def test_surnames_fold_case_accents_punctuation_and_hyphens(raw, expected):
    assert apply("surname", raw) == expected


def test_hyphenated_surname_keeps_its_parts_in_order():
    assert apply("surname_parts", "Smith-Jones") == ["jones", "smith"]
    assert apply("surname_parts", "Smith") == ["smith"]


def test_forename_is_the_first_given_name_only():
    assert apply("forename", "Mary-Jane Ellen") == "mary"
    assert apply("forename", "JOSÉ") == "jose"


def test_nickname_groups_join_formal_names_and_their_nicknames():
    groups = nickname_groups()
    assert groups["bill"] == groups["william"] == groups["will"]
    assert groups["alex"] == groups["alexander"] == groups["alexandra"]
    assert groups["william"] != groups["alexander"]


@pytest.mark.parametrize("raw, expected", [
    ("ox14nr", "OX1 4NR"),
    ("OX14 6NR", "OX14 6NR"),
    (" hp11  2ee ", "HP11 2EE"),
    ("SW1A1AA", "SW1A 1AA"),
    ("not a postcode", None),
    ("N/A", None),
    ("ZZ99 3VZ", None),      # the NHS's pseudo-postcode for no fixed abode
    ("OX4", None),           # an outward code alone is a district, not a postcode
    ("12345", "12345"),      # another country's postcode is kept, as text
    ("2615", "2615"),
    ("d02 x285", "D02X285"),
])
def test_postcodes_take_their_published_form(raw, expected):
    assert apply("postcode", raw) == expected


def test_a_foreign_postcode_has_no_sector_and_is_its_own_district():
    assert apply("postcode_sector", "2615") is None
    assert apply("postcode_district", "2615") == "2615"
    assert apply("postcode_outward", "ox4") == "OX4"


@pytest.mark.parametrize("raw, address, number, words", [
    ("12, High St.", "12 high street", "12", ["high"]),
    ("Flat 3, 12a Queens Rd, Oxford", "flat 3 12a queens road oxford", "3", ["oxford", "queens"]),
    ("No Fixed Abode", None, None, None),
    ("NFA", None, None, None),
])
def test_addresses_are_written_one_way(raw, address, number, words):
    standard = apply("address", raw)
    assert standard == address
    assert apply("address_number", standard) == number
    found = apply("address_words", standard)
    assert (sorted(found) if found else None) == words


def test_postcode_sector_and_district():
    assert apply("postcode_sector", "OX14 6NR") == "OX14 6"
    assert apply("postcode_district", "OX14 6NR") == "OX14"


@pytest.mark.parametrize("raw, expected", [
    ("07700 900123", "+447700900123"),
    ("0044 7700 900123", "+447700900123"),
    ("+44 (0)7700 900123", None),  # ambiguous trunk zero: not guessed
    ("+447700900123", "+447700900123"),
    ("447700900123", "+447700900123"),
    ("01865 123456", "+441865123456"),
    ("999", None),
])
def test_phone_numbers_become_e164(raw, expected):
    assert apply("phone", raw) == expected


@pytest.mark.parametrize("raw, expected", [("tf04 yur", "TF04YUR"), ("AB-12 CDE", "AB12CDE"),
                                           ("  ", None)])
def test_vehicle_registrations_lose_spaces_and_case(raw, expected):
    assert apply("vrm", raw) == expected


def test_nhs_numbers_need_a_valid_check_digit():
    # 943 476 5919 is the NHS Digital example number; changing its last digit breaks the check
    assert apply("nhs_number", "943 476 5919") == "9434765919"
    assert apply("nhs_number", "9434765918") is None
    assert apply("nhs_number", "12345") is None


def test_upn_keeps_check_letter_and_digits():
    assert apply("upn", "e931200202005") == "E931200202005"
    assert apply("upn", "931200202005") is None


def test_dates_of_birth_and_their_day_month_swap():
    assert apply("dob", "2003-04-09") == "2003-04-09"
    assert apply("dob_swapped", "2003-04-09") == "2003-09-04"
    assert apply("dob_swapped", "2003-04-25") is None  # no 25th month
    assert apply("dob_swapped", "2003-04-04") is None  # swapping changes nothing


@pytest.mark.parametrize("raw, expected", [("m", "M"), ("F", "F"), ("1", "M"), ("2", "F"),
                                           ("9", None), ("", None)])
def test_sex_codes(raw, expected):
    assert apply("sex", raw) == expected
