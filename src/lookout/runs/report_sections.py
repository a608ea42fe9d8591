"""Each stage's section of the run report, from what the stage returned and wrote."""

from __future__ import annotations

from typing import Any

from lookout.contract.vocabularies import SOURCE_KINDS
from lookout.link.default_model import DEFAULT_MODEL_VERSION
from lookout.runs.report import Line
from lookout.warehouse.database import table_names
from lookout.warehouse.load import ExtractReport

__all__ = ["accountability_lines", "indicator_lines", "ingest_lines", "link_lines",
           "network_lines"]

_FIELD_NAMES = {"forename": "given name", "surname": "surname", "dob": "date of birth",
                "sex": "sex", "postcode": "postcode", "address": "address",
                "upn": "UPN", "nhs_number": "NHS number", "phone": "phone number"}


def ingest_lines(extracts: list[ExtractReport], con: Any) -> list[Line]:
    """What was read from each extract, what was quarantined, which kinds are missing, and
    where older data stays in use because this drop did not replace it."""
    lines = []
    earlier = {source: str(at)[:10] for source, at in con.execute(
        "SELECT source, max(extracted_at) FROM loads GROUP BY source").fetchall()}
    for extract in extracts:
        if extract.status == "failed":
            text = f"{extract.source} could not be loaded: {extract.problem}"
            if extract.source in earlier:
                text += f"; its extract of {earlier[extract.source]} is still in use"
            lines.append(Line("not_used", text))
            continue
        if extract.status == "unchanged":
            lines.append(Line("note", f"{extract.source} ({extract.kind}) was loaded before and "
                                      "has not changed"))
            continue
        read = sum(f.rows_read for f in extract.files)
        loaded = sum(f.rows_loaded for f in extract.files)
        quarantined = sum(f.rows_quarantined for f in extract.files)
        warned = sum(f.values_warned for f in extract.files)
        text = f"{extract.source} ({extract.kind}): {read:,} rows read, {loaded:,} stored"
        if quarantined:
            text += f", {quarantined:,} quarantined with their reasons (`lookout quarantine`)"
        if warned:
            text += (f"; {warned:,} impossible dates in rows that were stored, each warned about "
                     "(`lookout quarantine`)")
        lines.append(Line("used", text))
        for file in extract.files:
            if file.rows_read == 0:
                lines.append(Line("not_used", f"{extract.source}/{file.file} has no rows: what "
                                              "earlier extracts of it sent is still in use"))
            if file.missing_columns:
                lines.append(Line("not_used", f"{extract.source}/{file.file} has no "
                                              f"{', '.join(file.missing_columns)} column"))
            if file.extra_columns:
                lines.append(Line("note", f"{extract.source}/{file.file}: columns outside the "
                                          f"contract kept as they are: {', '.join(file.extra_columns)}"))
        for ignored in extract.ignored_files:
            lines.append(Line("not_used", f"{extract.source}/{ignored} is not a file of the "
                                          f"{extract.kind} contract"))
    lines += _born_after_their_records(con)
    in_drop = {extract.source for extract in extracts}
    for source in sorted(set(earlier) - in_drop):
        lines.append(Line("note", f"{source} was not in this drop: its extract of "
                                  f"{earlier[source]} is still in use"))
    kinds = {row[0] for row in con.execute("SELECT DISTINCT kind FROM loads").fetchall()}
    absent = [kind for kind in SOURCE_KINDS if kind not in kinds]
    if absent:
        lines.append(Line("not_used", "no extract of kind " + ", ".join(absent) + " has been "
                                      "loaded: what only those agencies record is not seen"))
    return lines


def _born_after_their_records(con: Any) -> list[Line]:
    """People recorded at an event before the date of birth their own record gives: one of the
    two dates is wrong, and the run says so rather than guess which."""
    if not {"person_records", "event_participants", "events"} <= table_names(con):
        return []
    rows = con.execute("""
        SELECT p.source, count(DISTINCT p.record_id) FROM person_records p
        JOIN event_participants e USING (source, record_id)
        JOIN events v ON v.source = e.source AND v.event_id = e.event_id
        WHERE p.dob IS NOT NULL AND CAST(v.at AS DATE) < p.dob
        GROUP BY p.source ORDER BY p.source""").fetchall()
    return [Line("note", f"{source}: {count:,} record{'s' if count > 1 else ''} give a date of "
                         "birth after an event the same extract records the person at; one of the "
                         "two dates is wrong (both are kept)") for source, count in rows]


