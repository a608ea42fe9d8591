"""Render events into each local authority's case system extract and SSDA903 return.

``la_child_id`` is the SSDA903 CHILD id. SSDA903 files keep the return's own conventions:
DD/MM/YYYY dates, SEX 1 (male) / 2 (female), DfE code lists for LS, CIN, PLACE, REC, RNE.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import PERIOD_END, PERIOD_START, dmy, iso
from .events import Events, MissingEpisode, checks_of
from .identifiers import upn_check_letter
from .identity_noise import seen_as, typo
from .world import Person, World

TABLES = {
    "children.csv": ("la_child_id", "surname", "forenames", "dob", "sex", "upn", "nhs_number", "postcode", "address"),
    "ssda903_header.csv": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "ssda903_episodes.csv": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                             "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    "ssda903_missing.csv": ("CHILD", "MISSING", "MIS_START", "MIS_END"),
    "return_interviews.csv": ("CHILD", "MIS_START", "offered_at", "held_at", "declined", "summary"),
    "referrals.csv": ("referral_id", "la_child_id", "received_at", "source", "reason", "decision", "decision_at", "factors"),
    "case_notes.csv": ("note_id", "la_child_id", "recorded_at", "author_role", "text"),
}
# SSDA903 ETHNIC codes with rough shares for a home-counties area. Drawn independently of
# every story: ethnicity must never carry signal; it exists only for fairness reporting.
ETHNIC = (("WBRI", 0.72), ("WIRI", 0.01), ("WOTH", 0.05), ("WIRT", 0.002), ("WROM", 0.003), ("MWBC", 0.03),
          ("MWBA", 0.01), ("MWAS", 0.015), ("MOTH", 0.02), ("AIND", 0.02), ("APKN", 0.04), ("ABAN", 0.01),
          ("AOTH", 0.015), ("BCRB", 0.01), ("BAFR", 0.02), ("BOTH", 0.005), ("CHNE", 0.005), ("OOTH", 0.01),
          ("REFU", 0.003), ("NOBT", 0.002))
LEGAL_STATUS = (("C2", 0.45), ("V2", 0.25), ("C1", 0.12), ("E1", 0.06), ("J2", 0.02), ("L1", 0.02), ("V3", 0.02),
                ("D1", 0.03), ("L2", 0.03))
CATEGORY_OF_NEED = (("N1", 0.65), ("N2", 0.03), ("N3", 0.03), ("N4", 0.07), ("N5", 0.14), ("N6", 0.02),
                    ("N7", 0.01), ("N8", 0.05))
PLACEMENTS = (("U4", 0.22), ("U6", 0.3), ("U1", 0.06), ("U3", 0.08), ("U5", 0.02), ("U2", 0.01), ("K2", 0.12),
              ("R1", 0.02), ("P1", 0.06), ("H5", 0.06), ("P2", 0.02), ("S1", 0.01), ("Z1", 0.02))
PROVIDERS = ("PR1", "PR2", "PR4", "PR5")
CEASED = ("E4A", "E4B", "E41", "E45", "E11", "E13", "E8", "E3")
PLACE_CHANGE = ("CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "OTHER")


def _draw(rng: np.random.Generator, table) -> str:
    codes, weights = zip(*table)
    w = np.array(weights)
    return str(codes[int(rng.choice(len(codes), p=w / w.sum()))])


def la_child(world: World, rng: np.random.Generator, child: Person) -> tuple[str, str]:
    """(extract folder, la_child_id) of ``child`` in their local authority, creating the record."""
    la = world.extract_for("social_care", child.area)
    if la.folder in child.ids:
        return la.folder, child.ids[la.folder]
    child_id = f"{7 + child.area}{len(la.tables['children.csv'].rows) + 100001:06d}"
    child.ids[la.folder] = child_id
    seen = seen_as(rng, child, "social_care")
    upn = child.upn
    if upn and rng.random() < 0.04:
        upn = upn[0] + typo(rng, upn[1:]).ljust(12, "0")[:12] if rng.random() < 0.5 else ""
    la.tables["children.csv"].add(
        la_child_id=child_id, surname=seen.surname, forenames=seen.forenames, dob=seen.dob, sex=seen.sex,
        upn=upn if rng.random() > 0.15 else "", nhs_number=child.nhs_number if rng.random() > 0.1 else "",
        postcode=seen.postcode, address=child.address if rng.random() > 0.2 else "")
    world.ledger.record(la.folder, child_id, child.truth_id)
    return la.folder, child_id


def _care_history(world: World, rng: np.random.Generator, child: Person) -> None:
    folder, cid = la_child(world, rng, child)
    la = world.extracts[folder]
    upn = child.upn if rng.random() > 0.2 else ""
    if upn and rng.random() < 0.05:
        upn = upn_check_letter(upn[1:][::-1]) + upn[1:]  # wrong check letter: a mistyped UPN
    mother = "0" if child.sex == "F" and child.age_on(PERIOD_START) >= 13 else ""
    la.tables["ssda903_header.csv"].add(CHILD=cid, SEX="2" if child.sex == "F" else "1", DOB=dmy(child.dob),
                                        ETHNIC=_draw(rng, ETHNIC), UPN=upn, MOTHER=mother, MC_DOB="")
    start = max(child.dob + dt.timedelta(days=30), PERIOD_START - dt.timedelta(days=int(rng.integers(0, 1500))))
    legal = _draw(rng, LEGAL_STATUS)
    need = _draw(rng, CATEGORY_OF_NEED)
    rne = "S"
    for n in range(8):
        end = start + dt.timedelta(days=int(rng.integers(60, 700)))
        # still in care during the period: episodes end before it only when another follows
        last = end > PERIOD_START + dt.timedelta(days=120) and (n >= 2 or end > PERIOD_END or rng.random() < 0.5)
        placement = _draw(rng, PLACEMENTS)
        ceased = "" if end > PERIOD_END else ("X1" if not last else str(rng.choice(CEASED)))
        la.tables["ssda903_episodes.csv"].add(
            CHILD=cid, DECOM=dmy(start), RNE=rne, LS=legal, CIN=need, PLACE=placement,
            PLACE_PROVIDER=str(rng.choice(PROVIDERS)), DEC=dmy(end) if ceased else "", REC=ceased,
            REASON_PLACE_CHANGE=str(rng.choice(PLACE_CHANGE)) if ceased == "X1" else "",
            HOME_POST=child.postcode[:-2], PL_POST=child.postcode[:-2] if placement.startswith("U") else "",
            URN=f"SC{int(rng.integers(100000, 999999))}" if placement == "K2" else "XXXXXXX")
        if not ceased or ceased != "X1":
            break
        start, rne = end, str(rng.choice(["P", "L", "T", "B"]))


def _missing(world: World, rng: np.random.Generator, episode: MissingEpisode) -> None:
    folder, cid = la_child(world, rng, episode.child)
    la = world.extracts[folder]
    row = la.tables["ssda903_missing.csv"].add(CHILD=cid, MISSING=episode.status, MIS_START=dmy(episode.start.date()),
                                               MIS_END=dmy(episode.end.date()) if episode.end else "")
    record_id = f"{cid}/{episode.start.date().isoformat()}"
    episode.records.append((folder, record_id))
    for check_id, outcome in checks_of(episode):
        world.ledger.plant(check_id, folder, record_id, episode.child.truth_id, outcome)
        world.ledger.protected.add((folder, "ssda903_missing.csv", row))
    if episode.end:
        held = episode.interview_at
        # An interview that was never held was, at best, offered late and declined: an offer
        # declined within 72 hours meets the duty, and such episodes are labelled handled.
        declined = not held and rng.random() < 0.5
        offered = episode.end + dt.timedelta(hours=2 if held else float(rng.uniform(80, 200)))
        irow = la.tables["return_interviews.csv"].add(
            CHILD=cid, MIS_START=iso(episode.start.date()), offered_at=iso(offered) if held or declined else "",
            held_at=iso(held), declined="Y" if declined else "N",
            summary="Talked about reasons for going missing." if held else "")
        world.ledger.protected.add((folder, "return_interviews.csv", irow))


def render_social_care(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Write children, SSDA903 files, return interviews, referrals and case notes."""
    for child in world.children:
        if child.in_care:
            _care_history(world, rng, child)
    seen: set[tuple[str, str]] = set()
    for episode in sorted((e for e in ev.missing if e.to_la), key=lambda e: (e.start, e.child.truth_id)):
        key = (episode.child.truth_id, episode.start.date().isoformat())
        if key not in seen:  # the return holds one row per child per start date
            seen.add(key)
            _missing(world, rng, episode)
    for ref in sorted(ev.referrals, key=lambda r: (r.received_at, r.child.truth_id)):
        folder, cid = la_child(world, rng, ref.child)
        la = world.extracts[folder]
        referral_id = la.next_id("REF")
        row = la.tables["referrals.csv"].add(
            referral_id=referral_id, la_child_id=cid, received_at=iso(ref.received_at), source=ref.source,
            reason=ref.reason, decision=ref.decision, decision_at=iso(ref.decision_at), factors=";".join(ref.factors))
        for check_id, outcome in checks_of(ref):
            world.ledger.plant(check_id, folder, referral_id, ref.child.truth_id, outcome)
            world.ledger.protected.add((folder, "referrals.csv", row))
    for note in sorted(ev.notes, key=lambda n: (n.at, n.child.truth_id, n.text)):
        folder, cid = la_child(world, rng, note.child)
        la = world.extracts[folder]
        note_id = la.next_id("CN")
        row = la.tables["case_notes.csv"].add(note_id=note_id, la_child_id=cid, recorded_at=iso(note.at),
                                              author_role=note.author_role, text=note.text)
        for check_id, outcome in checks_of(note):
            world.ledger.plant(check_id, folder, note_id, note.child.truth_id, outcome)
            world.ledger.protected.add((folder, "case_notes.csv", row))
