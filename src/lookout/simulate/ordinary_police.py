"""Everyday police business: children reported missing from home and care, adults' crime.

Ordinary episodes are spaced more than 45 days apart unless the child is a repeat runaway
from care, so a "third episode in 90 days" arises only where the story means it to.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import PERIOD_END, PERIOD_START, random_datetime
from .events import Events, Incident, Intel, MissingEpisode
from .population import new_adult, parent_of
from .world import Person, World

_INCIDENTS = (("assault", 0.3), ("public_order", 0.2), ("drugs", 0.15), ("other", 0.2),
              ("vehicle_stop", 0.1), ("concern_for_welfare", 0.05))
_SUMMARIES = {
    "assault": "Altercation outside licensed premises; minor injuries.",
    "public_order": "Group causing disturbance in town centre; dispersed.",
    "drugs": "Stop and search; small quantity of cannabis found.",
    "other": "Theft from motor vehicle reported.",
    "vehicle_stop": "Routine stop; driver advised about defective light.",
    "concern_for_welfare": "Neighbour concerned for elderly resident; checked and safe.",
}


def _episode(rng, child, at, reported_by, *, to_la=False, status="M", long_ok=True) -> MissingEpisode:
    hours = float(rng.lognormal(np.log(8), 1.0)) if long_ok else float(rng.uniform(2, 20))
    found = at + dt.timedelta(hours=hours)
    u = rng.random()
    interview, check = found + dt.timedelta(hours=float(rng.uniform(4, 70))), None
    if u > 0.95:
        interview, check = None, ("missing_no_return_interview", "failure")
    elif u > 0.89:
        interview, check = found + dt.timedelta(hours=float(rng.uniform(75, 200))), ("missing_no_return_interview", "failure")
    end = found if found.date() <= PERIOD_END else None
    if end is None:
        interview, check = None, None  # still missing at extraction: no interview due yet
    return MissingEpisode(child, at, end, reported_by, str(rng.choice(["no_apparent_risk", "low", "medium"], p=[0.2, 0.5, 0.3])),
                          found_postcode=child.postcode if rng.random() < 0.4 else "", interview_at=interview,
                          to_police=status == "M", to_la=to_la, status=status, check=check)


def _spaced_dates(rng, count: int, min_gap: int) -> list[dt.datetime]:
    days = (PERIOD_END - PERIOD_START).days - 10
    if count * min_gap >= days:
        count = days // min_gap
    slack = days - count * min_gap
    cuts = np.sort(rng.integers(0, slack + 1, size=count))
    return [dt.datetime.combine(PERIOD_START + dt.timedelta(days=int(c + i * min_gap)),
                                dt.time(int(rng.integers(16, 24)), int(rng.integers(0, 60))))
            for i, c in enumerate(cuts)]


def missing_events(world: World, rng: np.random.Generator, ev: Events, parents: dict) -> None:
    """Ordinary missing episodes, family-conflict decoys and children missing from care."""
    for child in world.children:
        if child.exploited or "planted" in child.traits or "police" not in child.allowed_kinds:
            continue
        age = child.age_on(PERIOD_START)
        if child.decoy == "family_conflict_missing":
            dates = _spaced_dates(rng, int(rng.integers(3, 8)), 47)
        elif child.decoy == "care_runaway":
            dates = _spaced_dates(rng, int(rng.integers(1, 3)), 47)
        elif child.in_care and not child.decoy and 11 <= age <= 17 and rng.random() < 0.12:
            dates = sorted(random_datetime(rng, PERIOD_START, PERIOD_END - dt.timedelta(days=5),
                                           hours=(15, 24)) for _ in range(int(rng.integers(2, 8))))
        elif not child.decoy and not child.in_care and 11 <= age <= 16 and rng.random() < 0.006:
            dates = _spaced_dates(rng, int(rng.integers(1, 3)), 47)
        else:
            continue
        for at in dates:
            if child.in_care:
                status = "A" if rng.random() < 0.15 else "M"
                ev.missing.append(_episode(rng, child, at, str(rng.choice(["carer", "care_home"])),
                                           to_la=True, status=status))
            else:
                parent_of(world, rng, child, parents)
                ev.missing.append(_episode(rng, child, at, "parent", long_ok=False))


def crime_events(world: World, rng: np.random.Generator, ev: Events, quiet_teens: list[Person]) -> None:
    """Adults' everyday incidents, with evidence, vehicles and intelligence."""
    n = len(world.children)
    pool = [new_adult(world, rng, role="other_adult", area=int(rng.integers(0, 2)), age=(18, 60),
                      with_phone=rng.random() < 0.15, with_vehicle=rng.random() < 0.4)
            for _ in range(max(20, n // 40))]
    kinds, weights = zip(*_INCIDENTS)
    for _ in range(max(30, n // 25)):
        kind = str(rng.choice(kinds, p=np.array(weights) / sum(weights)))
        who = [pool[int(i)] for i in rng.choice(len(pool), size=int(rng.integers(1, 4)), replace=False)]
        at = random_datetime(rng, PERIOD_START, PERIOD_END)
        roles = ["suspect", "victim", "witness"] if kind in ("assault", "public_order") else ["suspect", "witness", "witness"]
        if kind == "vehicle_stop":
            roles = ["driver", "passenger", "passenger"]
        people = [(p, roles[i]) for i, p in enumerate(who)]
        if kind in ("assault", "public_order") and quiet_teens and rng.random() < 0.08:
            people.append((quiet_teens[int(rng.integers(0, len(quiet_teens)))], "witness"))
        outcome = str(rng.choice(["1", "nfa", "14", "15", "warning_given", "ongoing"]))
        incident = Incident(kind, who[0].area, at, at + dt.timedelta(minutes=int(rng.integers(5, 240))),
                            people, _SUMMARIES[kind], who[0].postcode, "", outcome,
                            None if outcome == "ongoing" else at + dt.timedelta(days=int(rng.integers(1, 60))))
        if kind == "vehicle_stop" and who[0].vrm:
            incident.vehicles.append((who[0].vrm, str(rng.choice(["Ford", "Vauxhall", "VW"])), "blue", who[0]))
        if rng.random() < 0.06:
            offered = at + dt.timedelta(days=int(rng.integers(0, 5)))
            item = {"description": "CCTV footage from shop", "offered_by": "witness", "offered_at": offered}
            u = rng.random()
            if u < 0.75:
                item.update(decision="submitted", decision_at=offered + dt.timedelta(days=int(rng.integers(0, 27))))
            elif u < 0.93:
                item.update(decision="declined", decision_reason="Footage does not cover the scene",
                            decision_at=offered + dt.timedelta(days=2))
            else:
                item.update(check=("evidence_no_decision", "failure"))
            if offered.date() <= PERIOD_END - dt.timedelta(days=30) or "check" not in item:
                incident.evidence.append(item)
        ev.incidents.append(incident)
    for _ in range(max(5, n // 300)):
        who = pool[int(rng.integers(0, len(pool)))]
        at = random_datetime(rng, PERIOD_START, PERIOD_END)
        ev.intel.append(Intel(who.area, at, str(rng.choice(["2B P", "3C P", "4C S"])),
                              f"{who.forename} {who.surname} believed to be supplying cannabis from {who.postcode}."
                              + (f" Uses {who.phone}." if who.phone else ""),
                              people=[who], phones=[who.phone] if who.phone else [], postcodes=[who.postcode]))