def link_lines(report: Any, con: Any) -> list[Line]:
    """Which model linked the records, on what, learned how, and what keeps people apart."""
    model = report.model
    lines = []
    if model.path is None:
        lines.append(Line("note", f"{report.records:,} person-records; no linkage model was "
                                  f"needed: {model.why}"))
        return lines
    lines.append(Line("used", f"model {model.name}: {model.why}"))
    training = model.training
    if model.kind == "trained":
        lines.append(Line("used", "every comparison was learned from this workspace's own records"))
    defaulted = [_FIELD_NAMES.get(name, name) for name in training.get("defaulted", [])]
    if defaulted:
        lines.append(Line("default", "too few pairs to learn how often one person's records agree "
                                     f"on {', '.join(defaulted)}: the shipped default model's "
                                     f"values ({DEFAULT_MODEL_VERSION}) stand in, and how often "
                                     "different people's records agree is still the drop's own"))
    for text in (training.get("prior"), training.get("u"), *training.get("blocks", [])):
        if text:
            lines.append(Line("note", text))
    used = [c.name for c in model.comparisons if c.used]
    lines.append(Line("used", "records compared on " + ", ".join(_FIELD_NAMES.get(n, n) for n in used)))
    for choice in model.comparisons:
        if not choice.used:
            lines.append(Line("not_used", f"{_FIELD_NAMES.get(choice.name, choice.name)} not "
                                          f"compared: {choice.reason}"))
    unused_rules = [c for c in model.blocking if not c.used]
    if unused_rules:
        lines.append(Line("not_used", f"{len(unused_rules)} of {len(model.blocking)} ways of "
                                      "finding candidate pairs lack the fields they need: "
                                      + "; ".join(f"pairs sharing {c.name} ({c.reason})"
                                                  for c in unused_rules)))
    if model.kept_apart_by:
        lines.append(Line("used", "never linked whatever else agrees: "
                                  + "; ".join(model.kept_apart_by)))
    for text in model.not_kept_apart_by:
        lines.append(Line("note", text))
    review, contradicted = con.execute("""SELECT count(*) FILTER (WHERE band = 'review'),
        count(*) FILTER (WHERE contradiction IS NOT NULL) FROM link_pairs""").fetchall()[0]
    people = report.people
    lines.append(Line("used", f"{report.records:,} person-records resolved into "
                              f"{people.people:,} people; {review:,} pairs left for review "
                              f"(`lookout links review`), {contradicted:,} of them with a "
                              "contradiction"))
    if people.held_apart:
        lines.append(Line("note", f"{people.held_apart:,} records held apart as people of their "
                                  "own: each links about as strongly to two people known to be "
                                  "different; their links are in the review queue"))
    return lines


def indicator_lines(con: Any, flagged: int) -> list[Line]:
    """Indicators that had nothing to look at in this drop."""
    from lookout.indicators.evidence import FACT_ROWS_TABLE
    from lookout.indicators.vocabulary import FACTS

    if FACT_ROWS_TABLE not in table_names(con):
        return []
    rows = con.execute(f"""SELECT indicator_id, list(fact ORDER BY fact), max(fact_rows)
                           FROM {FACT_ROWS_TABLE} GROUP BY indicator_id ORDER BY indicator_id""").fetchall()
    lines = [Line("used", f"{len(rows)} indicators applied; {flagged:,} children at medium or "
                          "high risk (`lookout flags`)")]
    blind: dict[tuple[str, ...], list[str]] = {}
    for indicator, facts, most in rows:
        if not most:
            blind.setdefault(tuple(facts), []).append(indicator)
    for facts, indicators in sorted(blind.items()):
        described = " or ".join(FACTS[f].records for f in facts)
        lines.append(Line("not_used", f"no {described} in the data: {len(indicators)} indicator"
                                      f"{'s' if len(indicators) > 1 else ''} had nothing to look "
                                      f"at ({', '.join(indicators)})"))
    return lines


def network_lines(report: Any) -> list[Line]:
    """What the networks stage found."""
    return [Line("used", f"{report.networks:,} suspected networks ({report.cross_area:,} across "
                         f"areas) in a graph of {report.nodes:,} people, places, vehicles and "
                         f"phones (`lookout networks`)")]


def accountability_lines(report: Any) -> list[Line]:
    """Checks that found nothing to judge in this drop."""
    found = sum(report.findings.values())
    lines = [Line("used", f"{len(report.cases)} checks judged {sum(report.cases.values()):,} "
                          f"cases and found {found:,} (`lookout findings list`)")]
    idle = sorted(check for check, cases in report.cases.items() if not cases)
    if idle:
        lines.append(Line("not_used", f"{len(idle)} check{'s' if len(idle) > 1 else ''} found no "
                                      f"records of the kind they judge: {', '.join(idle)}"))
    return lines
