"""Flags on a small simulated county, measured against its truth (linkage taken from the truth,
so the indicators are measured apart from linkage quality)."""

from __future__ import annotations

import pytest

from lookout.chronology import build_chronology
from lookout.evaluate.flags import flags_section, linkage_from_truth
from lookout.indicators import run_indicators
from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from lookout.simulate import simulate_county

    root = tmp_path_factory.mktemp("county")
    simulate_county(root, children=3000, seed=5)
    ws = Workspace(root / "ws")
    pipeline.ingest(root / "drop", ws)
    con = open_warehouse(ws)
    linkage_from_truth(con, root / "truth")
    build_chronology(con)
    report = run_indicators(con, ws)
    yield con, root / "truth", report
    con.close()


def test_flags_table_matches_the_contract(county):
    con, _, report = county
    from lookout.contract.results import RESULT_FILES

    columns = [r[0] for r in con.execute("DESCRIBE result_flags").fetchall()]
    assert set(RESULT_FILES["flags.csv"]) <= set(columns)
    levels = {r[0] for r in con.execute("SELECT DISTINCT level FROM result_flags").fetchall()}
    assert levels <= {"low", "medium", "high"} and report.flags
    bad = con.execute("""SELECT count(*) FROM result_flags
                         WHERE first_flagged_at IS NULL OR first_flagged_at > as_of OR indicators = ''""").fetchall()
    assert bad[0][0] == 0


def test_evaluation_reports_every_measure_with_the_baseline(county):
    con, truth, _ = county
    section = flags_section(con, truth)
    figures = section.figures
    for name in ("recall_medium", "recall_high", "precision_medium", "recall_within_5_per_1000",
                 "recall_within_20_per_1000", "median_lead_days_before_disclosure",
                 "median_delay_days_after_start", "decoy_rate_medium"):
        assert name in figures
    assert figures["exploited_children"] > 0 and figures["children"] == 3000
    assert 0 <= figures["recall_within_5_per_1000"] <= figures["recall_within_20_per_1000"] <= 1
    assert set(section.details["single_agency"]) == {"police", "education", "social_care",
                                                     "health_sexual", "health_emergency"}
    assert "best_single_agency_recall_within_5_per_1000" in figures


def test_first_medium_at_is_set_for_medium_and_high_flags_only_and_never_after_the_flag(county):
    con, _, _ = county
    rows = con.execute("SELECT level, first_flagged_at, first_medium_at, as_of FROM result_flags").fetchall()
    assert all((medium is None) == (level == "low") for level, _, medium, _ in rows)
    assert all(medium <= first <= as_of for level, first, medium, as_of in rows if medium is not None)
    assert any(medium < first for level, first, medium, _ in rows if level == "high" and medium)


def test_exploited_people_who_turned_18_are_counted_apart(county):
    import csv
    import datetime as dt

    con, truth, _ = county
    figures = flags_section(con, truth).figures
    as_of = con.execute("SELECT max(as_of) FROM result_flags").fetchall()[0][0]
    with (truth / "people.csv").open(newline="") as handle:
        exploited = [r for r in csv.DictReader(handle) if r["kind"] == "child" and r["exploited"] == "Y"]

    def eighteenth(dob: str) -> dt.date:
        born = dt.date.fromisoformat(dob)
        try:
            return born.replace(year=born.year + 18)
        except ValueError:  # born on 29 February
            return dt.date(born.year + 18, 3, 1)

    adults = [r for r in exploited if eighteenth(r["dob"]) <= as_of]
    assert figures["exploited_turned_18_by_as_of"] == len(adults)
    assert figures["exploited_children"] + len(adults) == len(exploited)


def test_counting_baseline_reviews_each_agencys_most_counted_children(county):
    con, truth, _ = county
    section = flags_section(con, truth)
    counting = section.details["counting_baseline"]
    assert set(counting) <= {"police", "education", "social_care", "health_sexual", "health_emergency"}
    assert {"police", "education", "social_care"} <= set(counting)
    for measures in counting.values():
        assert 0 <= measures["recall_within_5_per_1000"] <= 1 and 0 <= measures["decoy_rate_within_5_per_1000"] <= 1
    best = section.figures["counting_baseline_best_kind"]
    assert section.figures["counting_baseline_recall_within_5_per_1000"] == max(
        m["recall_within_5_per_1000"] for m in counting.values()) == counting[best]["recall_within_5_per_1000"]


