"""Who may do what: the roles and the rules, as data a reviewer can read.

Every route names one rule (`lookout.app.policy.allow`). A rule says which roles may use it,
what the audit log calls it, and which kind of record its path names, so that users limited
to one agency are kept to that agency's records. Hub roles (analyst, manager) see every
agency unless their account names one; an agency practitioner always names one."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ANYONE", "ROLES", "RULES", "Rule"]

ROLES = ("analyst", "manager", "practitioner", "auditor", "admin")
ANYONE = frozenset({"anonymous", *ROLES})
SIGNED_IN = frozenset(ROLES)
CASEWORK = frozenset({"analyst", "manager", "practitioner"})
HUB = frozenset({"analyst", "manager"})


@dataclass(frozen=True)
class Rule:
    """One authorisation rule.

    - `roles`: the roles allowed (`anonymous` for routes needing no sign-in).
    - `audit`: the audit log's name for using it (None: nothing about a child, a finding or
      an account is shown or changed, e.g. a stylesheet).
    - `resource`: the kind of record the route's path names (`child`, `finding`, `network`,
      `pair`), checked against the user's agency."""

    action: str
    roles: frozenset[str]
    audit: str | None
    resource: str | None = None
    purpose: str = ""


RULES: dict[str, Rule] = {rule.action: rule for rule in (
    Rule("public", ANYONE, None, purpose="sign-in page, assets, health check"),
    Rule("sign_in", ANYONE, "sign_in", purpose="sign in"),
    Rule("sign_out", SIGNED_IN, "sign_out", purpose="sign out"),
    Rule("home", SIGNED_IN, None, purpose="the landing page for the user's role"),
    Rule("api.schema", SIGNED_IN, None, purpose="the JSON API's OpenAPI description"),
    Rule("queue.view", CASEWORK, "view", purpose="the review queue"),
    Rule("queue.export", HUB, "export", purpose="the review queue as CSV"),
    Rule("search", CASEWORK, "search", purpose="find a child by person id or source record"),
    Rule("child.view", CASEWORK, "view", "child", purpose="a child's page"),
    Rule("child.reveal", CASEWORK, "reveal", "child", purpose="show a child's names, for a reason"),
    Rule("child.note", CASEWORK, "decision", "child", purpose="add a note to a child's casework"),
    Rule("child.decide", HUB, "decision", "child",
         purpose="assign a child, record a decision or override a flag's level"),
    Rule("network.list", HUB, "view", purpose="suspected networks"),
    Rule("network.view", HUB, "view", "network", purpose="one network and its picture"),
    Rule("accountability.view", CASEWORK | {"auditor"}, "view",
         purpose="the accountability dashboard and findings"),
    Rule("finding.view", CASEWORK | {"auditor"}, "view", "finding",
         purpose="one accountability finding and its casework"),
    Rule("finding.update", CASEWORK, "decision", "finding",
         purpose="assign, annotate, acknowledge or resolve a finding"),
    Rule("links.view", HUB, "view", purpose="the clerical link review queue"),
    Rule("links.decide", HUB, "decision", "pair", purpose="decide whether two records are one person"),
    Rule("run.view", HUB | {"auditor", "admin"}, "view",
         purpose="the latest run report: what the run used, what it could not use and why"),
    Rule("audit.view", frozenset({"manager", "auditor", "admin"}), "view",
         purpose="the audit log and its verification"),
    Rule("users.view", frozenset({"admin"}), "admin", purpose="accounts"),
)}
