"""The scope matrix: every route of the app, generated from the app's own route list, asked
by every role as a user of the police, as a user of the schools, as a user of children's
services (which sees police records under a declared information-sharing agreement), and as
the hub, with each kind of record the path can name: one of the user's agency, one of
another agency's, one both hold.

The test knows nothing of the app's scope code. It works out from the warehouse, on its own,
what each user may see, and everything that would betray another agency's records: their
record ids, events, people who appear in no record the user may see, surnames only they
hold, and the phones, postcodes and vehicles only their records name. No response may hold
one; a path naming a record the user may not see must be refused; a route the app adds
cannot escape, because the routes come from the app."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pytest

from lookout.app.accounts import create_user
from lookout.app.policy import route_rule
from lookout.app.store import open_store

from tests.app.conftest import PASSWORD, copy_workspace, make_deployment
from tests.app.test_authorisation import EXPECTED

POLICE, SCHOOLS, CHILDRENS = "oxon-police", "oxon-schools", "oxon-childrens-services"
ROLES = ("analyst", "manager", "practitioner", "auditor", "admin")
SHARING = """
[[agreement]]
name = "Oxfordshire MASH agreement"
from = "{police}"
to = "{childrens}"
kinds = ["police"]
purpose = "Strategy discussions and section 47 enquiries"
legal_basis = "Children Act 1989 s.47; DPA 2018 Sch. 8 para 4"
"""
BODIES = {  # requests that would change something carry no reason, so nothing changes
    "reveal": {"reason": ""}, "notes": {"text": ""}, "decisions": {"decision": "monitor"},
    "assignment": {"assignee": ""}, "override": {"level": "medium"},
    "status": {"status": "acknowledged"}, "decision": {"decision": "reject"},
}
SKIP = {("POST", "/login"), ("POST", "/api/session"), ("POST", "/logout"), ("DELETE", "/api/session")}


@dataclass
class Subject:
    """A record a path can name, and the sources holding it."""

    id: str
    sources: frozenset[str]


@dataclass
class World:
    """What the test works out from the warehouse."""

    deployment: object
    agency_of: dict[str, str]        # source -> agency
    kind_of: dict[str, str]          # source -> kind
    subjects: dict[str, list[Subject]]
    con: duckdb.DuckDBPyConnection

    def visible(self, agency: str | None) -> frozenset[str]:
        """The sources a user of `agency` sees: their own, and police records for children's
        services (the declared agreement)."""
        if agency is None:
            return frozenset(self.agency_of)
        own = {s for s, a in self.agency_of.items() if a == agency}
        if agency == self.agency_of[CHILDRENS]:
            own |= {s for s, a in self.agency_of.items()
                    if a == self.agency_of[POLICE] and self.kind_of[s] == "police"}
        return frozenset(own)


def _subjects(con) -> dict[str, list[Subject]]:
    def holders(sql: str, params=()) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for key, source in con.execute(sql, list(params)).fetchall():
            found.setdefault(key, set()).add(source)
        return found

    children = holders("""SELECT l.person_id, l.source FROM result_linkage l
                          JOIN result_flags f USING (person_id)""")
    everyone = holders("SELECT person_id, source FROM result_linkage")
    picks = []
    for wanted, unwanted in (({SCHOOLS}, {POLICE, CHILDRENS}), ({POLICE, SCHOOLS}, {CHILDRENS}),
                             ({CHILDRENS}, set())):
        best = sorted((p for p, s in children.items() if wanted <= s and not unwanted & s),
                      key=lambda p: (-len(children[p]), p)) or \
            sorted(p for p, s in everyone.items() if wanted <= s and not unwanted & s)
        if best:
            picks.append(best[0])
    adults = holders("""SELECT n.entity_key, l.source FROM result_networks n JOIN result_linkage l
                        ON n.entity_type = 'person' AND l.person_id = n.entity_key
                        WHERE n.role = 'suspected_offender'""")
    adult = sorted(p for p, s in adults.items() if s <= {POLICE})[:1]
    findings = holders("SELECT finding_id, source FROM accountability_findings")
    by_source: dict[str, str] = {}
    for finding, sources in sorted(findings.items()):
        by_source.setdefault(next(iter(sources)), finding)
    networks = holders("""SELECT n.network_id, l.source FROM result_networks n JOIN result_linkage l
                          ON n.entity_type = 'person' AND l.person_id = n.entity_key""")
    ours = {POLICE, SCHOOLS, CHILDRENS}
    network = max(sorted(networks), key=lambda n: (len(networks[n] & ours), len(networks[n])))
    pairs = {pid: {sl, sr} for pid, sl, sr in con.execute(
        "SELECT pair_id, source_l, source_r FROM link_pairs WHERE band = 'review' ORDER BY pair_id").fetchall()}
    pair_picks = [next((p for p, s in pairs.items() if s == {POLICE}), None),
                  next((p for p, s in pairs.items() if POLICE not in s), None)]
    return {
        "person_id": [Subject(p, frozenset(everyone[p])) for p in picks + adult],
        "finding_id": [Subject(f, frozenset({s})) for s, f in sorted(by_source.items())
                       if s in (POLICE, SCHOOLS, CHILDRENS, "sexual-health")],
        "network_id": [Subject(network, frozenset(networks[network]))],
        "pair_id": [Subject(p, frozenset(pairs[p])) for p in pair_picks if p],
        "name": [Subject("app.css", frozenset())],
    }


@pytest.fixture(scope="module")
def world(county, tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp("scope")
    workspace = copy_workspace(county, root / "workspace")
    con = duckdb.connect(str(workspace.warehouse_path), read_only=True)
    rows = con.execute("SELECT source, agency, kind FROM sources").fetchall()
    agency_of = {s: a for s, a, _ in rows}
    (workspace.root / "sharing.toml").write_text(
        SHARING.format(police=agency_of[POLICE], childrens=agency_of[CHILDRENS]), encoding="utf-8")
    deployment = make_deployment(county, workspace, f"sqlite:///{(root / 'casework.sqlite').as_posix()}")
    store = deployment.app.state.lookout.store
    with store.write() as session:
        for source in (POLICE, SCHOOLS, CHILDRENS):
            for role in ROLES:
                create_user(session, username=f"{role}-{source}", password=PASSWORD, role=role,
                            agency=agency_of[source], display_name=f"{role} of {source}")
    world = World(deployment, agency_of, {s: k for s, _, k in rows}, _subjects(con), con)
    yield world
    con.close()
    store.dispose()


def _forbidden(world: World, visible: frozenset[str]) -> dict[str, set[str]]:
    """Strings that would betray records outside `visible`, by what they are."""
    con, mine = world.con, sorted(visible)
    hidden = sorted(set(world.agency_of) - visible)

    def column(sql: str, sources: list[str]) -> set[str]:
        return {r[0] for r in con.execute(sql, [sources]).fetchall() if r[0]}

    ids = column("SELECT record_id FROM result_linkage WHERE list_contains(?, source)", hidden) \
        - column("SELECT record_id FROM result_linkage WHERE list_contains(?, source)", mine)
    events = column("SELECT event_id FROM chronology WHERE list_contains(?, source)", hidden) \
        - column("SELECT event_id FROM chronology WHERE list_contains(?, source)", mine)
    people = column("SELECT person_id FROM result_linkage GROUP BY person_id "
                    "HAVING NOT bool_or(list_contains(?, source))", mine)
    keys = {}
    for kind in ("phone", "vehicle", "location"):
        keys[kind] = column(f"""SELECT k FROM (
            SELECT a_key AS k, source FROM result_network_evidence WHERE a_type = '{kind}'
            UNION ALL SELECT b_key, source FROM result_network_evidence WHERE b_type = '{kind}')
            GROUP BY k HAVING NOT bool_or(list_contains(?, source))""", mine)
    shown_text = " ".join(r[0] or "" for r in con.execute(
        "SELECT description FROM chronology WHERE list_contains(?, source)", [mine]).fetchall()).upper()
    own_names = {w.upper() for (n,) in con.execute(
        "SELECT forenames || ' ' || surname FROM person_records WHERE list_contains(?, source)", [mine]).fetchall()
        if n for w in n.split()}
    surnames = {s.upper() for s in column("SELECT surname FROM person_records WHERE list_contains(?, source)",
                                          hidden) if len(s) >= 5} - own_names
    return {"record id": ids, "event": events, "person": people, "phone": keys["phone"],
            "vehicle": keys["vehicle"], "postcode": {k for k in keys["location"] if k.upper() not in shown_text},
            "surname": surnames}


def _leaks(body: str, forbidden: dict[str, set[str]], *, audit: bool) -> list[str]:
    tokens = set(re.findall(r"[A-Za-z0-9+:/_.\-]+", body))
    upper = set(re.findall(r"[A-Z][A-Za-z'\-]+", body))
    found = []
    for what, values in forbidden.items():
        if audit and what == "person":
            continue  # a user's own refused requests name what they asked for, in their own log
        if what == "postcode":
            hits = [v for v in values if v in body]
        elif what == "surname":
            hits = [v for v in values if v.title() in upper or v in upper]
        else:
            hits = [v for v in values if v in tokens]
        found += [f"{what} {v}" for v in sorted(hits)[:3]]
    return found


def _fill(path: str, choice: dict[str, Subject]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: choice[m.group(1)].id, path)


def _request(client, method: str, path: str, url: str, query: str):
    last = path.rstrip("/").rsplit("/", 1)[-1]
    body = dict(BODIES.get(last, {}))
    if path.startswith("/api/links/"):
        body = {"accept": False}
    if method == "GET":
        params = {"q": query} if path.endswith("/search") else None
        return client.get(url, params=params)
    if path.startswith("/api/"):
        return client.post_json(url, body)
    return client.post_form(url, body)


def _users(world: World) -> list[tuple[str, str, str | None]]:
    users = [(role, role, None) for role in ROLES if role != "practitioner"]  # the hub
    for source in (POLICE, SCHOOLS, CHILDRENS):
        users += [(role, f"{role}-{source}", world.agency_of[source]) for role in ROLES]
    return users


def test_routes_name_only_records_the_matrix_knows(world) -> None:
    unknown = {m.group(1) for route in world.deployment.app.routes
               for m in re.finditer(r"\{(\w+)\}", getattr(route, "path", ""))} - set(world.subjects)
    assert unknown == set(), f"add subjects for path parameters {unknown} to the scope matrix"
    assert len(world.subjects["person_id"]) >= 4 and len(world.subjects["finding_id"]) >= 3
    assert {POLICE, SCHOOLS} <= world.subjects["network_id"][0].sources


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_agency_shows_only_what_the_user_may_see(world, role: str) -> None:
    app = world.deployment.app
    routes = sorted({(method, route.path) for route in app.routes for method in route.methods
                     if route_rule(route) is not None} - SKIP)
    problems = []
    for _, username, agency in [u for u in _users(world) if u[0] == role]:
        visible = world.visible(agency)
        forbidden = _forbidden(world, visible)
        query = world.con.execute("SELECT min(record_id) FROM result_linkage WHERE list_contains(?, source)",
                                  [sorted(visible)]).fetchall()[0][0]  # a record of their own to search for
        client = world.deployment.client(username)
        for method, path in routes:
            allowed_role = role in EXPECTED[(method, path)]
            params = re.findall(r"\{(\w+)\}", path)
            choices = [{}] if not params else [{params[0]: s} for s in world.subjects[params[0]]]
            for choice in choices:
                url = _fill(path, choice)
                subject = choice.get(params[0]) if params else None
                in_scope = subject is None or params[0] == "name" or agency is None or (
                    subject.sources <= visible if params[0] == "pair_id" else bool(subject.sources & visible))
                response = _request(client, method, path, url, query)
                where = f"{username}: {method} {url}"
                if response.status_code >= 500:
                    problems.append(f"{where}: {response.status_code}")
                    continue
                if not allowed_role or not in_scope:
                    if response.status_code != 403:
                        problems.append(f"{where}: {response.status_code}, should be refused")
                    continue
                if response.status_code == 403:
                    problems.append(f"{where}: refused, should be allowed")
                    continue
                leaks = _leaks(response.text, forbidden, audit=path.endswith("/audit"))
                if leaks:
                    problems.append(f"{where}: shows {', '.join(leaks)}")
    assert problems == []


def test_a_shared_child_shows_only_the_users_records_and_what_is_shared(world) -> None:
    both = next(s for s in world.subjects["person_id"] if {POLICE, SCHOOLS} <= s.sources)
    for source, agency in ((SCHOOLS, world.agency_of[SCHOOLS]), (CHILDRENS, world.agency_of[CHILDRENS])):
        child = world.deployment.client(f"analyst-{source}").get(f"/api/children/{both.id}")
        if source == CHILDRENS and not (both.sources & world.visible(agency)):
            assert child.status_code == 403
            continue
        page = child.json()
        assert {r["source"] for r in page["records"]} <= world.visible(agency)
        assert {e["source"] for e in page["chronology"]} <= world.visible(agency)
        for indicator in (page["flag"] or {}).get("indicators", []):
            assert {r["source"] for r in indicator["records"]} <= world.visible(agency)


def _indicator_sources(world: World) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for person, indicator, source in world.con.execute(
            "SELECT person_id, indicator_id, source FROM result_flag_evidence").fetchall():
        found.setdefault((person, indicator), set()).add(source)
    return found


def test_the_queue_names_only_indicators_and_kinds_the_user_has_records_of(world) -> None:
    behind = _indicator_sources(world)
    visible = world.visible(world.agency_of[SCHOOLS])
    kinds = {world.kind_of[s] for s in visible}
    rows = world.deployment.client(f"practitioner-{SCHOOLS}").get("/api/queue").json()
    hub = {r["person_id"]: r for r in world.deployment.client("analyst").get("/api/queue").json()}
    assert rows
    for row in rows:
        assert all(behind[(row["person_id"], i)] & visible for i in row["indicators"]), row
        assert set(row["sources"]) <= kinds, row
        full = hub[row["person_id"]]
        assert row["held_elsewhere"] == len(full["indicators"]) - len(row["indicators"])
        assert (row["level"], row["score"]) == (full["level"], full["score"])
    assert any(r["held_elsewhere"] for r in rows), "no queued child has indicators from elsewhere"
    csv = world.deployment.client(f"analyst-{SCHOOLS}").get("/queue.csv").text
    for indicator in {i for (p, i), sources in behind.items() if not sources & visible}:
        if all(not (s & visible) for (p, i), s in behind.items() if i == indicator):
            assert indicator not in csv


def test_a_network_shows_other_agencies_parts_as_held_by_another_agency(world) -> None:
    network = world.subjects["network_id"][0].id
    hub = world.deployment.client("manager").get(f"/api/networks/{network}").json()
    school = world.deployment.client(f"manager-{SCHOOLS}").get(f"/api/networks/{network}").json()
    assert len(school["members"]) == len(hub["members"]) and len(school["edges"]) == len(hub["edges"])
    held = [m for m in school["members"] if m[1].startswith("held by another agency")]
    assert held and all(not m[1].startswith("held by") for m in hub["members"])
    assert {r[1] for e in school["edges"] for r in e["records"]} <= world.visible(world.agency_of[SCHOOLS])
    page = world.deployment.client(f"manager-{SCHOOLS}").get(f"/networks/{network}").text
    assert "held by another agency" in page
    shared = world.deployment.client(f"manager-{CHILDRENS}").get(f"/api/networks/{network}")
    if shared.status_code == 200:   # children's services see the police parts under the agreement
        police = {r[1] for e in shared.json()["edges"] for r in e["records"]}
        assert POLICE in police or not any(POLICE == r[1] for e in hub["edges"] for r in e["records"])


def test_the_audit_log_of_an_agency_manager_holds_only_that_agencys_users(world) -> None:
    world.deployment.client(f"practitioner-{SCHOOLS}").get("/api/queue")
    world.deployment.client(f"practitioner-{POLICE}").get("/api/queue")
    events = world.deployment.client(f"manager-{POLICE}").get("/api/audit").json()
    assert events and {e["agency"] for e in events} == {world.agency_of[POLICE]}
    everyone = world.deployment.client("manager").get("/api/audit").json()
    assert world.agency_of[SCHOOLS] in {e["agency"] for e in everyone}
    page = world.deployment.client(f"manager-{POLICE}").get("/audit").text
    assert f"practitioner-{SCHOOLS}" not in page


def test_an_agreement_out_of_force_or_unreadable_shares_nothing(world, tmp_path) -> None:
    path = world.deployment.workspace.root / "sharing.toml"
    original = path.read_text(encoding="utf-8")
    child = next(s for s in world.subjects["person_id"] if s.sources == {POLICE})
    client = world.deployment.client(f"practitioner-{CHILDRENS}")
    try:
        assert client.get(f"/api/children/{child.id}").status_code == 200
        path.write_text(original + 'ends = 2020-01-01\nstarts = 2019-01-01\n', encoding="utf-8")
        assert client.get(f"/api/children/{child.id}").status_code == 403
        path.write_text(original.replace('kinds = ["police"]', 'kinds = ["polce"]'), encoding="utf-8")
        assert client.get(f"/api/children/{child.id}").status_code == 403
        page = client.get("/queue").text
        assert "is not a kind of extract" in page and "sharing.toml" in page
    finally:
        path.write_text(original, encoding="utf-8")


def test_an_agreements_file_that_cannot_be_used_is_refused_with_where_and_why(world, tmp_path) -> None:
    from typer.testing import CliRunner

    from lookout.app import create_app
    from lookout.app.sharing import SharingFileError
    from lookout.cli import app as cli

    workspace = world.deployment.workspace
    listed = CliRunner().invoke(cli, ["sharing", "--workspace", str(workspace.root)])
    assert listed.exit_code == 0 and "Oxfordshire MASH agreement" in listed.output
    path = workspace.root / "sharing.toml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("Oxfordshire Constabulary", "Oxon Constabulary"), encoding="utf-8")
        unknown = CliRunner().invoke(cli, ["sharing", "--workspace", str(workspace.root)])
        assert unknown.exit_code == 1 and "'Oxon Constabulary'" in " ".join(unknown.output.split())
        path.write_text(original.replace('purpose = "Strategy', 'purpos = "Strategy'), encoding="utf-8")
        with pytest.raises(SharingFileError, match=r"agreement 1: unknown field 'purpos'"):
            create_app(world.deployment.settings)
        bad = CliRunner().invoke(cli, ["sharing", "--workspace", str(workspace.root)])
        assert bad.exit_code == 1 and "unknown field 'purpos'" in " ".join(bad.output.split())
    finally:
        path.write_text(original, encoding="utf-8")
