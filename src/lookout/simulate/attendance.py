"""Every AM and PM register mark for every pupil on roll, built and written as bytes.

About 75 million marks at 150,000 children, so nothing here loops per mark: the absence
process loops over school days with all pupils as one vector, and each school's file chunk
is assembled as a fixed-width byte matrix whose padding is masked out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from .calendar import SCHOOL_YEARS, school_days
from .education import Enrolment
from .world import World

CODES = ("/", "\\", "L", "U", "B", "P", "V", "I", "M", "C", "E", "R", "O", "N", "G", "#")
_C = {code: i for i, code in enumerate(CODES)}
_FIRST = np.array([ord(c[0]) for c in CODES], dtype=np.uint8)
_SECOND = np.array([ord(c[-1]) for c in CODES], dtype=np.uint8)
_TWO_CHARS = np.array([len(c) == 2 for c in CODES])
_WIDTH = 38
HEADER = b"upn,school_urn,date,session,code\n"
# Broken marks planted in attendance, as (column, bad text, problem) for truth/bad_rows.csv.
_BAD_MARKS = (
    ("date", "2012-02-30", "invalid date"),
    ("code", "QQ", "unknown register code"),
    ("code", "", "blank required column"),
    ("session", "EV", "unknown session"),
    ("date", "12/03/2012", "date not ISO 8601"),
)


def all_school_days() -> list[dt.date]:
    """School days of both school years in order."""
    return [d for y in SCHOOL_YEARS for d in school_days(y)]


def _pupil_codes(rng: np.random.Generator, rate: np.ndarray, unauth: np.ndarray,
                 late: np.ndarray, persist: np.ndarray, days: int) -> np.ndarray:
    """Register codes (pupils x sessions) from a two-state absence process per pupil.

    Absence comes in spells (a cold lasts days), so a day's state depends on yesterday's:
    stay absent with probability ``persist``; start a spell at the rate that keeps the
    long-run absence at ``rate``.
    """
    n = len(rate)
    start = np.clip(rate * (1 - persist) / np.maximum(1 - rate, 1e-6), 0, 1)
    absent = np.empty((n, days), dtype=bool)
    state = rng.random(n) < rate
    for d in range(days):
        absent[:, d] = state
        u = rng.random(n)
        state = np.where(state, u < persist, u < start)
    reason = rng.random((n, days), dtype=np.float32)
    pick = rng.random((n, days), dtype=np.float32)
    is_unauth = reason < unauth[:, None]
    authorised = np.select([pick < 0.78, pick < 0.88, pick < 0.95, pick < 0.98],
                           [_C["I"], _C["M"], _C["C"], _C["E"]], _C["R"])
    unauthorised = np.select([pick < 0.5, pick < 0.78], [_C["O"], _C["N"]], _C["G"])
    absence = np.where(is_unauth, unauthorised, authorised).astype(np.uint8)
    mark = rng.random((n, days), dtype=np.float32)
    am = np.full((n, days), _C["/"], dtype=np.uint8)
    am[mark < late[:, None]] = _C["L"]
    am[mark < late[:, None] * 0.08] = _C["U"]
    am[mark > 0.9975] = _C["B"]
    am[(mark > 0.9965) & (mark <= 0.9975)] = _C["V"]
    pm = np.full((n, days), _C["\\"], dtype=np.uint8)
    pm[mark > 0.9975] = _C["B"]
    pm[(mark > 0.9955) & (mark <= 0.9965)] = _C["P"]
    half = reason > 0.85  # a half-day absence: an appointment or sent home ill
    am_off = absent & ~(half & (pick < 0.45))
    pm_off = absent & ~(half & (pick >= 0.45))
    am[am_off] = absence[am_off]
    pm[pm_off] = absence[pm_off]
    out = np.empty((n, days * 2), dtype=np.uint8)
    out[:, 0::2], out[:, 1::2] = am, pm
    return out


def build_codes(world: World, rng: np.random.Generator, pupils: list[int]) -> np.ndarray:
    """Codes for ``pupils`` (child indices), including the planted stories."""
    days = all_school_days()
    n = len(pupils)
    # about 20% of pupils persistently absent (>=10%), 1-2% severely (>=50%): DfE 2023/24
    rate = np.clip(np.exp(rng.normal(np.log(0.043), 0.95, n)), 0.0, 0.45)
    severe = rng.random(n) < 0.013
    rate[severe] = rng.uniform(0.5, 0.85, severe.sum())
    unauth = np.clip(rng.beta(2, 5, n) + rate, 0, 0.95)
    late = rng.beta(1.2, 40, n)
    persist = np.where(severe, 0.9, 0.55)
    codes = np.empty((n, len(days) * 2), dtype=np.uint8)
    for lo in range(0, n, 16384):
        hi = min(n, lo + 16384)
        codes[lo:hi] = _pupil_codes(rng, rate[lo:hi], unauth[lo:hi], late[lo:hi],
                                    persist[lo:hi], len(days))
    day_index = np.array([d.toordinal() for d in days])
    for row, child_idx in enumerate(pupils):
        child = world.children[child_idx]
        if child.decoy == "illness_absence":
            codes[row] = _illness(rng, len(days))
        elif child.exploited and "stays_in_school" not in child.traits:
            _truancy(rng, codes[row], day_index, child.exploitation_start.toordinal())
    return codes


def _illness(rng: np.random.Generator, days: int) -> np.ndarray:
    """Long authorised runs of illness and medical appointments (a chronic condition)."""
    one = _pupil_codes(rng, np.array([rng.uniform(0.15, 0.35)]), np.array([0.0]),
                       np.array([0.005]), np.array([0.88]), days)[0]
    one[np.isin(one, [_C["C"], _C["E"], _C["R"]])] = _C["I"]
    return one


def _truancy(rng: np.random.Generator, row: np.ndarray, day_index: np.ndarray,
             start: int) -> None:
    """Rising unauthorised absence and lateness from the start of exploitation."""
    months = np.clip((day_index - start) / 30.4, 0, None)
    p_absent = np.where(months > 0, np.minimum(0.08 + 0.05 * months, 0.6), 0.0)
    u = rng.random(len(day_index))
    which = rng.random(len(day_index))
    for half in (0, 1):
        codes = row[half::2]
        hit = (u < p_absent) & ((which < 0.7) | (half == 1))
        codes[hit] = np.where(rng.random(hit.sum()) < 0.7, _C["O"], _C["N"])
        late = (~hit) & (rng.random(len(day_index)) < p_absent * 0.5) & (half == 0)
        codes[late] = np.where(rng.random(late.sum()) < 0.6, _C["L"], _C["U"])


def write_attendance(world: World, rng: np.random.Generator, enrolments: list[Enrolment],
                     drop: Path, progress) -> int:
    """Write attendance.csv in every education extract; returns the number of marks."""
    days = all_school_days()
    day_ord = np.repeat(np.array([d.toordinal() for d in days]), 2)
    stamp = np.array([[ord(ch) for ch in f"{d.isoformat()},{s}"] for d in days for s in ("AM", "PM")],
                     dtype=np.uint8)
    pupils = sorted({e.child for e in enrolments})
    row_of = {c: i for i, c in enumerate(pupils)}
    codes = build_codes(world, rng, pupils)
    spells: dict[tuple[int, int], Enrolment] = {(e.school, e.child): e for e in enrolments}
    folders = sorted({s.folder for s in world.schools})
    bad_at = {folders[i % len(folders)]: [] for i in range(len(_BAD_MARKS))}
    for i, bad in enumerate(_BAD_MARKS):
        bad_at[folders[i % len(folders)]].append(bad)
    total, done = 0, 0
    for folder in folders:
        schools = sorted((s for s in world.schools if s.folder == folder), key=lambda s: s.urn)
        written = 0
        planted = list(bad_at.get(folder, []))
        with open(drop / folder / "attendance.csv", "wb") as fh:
            fh.write(HEADER)
            for school in schools:
                chunk, rows = _school_chunk(world, school, spells, row_of, codes, stamp, day_ord)
                if planted and rows > 10:
                    chunk = _plant(world, rng, folder, planted.pop(), chunk, rows, written)
                fh.write(chunk)
                written += rows
                done += 1
                if progress:
                    progress("attendance", done, len(world.schools))
        total += written
    return total


def _school_chunk(world, school, spells, row_of, codes, stamp, day_ord):
    pupils = school.pupils
    if not pupils:
        return b"", 0
    p = len(pupils)
    si = world.schools.index(school)
    upn = np.array([[ord(ch) for ch in world.children[c].upn] for c in pupils], dtype=np.uint8)
    first = np.array([spells[(si, c)].on_roll_from.toordinal() for c in pupils])
    last = np.array([(spells[(si, c)].on_roll_to or dt.date.max).toordinal()
                     for c in pupils])
    on_roll = (day_ord[None, :] >= first[:, None]) & (day_ord[None, :] <= last[:, None])
    marks = codes[[row_of[c] for c in pupils]]
    closed = np.isin(day_ord, [d.toordinal() for d in school.closures])
    marks[:, closed] = _C["#"]
    buf = np.empty((p, len(day_ord), _WIDTH), dtype=np.uint8)
    buf[:, :, 0:13] = upn[:, None, :]
    buf[:, :, 13] = buf[:, :, 20] = buf[:, :, 34] = ord(",")
    buf[:, :, 14:20] = np.frombuffer(school.urn.encode(), dtype=np.uint8)
    buf[:, :, 21:34] = stamp[None, :, :]
    buf[:, :, 35] = _FIRST[marks]
    buf[:, :, 36] = _SECOND[marks]
    buf[:, :, 37] = ord("\n")
    rows = buf[on_roll]
    keep = np.ones(rows.shape, dtype=bool)
    keep[:, 36] = _TWO_CHARS[marks[on_roll]]
    return rows[keep].tobytes(), len(rows)


def _plant(world, rng, folder, bad, chunk: bytes, rows: int, written: int) -> bytes:
    """Replace one line of the chunk with a broken one; note its physical line number."""
    column, text, problem = bad
    lines = chunk.split(b"\n")
    k = int(rng.integers(1, rows - 1))
    fields = lines[k].decode().split(",")
    index = {"upn": 0, "school_urn": 1, "date": 2, "session": 3, "code": 4}[column]
    fields[index] = text
    if problem == "blank required column" and rng.random() < 0.5:
        fields.append("extra")  # a row with too many columns
        column, problem = "", "too many columns"
    lines[k] = ",".join(fields).encode()
    world.ledger.bad_rows.append((folder, "attendance.csv", written + k + 2, column, problem))
    return b"\n".join(lines)
