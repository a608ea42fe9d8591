"""Accountability cases: failures planted beside correctly handled cases near each threshold.

Statutory timings (domain guide): return home interview within 72 hours (DfE 2014); referral
decision within one working day (Working Together); the other checks are the project's.
Cases that arise naturally from the stories are labelled where they are created; this module
adds the near-threshold pairs and labels the checks that span several records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import EXTRACTED_AT, PERIOD_START
from .events import CaseNote, ClinicVisit, Concern, EmergencyVisit, Events, Incident, MissingEpisode, Referral
from .ordinary_services import referral
from .world import Person, World

CLOSED = ("16", "14", "15", "nfa", "no_crime")
_H = dt.timedelta(hours=1)
_D = dt.timedelta(days=1)


def _at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, 0))


def _quiet(world: World, rng: np.random.Generator, used: set[str], *, age: tuple[int, int],
           sex: str | None = None, care: bool | None = None, kinds=("social_care",)) -> Person:
    """An ordinary child with no story, so a planted case is not disturbed by another one."""
    kids = world.children
    for i in rng.permutation(len(kids)).tolist():   # every child once, in a random order
        c = kids[i]
        if (c.truth_id in used or c.exploited or c.decoy or not age[0] <= c.age_on(dt.date(2012, 9, 1)) <= age[1]
                or (sex and c.sex != sex) or (care is not None and c.in_care != care)
                or not all(k in c.allowed_kinds for k in kinds)):
            continue
        used.add(c.truth_id)
        c.traits.add("planted")
        return c
    raise RuntimeError("county too small to plant accountability cases: no child fits one of the "
                       "planted pairs (such as a child in care aged 12 to 15); simulate more children")


def plant_pairs(world: World, rng: np.random.Generator, ev: Events) -> None:
    """The near-threshold handled/failure pairs for every check id."""
    used: set[str] = set()
    q = lambda **kw: _quiet(world, rng, used, **kw)  # noqa: E731
    # return interview at 70 hours (handled) and 74 hours (failure), from home and from care
    for care, hours in ((False, 70), (False, 74), (True, 70), (True, 74)):
        child = q(age=(12, 15), care=care, kinds=("police", "social_care"))
        start = _at("2012-03-02", 22)
        found = start + 20 * _H
        ev.missing.append(MissingEpisode(
            child, start, found, "care_home" if care else "parent", "medium", interview_at=found + hours * _H,
            to_police=True, to_la=care, check=("missing_no_return_interview", "handled" if hours < 72 else "failure")))
    # referral decisions: Friday->Monday, Thursday before Easter->Tuesday after, late-August bank holiday
    for received, decided, outcome in (("2012-03-09", "2012-03-12", "handled"), ("2012-03-09", "2012-03-13", "failure"),
                                       ("2012-04-05", "2012-04-10", "handled"), ("2012-08-24", "2012-08-28", "handled"),
                                       ("2012-08-24", "2012-08-29", "failure"), ("2013-02-14", None, "failure")):
        child = q(age=(2, 15))
        ev.referrals.append(Referral(child, _at(received, 15), "6", "Concern for welfare reported by police",
                                     "early_help" if decided else "", _at(decided, 11) if decided else None,
                                     ("16A",), ("referral_no_decision", outcome)))
    # third missing episode in 90 days, then a referral 7 days less 2 hours after (handled) or 8 days after
    for gap, outcome in ((7 * _D - 2 * _H, "handled"), (8 * _D + 2 * _H, "failure")):
        child = q(age=(13, 15), care=False, kinds=("police", "social_care"))
        starts = [_at("2012-10-05", 21), _at("2012-11-09", 22), _at("2012-12-01", 20)]
        for i, s in enumerate(starts):
            episode = MissingEpisode(child, s, s + 9 * _H, "parent", "medium", interview_at=s + 30 * _H)
            if i == 2:
                episode.checks.append(("repeat_missing_no_strategy", outcome))
            ev.missing.append(episode)
        ev.referrals.append(Referral(child, starts[2] + gap, "6", "Repeat missing from home", "strategy_meeting",
                                     starts[2] + gap + 3 * _H, ("10A",)))
    # a sexual offence against a 14-year-old closed as outcome 16, referral 10 days later or never
    for referred in (True, False):
        child = q(age=(13, 14), sex="F", kinds=("police", "social_care"))
        at = _at("2012-05-14", 16)
        incident = Incident("sexual_offence", child.area, at - 2 * _D, at, [(child, "victim")],
                            summary="Online grooming reported by school; images exchanged.", postcode=child.postcode,
                            outcome="16", outcome_at=at + 30 * _D,
                            checks=[("sexual_offence_closed_no_referral", "handled" if referred else "failure")])
        ev.incidents.append(incident)
        if referred:
            ev.referrals.append(Referral(child, at + 40 * _D, "6", "Sexual offence: victim does not support action",
                                         "assessment", at + 40 * _D + 2 * _H, ("19C",)))
    # evidence decided on day 27 (handled), day 29 (failure), declined with and without a reason
    for days, reason, outcome in ((27, "x", "handled"), (29, "x", "failure"), (3, "Outside the time of the offence", "handled"),
                                  (3, "", "failure")):
        adult_case = [c for c in ev.incidents if c.kind == "assault" and not c.evidence]
        incident = adult_case[int(rng.integers(0, len(adult_case)))]
        offered = incident.reported_at + 2 * _D
        declined = reason != "x"
        incident.evidence.append({"description": "Doorbell camera recording offered by neighbour", "offered_by": "witness",
                                  "offered_at": offered, "decision": "declined" if declined else "submitted",
                                  "decision_reason": reason if declined else "", "decision_at": offered + days * _D,
                                  "check": ("evidence_no_decision", outcome)})
    # school concerns about sexual exploitation with and without a referral
    for referred in (True, False):
        child = q(age=(12, 15), sex="F", kinds=("education", "social_care"))
        while not child.upn:  # educated outside the state sector: no school log to write in
            child = q(age=(12, 15), sex="F", kinds=("education", "social_care"))
        at = _at("2013-01-16", 13)
        ev.concerns.append(Concern(child, at, "sexual_exploitation", "Seen with older males outside school; talks about a 'boyfriend' aged 20.",
                                   "DSL spoke to pupil", "social_care" if referred else "", at + 3 * _H if referred else None,
                                   [("concern_no_referral", "handled" if referred else "failure")]))
    # Spotting the Signs concerns, A&E safeguarding, and sexual activity at 12 (and at just 13)
    for referred in (True, False):
        child = q(age=(14, 15), sex="F", kinds=("health_sexual",))
        at = _at("2013-03-11", 11)
        ev.clinic.append(ClinicVisit(child, at, ("emergency_contraception",), (), True, ("older_partner",),
                                     "social_care" if referred else "", at + _H if referred else None,
                                     [("sts_concern_no_referral", "handled" if referred else "failure")]))
        child = q(age=(12, 15), kinds=("health_emergency",))
        at = _at("2012-11-24", 23)
        ev.emergency.append(EmergencyVisit(child, at, "Head injury", True, "unknown", False, True, referred,
                                           "Unclear how injury happened.",
                                           ("ae_safeguarding_no_referral", "handled" if referred else "failure")))
    for age_days, referred, outcome in ((12 * 365 + 100, True, "handled"), (12 * 365 + 100, False, "failure"),
                                        (13 * 366 + 5, False, "handled")):
        child = q(age=(11, 14), sex="F", kinds=("health_sexual",))
        at = dt.datetime.combine(child.dob + dt.timedelta(days=age_days), dt.time(10, 0))
        if at.date() <= PERIOD_START:
            continue
        ev.clinic.append(ClinicVisit(child, at, ("pregnancy_test",), (), True, (), "social_care" if referred else "",
                                     at + _H if referred else None, [("under13_sexual_activity_no_referral", outcome)]))
    # victim-blaming look-alike wording that is not blaming
    for text in ("{n} is at risk of sexual exploitation; she could not consent to what happened.",
                 "{n} is not streetwise at all and is easily led by older youths; safety plan agreed."):
        child = q(age=(12, 15), sex="F")
        ev.notes.append(CaseNote(child, _at("2012-06-20", 14), "social_worker", text.format(n=child.forename),
                                 ("victim_blaming_language", "handled")))
    # a teenager arrested for shoplifting with no exploitation indicators
    child = q(age=(15, 16), kinds=("police",))
    at = _at("2012-07-07", 15)
    ev.incidents.append(Incident("other", child.area, at, at, [(child, "arrested")], "Shoplifting from supermarket.",
                                 child.postcode, outcome="warning_given", outcome_at=at,
                                 checks=[("child_criminalised", "handled")]))


def label_cross_record(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Label (and sometimes answer with a referral) repeat missing and closed sexual offences."""
    refs: dict[str, list[dt.datetime]] = {}
    for r in ev.referrals:
        refs.setdefault(r.child.truth_id, []).append(r.received_at)
    by_child: dict[str, list[MissingEpisode]] = {}
    for e in ev.missing:
        if e.to_police or e.to_la:
            by_child.setdefault(e.child.truth_id, []).append(e)
    # First the services respond (or not) to each third episode in 90 days; then every such
    # episode is labelled against all the referrals, since one made after a later episode may
    # also fall within 7 days of an earlier one.
    repeats: list[tuple[str, MissingEpisode]] = []
    for tid in sorted(by_child):
        episodes = sorted(by_child[tid], key=lambda e: e.start)
        child = episodes[0].child
        for i in range(2, len(episodes)):
            third = episodes[i]
            if third.start - episodes[i - 2].start > 90 * _D or any(c[0] == "repeat_missing_no_strategy" for c in third.checks):
                continue
            if "planted" in child.traits or third.start + 7 * _D > EXTRACTED_AT:
                continue  # planted cases are labelled where planted; one not yet due cannot fail
            repeats.append((tid, third))
            answered = any(third.start <= t <= third.start + 7 * _D for t in refs.get(tid, []))
            if not answered and "social_care" in child.allowed_kinds and rng.random() < (0.5 if child.exploited else 0.8):
                at = third.start + dt.timedelta(hours=float(rng.uniform(20, 140)))
                ev.referrals.append(referral(rng, child, at, "6", "Repeat missing episodes", ("10A", "11A") if child.exploited else ("10A",), risky=True))
                refs.setdefault(tid, []).append(ev.referrals[-1].received_at)
    for tid, third in repeats:
        answered = any(third.start <= t <= third.start + 7 * _D for t in refs.get(tid, []))
        third.checks.append(("repeat_missing_no_strategy", "handled" if answered else "failure"))
    for incident in ev.incidents:
        if incident.kind != "sexual_offence" or incident.outcome not in CLOSED or incident.checks:
            continue
        for person, role in incident.people:
            age = person.age_on(incident.occurred_at.date())
            # under 16, or under 18 and being exploited (the check's "or has risk indicators")
            if role != "victim" or person.kind != "child" or age >= 18 or (age >= 16 and not person.exploited):
                continue
            closed = incident.outcome_at
            answered = any(incident.reported_at <= t <= closed + 14 * _D for t in refs.get(person.truth_id, []))
            if not answered and "social_care" in person.allowed_kinds and rng.random() < 0.5:
                ev.referrals.append(referral(rng, person, closed + dt.timedelta(days=float(rng.uniform(1, 9))), "6",
                                             "Sexual offence: no further police action", ("11A", "19C"), risky=True))
                answered = True
            incident.checks.append(("sexual_offence_closed_no_referral", "handled" if answered else "failure"))
