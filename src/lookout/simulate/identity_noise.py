"""How the same person looks different in different agencies' records.

Rates are per record and per agency kind: sexual health and A&E staff write what the young
person tells them (nicknames, a guessed date of birth); schools copy the admission form
(often the mother's surname); police write what they hear at the roadside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..reference import load_nicknames
from .calendar import iso
from .world import Person

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class NoiseRates:
    """Per-record probabilities of each kind of error for one agency kind."""

    nickname: float
    typo: float
    swap_names: float
    other_surname: float
    hyphenated: float
    dob_swap: float
    dob_digit: float
    dob_blank: float
    sex_blank: float
    stale_postcode: float


RATES = {
    "education": NoiseRates(0.01, 0.01, 0.0, 0.35, 0.15, 0.003, 0.003, 0.0, 0.0, 0.3),
    "social_care": NoiseRates(0.03, 0.03, 0.005, 0.1, 0.05, 0.01, 0.01, 0.01, 0.0, 0.3),
    "police": NoiseRates(0.10, 0.06, 0.02, 0.25, 0.05, 0.02, 0.02, 0.05, 0.02, 0.5),
    "health_sexual": NoiseRates(0.35, 0.05, 0.01, 0.2, 0.05, 0.03, 0.03, 0.03, 0.01, 0.5),
    "health_emergency": NoiseRates(0.18, 0.06, 0.02, 0.15, 0.05, 0.02, 0.02, 0.04, 0.01, 0.4),
}
ADULT_DOB_BLANK_POLICE = 0.35


@dataclass(frozen=True)
class SeenIdentity:
    """Identity fields as one record writes them."""

    forenames: str
    surname: str
    dob: str
    sex: str
    postcode: str
    iso_dob: dt.date | None


def typo(rng: np.random.Generator, text: str) -> str:
    """One keyboard slip: substitute, drop, insert or transpose a character."""
    if len(text) < 3:
        return text
    pos = int(rng.integers(1, len(text) - 1))
    op = int(rng.integers(0, 4))
    letter = _ALPHABET[int(rng.integers(0, 26))]
    if op == 0:
        return text[:pos] + letter + text[pos + 1:]
    if op == 1:
        return text[:pos] + text[pos + 1:]
    if op == 2:
        return text[:pos] + letter + text[pos:]
    return text[: pos - 1] + text[pos] + text[pos - 1] + text[pos + 1:]


def nickname(rng: np.random.Generator, forename: str) -> str:
    """A nickname for ``forename`` from the shared table, or the name itself."""
    options = sorted(load_nicknames().get(forename, ()))
    return options[int(rng.integers(0, len(options)))] if options else forename


def dob_error(rng: np.random.Generator, dob: dt.date, *, swap: bool) -> dt.date:
    """Day and month swapped (when that is a real date) or one digit wrong."""
    if swap and dob.day <= 12 and dob.day != dob.month:
        return dob.replace(day=dob.month, month=dob.day)
    for _ in range(5):
        text = list(dob.strftime("%Y%m%d"))
        pos = int(rng.choice([3, 5, 6, 7]))
        text[pos] = str(int(rng.integers(0, 10)))
        try:
            wrong = dt.datetime.strptime("".join(text), "%Y%m%d").date()
        except ValueError:
            continue
        if wrong != dob:
            return wrong
    return dob + dt.timedelta(days=1)


def seen_as(rng: np.random.Generator, person: Person, kind: str, *,
            date_format=iso) -> SeenIdentity:
    """``person`` as a record of agency ``kind`` writes them."""
    rates = RATES[kind]
    u = rng.random(11)
    forename, surname = person.forename, person.surname
    if person.other_surname:
        if u[0] < rates.other_surname:
            surname = person.other_surname
        elif u[0] < rates.other_surname + rates.hyphenated:
            surname = f"{person.surname}-{person.other_surname}"
    if u[1] < rates.nickname:
        forename = nickname(rng, forename)
    if u[2] < rates.typo:
        if u[3] < 0.5:
            forename = typo(rng, forename)
        else:
            surname = typo(rng, surname)
    if u[4] < rates.swap_names:
        forename, surname = surname, forename
    dob: dt.date | None = person.dob
    blank = ADULT_DOB_BLANK_POLICE if (person.kind == "adult" and kind == "police") else rates.dob_blank
    if u[5] < blank:
        dob = None
    elif u[6] < rates.dob_swap + rates.dob_digit:
        dob = dob_error(rng, person.dob, swap=u[6] < rates.dob_swap)
    postcode = person.postcode
    if person.moved_postcode and u[7] >= rates.stale_postcode:
        postcode = person.moved_postcode
    if u[8] < 0.03:
        postcode = ""
    if u[9] < 0.15:  # case is not standardised between systems
        surname = surname.upper()
    sex = "" if u[10] < rates.sex_blank else person.sex
    return SeenIdentity(forename, surname, date_format(dob) if dob else "", sex, postcode, dob)
