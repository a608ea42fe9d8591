"""DfE register codes: each belongs to exactly one category of meaning."""

from lookout.contract.vocabularies import DFE_ATTENDANCE_CODES
from lookout.warehouse import attendance

CATEGORIES = (attendance.PRESENT, attendance.APPROVED_ACTIVITY, attendance.AUTHORISED_ABSENCE,
              attendance.UNAUTHORISED_ABSENCE, attendance.NOT_POSSIBLE)


def test_every_code_has_exactly_one_meaning() -> None:
    listed = [code for category in CATEGORIES for code in category]
    assert sorted(listed) == sorted(DFE_ATTENDANCE_CODES)


def test_published_meanings_of_common_codes() -> None:
    # From the DfE's code table: O unauthorised, I illness (authorised), # school closed.
    assert "O" in attendance.UNAUTHORISED_ABSENCE
    assert "I" in attendance.AUTHORISED_ABSENCE
    assert "#" in attendance.NOT_POSSIBLE
    assert set(attendance.PLAIN_PRESENT) <= set(attendance.PRESENT)
