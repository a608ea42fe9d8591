"""Identifiers and reference tables the simulator relies on."""

import numpy as np

from lookout.reference import load_nicknames
from lookout.simulate.identifiers import make_upn, nhs_numbers, phone_as_written, upn_check_letter
from lookout.simulate.identity_noise import dob_error, typo


def _nhs_ok(number: str) -> bool:
    # NHS Data Dictionary modulus 11: weights 10..2 over the first nine digits
    total = sum(int(d) * w for d, w in zip(number[:9], [10, 9, 8, 7, 6, 5, 4, 3, 2]))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(number[9])


def test_upn_check_letter_matches_dfe_example():
    assert upn_check_letter("801200001001") == "H"
    assert make_upn(801, 2000, 2001, 1) == "H801200001001"


def test_nhs_numbers_are_valid_and_distinct():
    numbers = nhs_numbers(np.random.default_rng(3), 5000)
    assert len(set(numbers)) == 5000
    assert all(len(n) == 10 and _nhs_ok(n) for n in numbers)


def test_known_nhs_number_example():
    assert _nhs_ok("9434765919")  # NHS Digital's published example


def test_phone_formats_all_denote_the_same_number():
    rng = np.random.default_rng(1)
    written = {phone_as_written(rng, "+447700900123") for _ in range(200)}
    digits = {w.replace(" ", "").replace("+44", "0").replace("0044", "0") for w in written}
    assert digits == {"07700900123"}
    assert {"07700 900123", "+447700900123", "0044 7700 900123"} <= written


def test_nicknames_loader():
    nick = load_nicknames()
    assert "Becky" in nick["Rebecca"]
    assert {"Bill", "Will"} <= nick["William"]
    assert len(nick) >= 100


def test_typo_is_one_edit_and_dob_error_changes_the_date():
    import datetime as dt
    rng = np.random.default_rng(5)
    for _ in range(200):
        t = typo(rng, "Rebecca")
        assert abs(len(t) - 7) <= 1 and t.lower() != ""
        d = dt.date(2001, 3, 7)
        assert dob_error(rng, d, swap=False) != d
    assert dob_error(rng, dt.date(2001, 3, 7), swap=True) == dt.date(2001, 7, 3)
