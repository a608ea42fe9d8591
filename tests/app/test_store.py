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


@pytest.fixture
def store(store_url: str):
    made = open_store(store_url)
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
    open_store(store_url).dispose()  # a second start migrates nothing and fails on nothing
    with store.read() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"


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
