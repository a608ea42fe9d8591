"""Identifiers as real systems issue them: UPN, NHS number, postcodes, VRMs, phones."""

from __future__ import annotations

import numpy as np

# DfE Unique Pupil Number check letter: weights 2..13 over characters 2..13, mod 23,
# mapped onto this alphabet (DfE "Unique pupil numbers (UPNs)" guidance, annex).
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # inward-code letters exclude C I K M O V
_VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"   # I, Q, Z are not used in current-style plates


def upn_check_letter(body: str) -> str:
    """The check letter for the last 12 characters of a UPN (all digits here)."""
    total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14)))
    return _UPN_LETTERS[total % 23]


def make_upn(la_code: int, establishment: int, year: int, serial: int) -> str:
    """A 13-character UPN: check letter, LA, establishment, 2-digit year, serial."""
    body = f"{la_code:03d}{establishment:04d}{year % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def nhs_numbers(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` distinct NHS numbers with a valid modulus-11 check digit."""
    weights = np.arange(10, 1, -1)
    found: list[np.ndarray] = []
    have = 0
    while have < count:
        body = rng.integers(0, 10, size=(count + 64, 9))
        body[:, 0] = rng.integers(4, 7, size=len(body))  # issued in England from 400...
        check = 11 - (body @ weights) % 11
        check[check == 11] = 0
        keep = check != 10  # numbers whose check would be 10 are never issued
        numbers = (body[keep] @ (10 ** np.arange(9, 0, -1, dtype=np.int64))) + check[keep]
        found.append(numbers)
        have += len(numbers)
    # keep first occurrences only, in draw order, so the result does not depend on sorting
    merged = np.concatenate(found)
    _, first = np.unique(merged, return_index=True)
    ordered = merged[np.sort(first)][:count]
    if len(ordered) < count:
        return nhs_numbers(rng, count)
    return [f"{n:010d}" for n in ordered.tolist()]


def nhs_number_valid(number: str) -> bool:
    """True when ``number`` is 10 digits with a correct check digit."""
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    return (0 if check == 11 else check) == int(number[9])


def postcode(rng: np.random.Generator, district: str) -> str:
    """A unit postcode in ``district``, e.g. ``OX4 6BT``."""
    a, b = rng.choice(list(POSTCODE_LETTERS), size=2)
    return f"{district} {int(rng.integers(1, 10))}{a}{b}"


def vrm(rng: np.random.Generator) -> str:
    """A current-style registration mark, e.g. ``AB12 CDE``, issued 2001-2013."""
    memory = "".join(rng.choice(list(_VRM_LETTERS), size=2))
    age = int(rng.choice([int(y) for y in range(2, 13)] + [int(y) for y in range(51, 63)]))
    tail = "".join(rng.choice(list(_VRM_LETTERS), size=3))
    return f"{memory}{age:02d} {tail}"


def mobile(rng: np.random.Generator) -> str:
    """A UK mobile number in E.164 (``+447...``) from the Ofcom drama range 07700 900xxx."""
    return f"+447700{int(rng.integers(900000, 901000)):06d}"


def phone_as_written(rng: np.random.Generator, e164: str) -> str:
    """The same mobile written the ways officers and analysts write it."""
    national = "0" + e164[3:]
    style = int(rng.integers(0, 4))
    if style == 0:
        return f"{national[:5]} {national[5:]}"
    if style == 1:
        return e164
    if style == 2:
        return f"0044 {e164[3:7]} {e164[7:]}"
    return national
