"""Fixtures of the casework app's tests: a small simulated county run once per session, a
casework store on SQLite (and on PostgreSQL when LOOKOUT_TEST_POSTGRES_URL is set, in a
database made for the session and dropped after it), one account per role, signed-in clients."""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from lookout.app import AppSettings, create_app
from lookout.app.accounts import create_user
from lookout.app.store import open_store
from lookout.workspace import Workspace

POSTGRES_ENV = "LOOKOUT_TEST_POSTGRES_URL"
PASSWORD = "a long test password"
HUB_POLICE, OTHER_POLICE = "oxon-police", "bucks-police"
NOTED_SOURCE = "oxon-childrens-services"
# A case note naming people in no record: a man, his nickname, birth date, phone, car and flat.
NOTE = ("{child} said her boyfriend Tyrone Baptiste, who calls himself 'Bones' (DOB 14/07/1994), "
        "collects her from school in a grey Audi KX63 BZO and takes her to his flat at 27 Marston "
        "Street. His number is 07700 900461.")
NOTE_SECRETS = ("Tyrone", "Baptiste", "Bones", "14/07/1994", "KX63 BZO", "27 Marston", "07700 900461")


@dataclass(frozen=True)
class County:
    """A simulated county after a pipeline run, and what the tests need to know of it."""

    workspace: Workspace
    police_agency: str          # the agency of HUB_POLICE
    other_agency: str           # the agency of OTHER_POLICE
    child_of_police: str        # a flagged child with a record of HUB_POLICE (below high if any is)
    child_not_of_police: str    # a flagged child with no record of HUB_POLICE
    finding_of_police: str | None
    finding_not_of_police: str | None
    network_id: str | None
    pair_id: str | None
    noted_child: str            # the child of NOTE_ABOUT, whose case note names people in no record
    noted_forename: str         # that child's recorded forename, which the note uses


@pytest.fixture(scope="session")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    """A county of 1,500 children (seed 5), simulated and run through every stage once."""
    from lookout.runs import pipeline
    from lookout.simulate import simulate_county

    root = tmp_path_factory.mktemp("app-county")
    simulate_county(root / "county", children=1500, seed=5)
    noted = _add_case_note(root / "county" / "drop" / NOTED_SOURCE)
    workspace = Workspace(root / "workspace")
    pipeline.run(root / "county" / "drop", workspace)
    con = duckdb.connect(str(workspace.warehouse_path), read_only=True)
    try:
        return _describe(con, workspace, noted)
    finally:
        con.close()


def _add_case_note(folder: Path) -> tuple[str, str]:
    """Append NOTE about the extract's first child; (la_child_id, forename)."""
    import csv

    with (folder / "children.csv").open(encoding="utf-8") as handle:
        child = next(csv.DictReader(handle))
    with (folder / "case_notes.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["CN-TEST-1", child["la_child_id"], "2012-06-01T10:00:00", "social_worker",
             NOTE.format(child=child["forenames"].split()[0])])
    return child["la_child_id"], child["forenames"].split()[0]


def _describe(con, workspace: Workspace, noted: tuple[str, str]) -> County:
    agency = dict(con.execute("SELECT source, agency FROM sources").fetchall())
    # children below `high` first, so a test can raise one child's level and see it go up
    flagged = con.execute("""
        SELECT f.person_id, bool_or(l.source = ?) FROM result_flags f JOIN result_linkage l USING (person_id)
        GROUP BY f.person_id, f.level ORDER BY f.level = 'high', f.person_id""", [HUB_POLICE]).fetchall()
    mine = [p for p, has in flagged if has]
    theirs = [p for p, has in flagged if not has]
    assert mine and theirs, "the test county needs flagged children with and without police records"
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finding_mine = finding_theirs = None
    if "accountability_findings" in tables:
        rows = con.execute("SELECT finding_id, source FROM accountability_findings ORDER BY finding_id").fetchall()
        finding_mine = next((f for f, s in rows if s == HUB_POLICE), None)
        finding_theirs = next((f for f, s in rows if s != HUB_POLICE), None)
    network = con.execute("SELECT min(network_id) FROM result_network_summary").fetchall()[0][0] \
        if "result_network_summary" in tables else None
    pair = con.execute("SELECT min(pair_id) FROM link_pairs WHERE band = 'review'").fetchall()[0][0]
    noted_child = con.execute("SELECT person_id FROM result_linkage WHERE source = ? AND record_id = ?",
                              [NOTED_SOURCE, noted[0]]).fetchall()[0][0]
    return County(workspace, agency[HUB_POLICE], agency[OTHER_POLICE], mine[0], theirs[0],
                  finding_mine, finding_theirs, network, pair, noted_child, noted[1])


