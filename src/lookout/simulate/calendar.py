"""The county's calendar: the period simulated, bank holidays and school days.

The period is two school years, September 2011 to August 2013, the same for every run so
that term dates and bank holidays can be the real ones for England.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

PERIOD_START = dt.date(2011, 9, 1)
PERIOD_END = dt.date(2013, 8, 31)
EXTRACTED_AT = dt.datetime(2013, 9, 2, 8, 0, 0)

# Bank holidays in England and Wales (gov.uk/bank-holidays). 2012 moved the spring bank
# holiday to 4 June and added 5 June for the Diamond Jubilee.
BANK_HOLIDAYS = frozenset(
    dt.date.fromisoformat(d)
    for d in (
        "2011-08-29", "2011-12-26", "2011-12-27",
        "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04",
        "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26",
        "2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27",
        "2013-08-26",
    )
)

# (school year starting, terms as (first day, last day), half-term weeks as (first, last)).
# Dates follow a typical English county calendar for those years.
_TERMS = (
    (
        2011,
        (("2011-09-06", "2011-12-20"), ("2012-01-04", "2012-03-30"), ("2012-04-16", "2012-07-20")),
        (("2011-10-24", "2011-10-28"), ("2012-02-13", "2012-02-17"), ("2012-06-04", "2012-06-08")),
    ),
    (
        2012,
        (("2012-09-05", "2012-12-20"), ("2013-01-03", "2013-03-27"), ("2013-04-15", "2013-07-23")),
        (("2012-10-29", "2012-11-02"), ("2013-02-18", "2013-02-22"), ("2013-05-27", "2013-05-31")),
    ),
)

# Days some schools closed for snow in those winters (register code `#`).
SNOW_DAYS = tuple(dt.date.fromisoformat(d) for d in ("2012-02-06", "2013-01-18", "2013-01-21"))

SCHOOL_YEARS = tuple(year for year, _, _ in _TERMS)


def _span(first: str, last: str) -> list[dt.date]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def school_days(school_year: int) -> list[dt.date]:
    """Every day pupils are expected in school in the year starting ``school_year``."""
    for year, terms, half_terms in _TERMS:
        if year != school_year:
            continue
        off = {d for first, last in half_terms for d in _span(first, last)}
        days = [d for first, last in terms for d in _span(first, last)]
        return [d for d in days if d.weekday() < 5 and d not in BANK_HOLIDAYS and d not in off]
    raise ValueError(f"no term dates for school year {school_year}")


def is_working_day(day: dt.date) -> bool:
    """True on Monday to Friday that is not a bank holiday."""
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after ``day``."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """``count`` working days after ``day``."""
    for _ in range(count):
        day = next_working_day(day)
    return day


def age_on(dob: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def birthday(dob: dt.date, age: int) -> dt.date:
    """The date a child born on `dob` turns `age` (29 February births: 1 March in other years)."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return dt.date(dob.year + age, 3, 1)


def random_datetime(rng: np.random.Generator, start: dt.date, end: dt.date,
                    *, hours: tuple[int, int] = (0, 24)) -> dt.datetime:
    """A datetime between ``start`` and ``end`` (inclusive), to the minute, in ``hours``."""
    span = max((end - start).days, 0)
    day = start + dt.timedelta(days=int(rng.integers(0, span + 1)))
    minute = int(rng.integers(hours[0] * 60, hours[1] * 60))
    return dt.datetime.combine(day, dt.time(minute // 60 % 24, minute % 60))


def iso(value: dt.date | dt.datetime | None) -> str:
    """ISO 8601 text, seconds included for datetimes; blank for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def dmy(value: dt.date | None) -> str:
    """The SSDA903 return's DD/MM/YYYY; blank for None."""
    return "" if value is None else value.strftime("%d/%m/%Y")
