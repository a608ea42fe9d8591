"""The casework store on SQLite and PostgreSQL: migrations, append-only tables, the audit
log's hash chain (and that tampering is caught), concurrent appends."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from lookout.app.audit import EventDraft, append_event, verify_chain
from lookout.app.casework import add_entry
from lookout.app.store import open_store
from tests.app.conftest import make_seal


@pytest.fixture
def store(store_url: str, tmp_path):
    made = open_store(store_url, make_seal(tmp_path))
    yield made
    made.dispose()


def _append(store, n: int, who: str = "ana") -> None:
    for i in range(n):
        with store.write() as session:
            append_event(session, EventDraft(action="view", route="GET /children/{person_id}",
                                             username=who, target_kind="child", target_id=f"P{i}"))


def test_migrations_create_every_table_and_run_again_harmlessly(store, store_url) -> None:
    names = set(inspect(store.reader).get_table_names())
    assert {"users", "login_sessions", "login_attempts", "reveals", "case_entries",
            "case_entry_records", "audit_events", "audit_head", "alembic_version"} <= names
    open_store(store_url, store.seal).dispose()  # a second start migrates nothing and fails on nothing
    with store.read() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET outcome = 'done' WHERE seq = 1",
    "DELETE FROM audit_events WHERE seq = 1",
])
def test_the_database_refuses_to_change_or_delete_audit_events(store, statement) -> None:
    _append(store, 1)
    with pytest.raises(DBAPIError, match="append-only"):
        with store.write() as session:
            session.execute(text(statement))
    assert verify_chain(store).ok


def test_casework_entries_cannot_be_changed(store) -> None:
    with store.write() as session:
        add_entry(session, subject_kind="child", subject_id="P1", records=["a|1"], kind="note",
                  by="ana", text="seen at school")
    with pytest.raises(DBAPIError, match="append-only"):
        with store.write() as session:
            session.execute(text("UPDATE case_entries SET text = 'nothing'"))


def test_an_intact_chain_verifies(store) -> None:
    _append(store, 12)
    report = verify_chain(store, batch=5)
    assert report.ok and report.events == 12


def _bypass_triggers(store, statement: str) -> None:
    """What someone with direct access to the database could do: switch the guard off."""
    with store.writer.begin() as connection:
        if store.is_sqlite:
            connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        connection.execute(text(statement))


def test_changing_an_event_breaks_the_chain_at_that_event(store) -> None:
    _append(store, 6)
    _bypass_triggers(store, "UPDATE audit_events SET username = 'someone-else' WHERE seq = 4")
    report = verify_chain(store)
    assert not report.ok and "event 4 was changed" in report.problem and report.events == 3


def test_removing_an_event_from_the_middle_is_caught(store) -> None:
    _append(store, 6)
    _bypass_triggers(store, "DELETE FROM audit_events WHERE seq = 3")
    report = verify_chain(store)
    assert not report.ok and "event 3 is missing" in report.problem


def test_removing_the_newest_events_is_caught_by_the_head(store) -> None:
    _append(store, 6)
    _bypass_triggers(store, "DELETE FROM audit_events WHERE seq > 4")
    report = verify_chain(store)
    assert not report.ok and "removed from the end" in report.problem


def test_concurrent_appends_make_one_unbroken_chain(store) -> None:
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            _append(store, 8, who=name)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(f"user{i}",)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = verify_chain(store)
    assert report.ok and report.events == 80


def _seal_without_key(store):
    """What an insider who can write the database, but not read the key, can sign with."""
    from lookout.app.store import AuditSeal

    return AuditSeal(b"\x00" * 32, ())


def test_rehashing_the_chain_after_removing_an_event_is_caught_without_the_key(store) -> None:
    # delete event 3 and rehash every event after it, renumbered, as a database administrator
    # could; without the key the new hashes cannot be the right ones
    from lookout.app.audit import event_hash
    from lookout.app.store import AuditEvent

    _append(store, 6)
    _bypass_triggers(store, "DELETE FROM audit_events WHERE seq = 3")
    forged = _seal_without_key(store)
    with store.read() as session:
        events = session.query(AuditEvent).order_by(AuditEvent.seq).all()
    previous = events[1].hash                       # events 1 and 2 stay as they were
    with store.writer.begin() as connection:
        for event in events[2:]:                     # 4, 5, 6 become 3, 4, 5
            old = event.seq
            event.seq, event.prev_hash = old - 1, previous
            event.hash = event_hash(event, forged)
            previous = event.hash
            connection.execute(text("UPDATE audit_events SET seq = :new, prev_hash = :p, hash = :h "
                                    "WHERE seq = :old"),
                               {"new": event.seq, "p": event.prev_hash, "h": event.hash, "old": old})
        connection.execute(text("UPDATE audit_head SET seq = 5, hash = :h"), {"h": previous})
    report = verify_chain(store)
    assert not report.ok and "without the audit key" in report.problem


def test_cutting_the_tail_and_rewriting_the_head_is_caught_by_the_anchor(store) -> None:
    _append(store, 6)
    with store.read() as session:
        hash4 = session.execute(text("SELECT hash FROM audit_events WHERE seq = 4")).scalar_one()
    _bypass_triggers(store, "DELETE FROM audit_events WHERE seq > 4")
    with store.writer.begin() as connection:
        connection.execute(text("UPDATE audit_head SET seq = 4, hash = :h"), {"h": hash4})
    report = verify_chain(store)
    assert not report.ok and "its anchor records event 6" in report.problem


def test_reordering_events_is_caught(store) -> None:
    _append(store, 5)
    _bypass_triggers(store, "UPDATE audit_events SET seq = seq + 100 WHERE seq IN (2, 3)")
    with store.writer.begin() as connection:
        connection.execute(text("UPDATE audit_events SET seq = 3 WHERE seq = 102"))
        connection.execute(text("UPDATE audit_events SET seq = 2 WHERE seq = 103"))
    report = verify_chain(store)
    assert not report.ok and "does not follow event" in report.problem


def test_an_anchor_edited_without_the_key_is_caught(store) -> None:
    import json

    _append(store, 3)
    anchor = store.seal.anchors[0]
    lines = anchor.read_text().splitlines()
    forged = json.loads(lines[-1]) | {"seq": 2}
    anchor.write_text("\n".join(lines[:-1] + [json.dumps(forged)]) + "\n")
    report = verify_chain(store)
    assert not report.ok and "not signed with the audit key" in report.problem


def test_every_append_anchors_the_new_head(store) -> None:
    _append(store, 4)
    checkpoints, problems = store.seal.checkpoints()
    assert not problems and [c.seq for c in checkpoints] == [1, 2, 3, 4]


def test_the_sqlite_store_is_readable_by_its_owner_only(tmp_path) -> None:
    path = tmp_path / "casework.sqlite"
    open_store(f"sqlite:///{path}", make_seal(tmp_path)).dispose()
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)                      # a store made by an earlier version
    open_store(f"sqlite:///{path}", make_seal(tmp_path)).dispose()
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_missing_key_is_never_replaced_under_a_log_that_has_events(store, store_url, tmp_path) -> None:
    from lookout.app.store.db import MissingAuditKey

    _append(store, 2)
    store.dispose()
    key = tmp_path / "audit.key"
    kept = key.read_bytes()
    key.unlink()
    with pytest.raises(MissingAuditKey, match="audit.key is missing"):
        open_store(store_url, make_seal(tmp_path))
    assert not key.exists()                  # no new key was left behind to chain under
    key.write_bytes(kept)
    reopened = open_store(store_url, make_seal(tmp_path))
    assert verify_chain(reopened).ok
    reopened.dispose()
