"""Names never leak: free text is pseudonymised whether or not its people are in any record;
a reveal shows one person and is audited as that person; casework notes are shown to the
writer's agency and the hub only, pseudonymised, and are not copied into the audit log.

The county carries one case note (tests/app/conftest.py NOTE) naming a man who is in no
record, with his nickname, birth date, car, flat and phone."""

from __future__ import annotations

import json

import duckdb

from tests.app.conftest import NOTE_SECRETS

REASON = "strategy meeting this afternoon needs her name"


def _chronology_text(client, child: str) -> str:
    page = client.get(f"/api/children/{child}").json()
    return " ".join(e["description"] for e in page["chronology"])


def test_people_in_no_record_are_masked_in_the_chronology_before_and_after_a_reveal(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    analyst = sqlite_deployment.client("analyst")
    before = _chronology_text(analyst, county.noted_child)
    assert "calls himself" in before, "the note is in the child's chronology"
    for secret in NOTE_SECRETS:
        assert secret not in before
    assert f"[{county.noted_child}] said her boyfriend" in before
    page = analyst.get(f"/children/{county.noted_child}").text
    assert not [s for s in NOTE_SECRETS if s in page]
    assert analyst.post_form(f"/children/{county.noted_child}/reveal", {"reason": REASON}).status_code == 303
    after = _chronology_text(analyst, county.noted_child)
    assert f"{county.noted_forename} said her boyfriend" in after
    assert not [s for s in NOTE_SECRETS if s in after]


def _shared_entry(county) -> tuple[str, str, str]:
    """A flagged child of the police extract and another person with a recorded surname on one
    of the child's police entries: (child, other person, other's surname)."""
    con = duckdb.connect(str(county.workspace.warehouse_path), read_only=True)
    try:
        rows = con.execute("""
            SELECT c1.person_id, c2.person_id, r.surname
            FROM chronology c1 JOIN chronology c2 USING (source, event_id)
            JOIN person_records r ON r.source = c2.source AND r.record_id = c2.record_id
            JOIN result_flags f ON f.person_id = c1.person_id
            WHERE c1.person_id <> c2.person_id AND c1.source = 'oxon-police' AND length(r.surname) >= 4
              AND r.surname NOT IN (SELECT p.surname FROM result_linkage l JOIN person_records p
                                    USING (source, record_id) WHERE l.person_id = c1.person_id
                                    AND p.surname IS NOT NULL)
              AND position(lower(r.surname) IN lower(c1.description)) > 0
            ORDER BY 1, 2 LIMIT 1""").fetchall()
    finally:
        con.close()
    assert rows, "the county needs a police entry naming another person in its text"
    return rows[0]


def test_a_reveal_shows_the_child_only_and_is_audited_as_the_child(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    child, other, surname = _shared_entry(county)
    manager = sqlite_deployment.client("manager")
    assert manager.post_json(f"/api/children/{child}/reveal", {"reason": REASON}).status_code == 200
    page = manager.get(f"/api/children/{child}").json()
    assert page["revealed"] and all(r["surname"] for r in page["records"])
    text = " ".join(e["description"] for e in page["chronology"])
    assert surname.lower() not in text.lower() and f"[{other}]" in text
    events = manager.get("/api/audit", params={"target": child}).json()
    view = next(e for e in events if e["action"] == "view" and e["route"] == "GET /api/children/{person_id}")
    detail = view["detail"] if isinstance(view["detail"], dict) else json.loads(view["detail"])
    assert detail["names_shown"] == [child]


def test_casework_notes_are_shown_to_the_writers_agency_and_the_hub_only_and_not_audited_whole(
        sqlite_deployment) -> None:
    from lookout.app.accounts import create_user
    from tests.app.conftest import PASSWORD

    county = sqlite_deployment.county
    con = duckdb.connect(str(county.workspace.warehouse_path), read_only=True)
    child, school = con.execute("""
        SELECT l.person_id, s.agency FROM result_linkage l JOIN sources s USING (source)
        WHERE s.kind = 'education' AND l.person_id IN (
            SELECT person_id FROM result_linkage WHERE source = 'oxon-police')
        ORDER BY 1 LIMIT 1""").fetchall()[0]
    con.close()
    with sqlite_deployment.app.state.lookout.store.write() as session:
        create_user(session, username="teacher", password=PASSWORD, role="practitioner", agency=school,
                    display_name="A teacher")
    note = "Spoke to her uncle Farid Haddad on 07700 900777 about where she stays."
    police = sqlite_deployment.client("practitioner")
    assert police.post_json(f"/api/children/{child}/notes", {"text": note}).status_code == 200

    def shown_to(username: str) -> dict:
        page = sqlite_deployment.client(username).get(f"/api/children/{child}")
        return next((e for e in page.json()["casework"] if e["by"] == "practitioner"), None) \
            if page.status_code == 200 else None

    for username in ("practitioner", "analyst"):
        entry = shown_to(username)
        assert entry and not entry["held"] and "about where she stays" in entry["text"]
        assert "Haddad" not in entry["text"] and "07700 900777" not in entry["text"]
    other = shown_to("teacher")
    assert other["held"] and "Farid" not in other["text"] and "stays" not in other["text"]
    audit = sqlite_deployment.client("auditor").get("/api/audit", params={"target": child}).text
    assert "Haddad" not in audit and "where she stays" not in audit
