"""Working days in England and Wales: Monday to Friday, less bank holidays.

"Within one working day" (Working Together to Safeguard Children) is counted on this
calendar. Bank holidays follow the Banking and Financial Dealings Act 1971 as proclaimed each
year (gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday, the early May bank
holiday, the spring bank holiday, the summer bank holiday, Christmas Day and Boxing Day, with
substitute days when one falls at a weekend, and the one-off days proclaimed for jubilees,
royal weddings, a state funeral and a coronation.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

__all__ = ["bank_holidays", "due_by_working_days", "is_working_day", "next_working_day"]

_D = dt.timedelta(days=1)

# Proclaimed one-off bank holidays, and years whose regular May holidays were moved.
_EXTRA = {dt.date(1999, 12, 31), dt.date(2002, 6, 3), dt.date(2011, 4, 29), dt.date(2012, 6, 5),
          dt.date(2022, 6, 3), dt.date(2022, 9, 19), dt.date(2023, 5, 8)}
_EARLY_MAY_MOVED = {1995: dt.date(1995, 5, 8), 2020: dt.date(2020, 5, 8)}
_SPRING_MOVED = {2002: dt.date(2002, 6, 4), 2012: dt.date(2012, 6, 4), 2022: dt.date(2022, 6, 2)}


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    day = dt.date(year + (month == 12), month % 12 + 1, 1) - _D
    return day - dt.timedelta(days=day.weekday())


@lru_cache(maxsize=None)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays in `year` (from 1978, when early May began)."""
    days = set()
    new_year = dt.date(year, 1, 1)
    days.add(new_year + dt.timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    easter = _easter(year)
    days |= {easter - 2 * _D, easter + _D}
    days.add(_EARLY_MAY_MOVED.get(year, _first_monday(year, 5)))
    days.add(_SPRING_MOVED.get(year, _last_monday(year, 5)))
    days.add(_last_monday(year, 8))
    christmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    if christmas.weekday() == 5:        # Saturday: Monday and Tuesday instead
        days |= {christmas + 2 * _D, christmas + 3 * _D}
    elif christmas.weekday() == 6:      # Sunday: Boxing Day Monday, Christmas on Tuesday
        days |= {boxing, christmas + 2 * _D}
    elif christmas.weekday() == 4:      # Friday: Boxing Day moves to Monday
        days |= {christmas, christmas + 3 * _D}
    else:
        days |= {christmas, boxing}
    days |= {d for d in _EXTRA if d.year == year}
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += _D
    while not is_working_day(day):
        day += _D
    return day


def due_by_working_days(received: dt.date, working_days: int) -> dt.date:
    """The last day on which something received on `received` is done "within N working
    days": counted from the day of receipt, or from the next working day when it arrived on
    a weekend or bank holiday. A referral received on a Friday is due by the end of Monday;
    one received on a Saturday by the end of Tuesday."""
    day = received if is_working_day(received) else next_working_day(received)
    for _ in range(working_days):
        day = next_working_day(day)
    return day