def test_counting_baseline_lead_matches_a_month_by_month_recount(county):
    """The police counting baseline's lead, recounted here month by month in Python: each
    month's list is the children police events named most in the year before."""
    import csv
    import datetime as dt
    from statistics import median

    con, truth, _ = county
    section = flags_section(con, truth)
    police = section.details["counting_baseline"]["police"]
    as_of = con.execute("SELECT max(as_of) FROM result_flags").fetchall()[0][0]
    named = con.execute("""
        SELECT p.source, p.record_id, CAST(e.at AS DATE), e.event_id, r.dob
        FROM event_participants p JOIN events e USING (source, event_id)
        JOIN sources s ON s.source = p.source
        JOIN person_records r ON r.source = p.source AND r.record_id = p.record_id
        WHERE s.kind = 'police' AND CAST(e.at AS DATE) <= ?""", [as_of]).fetchall()
    with (truth / "people.csv").open(newline="") as handle:
        people = {r["truth_id"]: r for r in csv.DictReader(handle)}
    with (truth / "records.csv").open(newline="") as handle:
        truth_of = {(r["source"], r["record_id"]): r["truth_id"] for r in csv.DictReader(handle)}
    k = round(3000 * 5 / 1000)

    def months_back(day: dt.date, n: int) -> dt.date:
        year, month = divmod(day.year * 12 + day.month - 1 - n, 12)
        for last in (31, 30, 29, 28):
            try:
                return dt.date(year, month + 1, min(day.day, last))
            except ValueError:
                continue
        raise AssertionError

    def listed(review_on: dt.date) -> set[str]:
        counts: dict[tuple, set] = {}
        for source, record, day, event, dob in named:
            adult_then = dob is not None and review_on.year - dob.year - (
                (review_on.month, review_on.day) < (dob.month, dob.day)) >= 18
            if review_on - dt.timedelta(days=365) < day <= review_on and not adult_then:
                counts.setdefault((source, record), set()).add(event)
        top = sorted(counts, key=lambda key: (-len(counts[key]), key))[:k]
        return {truth_of[key] for key in top if key in truth_of}

    first_on: dict[str, dt.date] = {}
    earliest = min(day for _, _, day, _, _ in named)
    n = 0
    while (review_on := months_back(as_of, n)) >= earliest - dt.timedelta(days=31):
        for truth_id in listed(review_on):
            first_on[truth_id] = review_on
        n += 1
    now = listed(as_of)
    exploited = {t for t in now if people[t]["exploited"] == "Y"
                 and dt.date.fromisoformat(people[t]["dob"]) > as_of.replace(year=as_of.year - 18)}
    leads = [(dt.date.fromisoformat(people[t]["first_disclosure_at"]) - first_on[t]).days
             for t in exploited if people[t]["first_disclosure_at"]]
    assert leads, "the county should hold disclosed children on the police list"
    assert police["disclosed_and_reviewed"] == len(leads)
    assert police["median_lead_days_before_disclosure"] == median(leads)


def test_lead_ceiling_covers_every_disclosed_child_flagged(county):
    con, truth, _ = county
    figures = flags_section(con, truth).figures
    assert figures["disclosed_with_indicator_records"] >= figures["disclosed_and_flagged"] > 0
    assert figures["median_lead_days_on_first_indicator_record"] is not None


def test_each_exploited_child_at_medium_is_paired_with_every_agency_alone(county):
    """Child by child, the days Lookout reached medium before any one agency alone, recounted
    here from the flag tables (a child no agency alone has at medium counts from the as-of date)."""
    import csv
    from statistics import median

    con, truth, _ = county
    section = flags_section(con, truth)
    figures, samples = section.figures, section.details["samples"]
    as_of = con.execute("SELECT max(as_of) FROM result_flags").fetchall()[0][0]
    with (truth / "records.csv").open(newline="") as handle:
        truth_of = {(r["source"], r["record_id"]): r["truth_id"] for r in csv.DictReader(handle)}
    with (truth / "people.csv").open(newline="") as handle:
        exploited = {r["truth_id"] for r in csv.DictReader(handle)
                     if r["exploited"] == "Y" and r["kind"] == "child" and _under_18(r["dob"], as_of)}
    joined: dict[str, object] = {}
    for source, record, day in con.execute("""
            SELECT l.source, l.record_id, f.first_medium_at FROM result_flags f
            JOIN result_linkage l USING (person_id) WHERE f.first_medium_at IS NOT NULL""").fetchall():
        t = truth_of.get((source, record))
        joined[t] = min(day, joined.get(t, day))
    alone: dict[str, object] = {}
    for source, record, day in con.execute("""SELECT source, record_id, first_medium_at
                                              FROM result_flags_single_agency
                                              WHERE first_medium_at IS NOT NULL""").fetchall():
        t = truth_of.get((source, record))
        alone[t] = min(day, alone.get(t, day))
    days = sorted((alone.get(t, as_of) - joined[t]).days for t in exploited if t in joined)
    assert samples["days_earlier_than_any_single_agency"] == days
    assert figures["median_days_earlier_than_any_single_agency"] == median(days)
    assert (figures["earlier_than_any_single_agency"] + figures["same_day_as_a_single_agency"]
            + figures["later_than_a_single_agency"]) == figures["exploited_at_medium_paired"] > 0


def _under_18(dob: str, day) -> bool:
    import datetime as dt

    born = dt.date.fromisoformat(dob)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day)) < 18