def copy_workspace(county: County, destination: Path) -> Workspace:
    """A writable copy of the county's workspace (warehouse and decision logs)."""
    shutil.copytree(county.workspace.root, destination, ignore=shutil.ignore_patterns("tmp", "*.sqlite*"))
    return Workspace(destination)


def _postgres_database():
    """Create a uniquely named database for this session; yield its URL; drop it."""
    import psycopg

    base = os.environ[POSTGRES_ENV]
    name = f"lookout_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_database(url: str, name: str) -> str:
    scheme, rest = url.split("://", 1)
    authority, _, tail = rest.partition("/")
    query = ("?" + tail.split("?", 1)[1]) if "?" in tail else ""
    return f"{scheme}://{authority}/{name}{query}"


BACKENDS = ["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"{POSTGRES_ENV} is not set")])]


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    """Each store backend the tests run on."""
    return request.param


@pytest.fixture(scope="session")
def postgres_server_url():
    """A fresh PostgreSQL database for the session (only when the server is configured)."""
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set")
    yield from _postgres_database()


def make_seal(folder: Path):
    """An audit seal with its key and anchor in `folder`."""
    from lookout.app.store import AuditSeal

    return AuditSeal.load(folder / "audit.key", [folder / "audit-anchor.jsonl"])


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request) -> str:
    """A fresh, empty casework store on the backend: an SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{(tmp_path / 'casework.sqlite').as_posix()}"
    server = request.getfixturevalue("postgres_server_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options=-csearch_path%3D{schema}"


ACCOUNTS = {
    "analyst": ("analyst", None),
    "manager": ("manager", None),
    "practitioner": ("practitioner", "police"),
    "other_practitioner": ("practitioner", "other"),
    "auditor": ("auditor", None),
    "admin": ("admin", None),
}


@dataclass
class Deployment:
    """An app over the county with one account per role."""

    app: object
    county: County
    workspace: Workspace
    settings: AppSettings

    def client(self, username: str | None = None) -> SignedIn:
        """A client, signed in as `username` if given."""
        client = TestClient(self.app, base_url="https://testserver", follow_redirects=False)
        signed = SignedIn(client, None)
        if username:
            signed.sign_in(username)
        return signed


class SignedIn:
    """A test client and the CSRF token of its session."""

    def __init__(self, client: TestClient, csrf: str | None):
        self.client, self.csrf = client, csrf

    def sign_in(self, username: str, password: str = PASSWORD):
        """Sign in through the JSON API; keep the session's CSRF token."""
        response = self.client.post("/api/session", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        self.csrf = response.json()["csrf_token"]
        return response

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def post_form(self, path: str, data: dict, *, csrf: bool = True):
        return self.client.post(path, data={**data, **({"csrf_token": self.csrf} if csrf else {})})

    def post_json(self, path: str, body: dict, *, csrf: bool = True):
        headers = {"X-CSRF-Token": self.csrf} if csrf and self.csrf else {}
        return self.client.post(path, json=body, headers=headers)


def make_deployment(county: County, workspace: Workspace, store_url: str) -> Deployment:
    """An app over `workspace` with the accounts of ACCOUNTS (agencies from the county)."""
    settings = AppSettings.for_workspace(workspace, database_url=store_url, secret_key="k" * 48)
    store = open_store(store_url, settings.audit_seal())
    agencies = {"police": county.police_agency, "other": county.other_agency, None: None}
    with store.write() as session:
        for username, (role, agency) in ACCOUNTS.items():
            create_user(session, username=username, password=PASSWORD, role=role,
                        agency=agencies[agency], display_name=username.title())
    store.dispose()
    return Deployment(create_app(settings), county, workspace, settings)


@pytest.fixture
def deployment(county: County, store_url: str, tmp_path: Path):
    """The app over a private copy of the county's workspace, on each store backend."""
    made = make_deployment(county, copy_workspace(county, tmp_path / "workspace"), store_url)
    yield made
    made.app.state.lookout.store.dispose()


@pytest.fixture(scope="module")
def sqlite_deployment(county: County, tmp_path_factory: pytest.TempPathFactory):
    """One app per test module over a private copy of the county, on SQLite."""
    root = tmp_path_factory.mktemp("deployment")
    made = make_deployment(county, copy_workspace(county, root / "workspace"),
                           f"sqlite:///{(root / 'casework.sqlite').as_posix()}")
    yield made
    made.app.state.lookout.store.dispose()
