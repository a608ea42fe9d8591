"""The audit log's seal: a key kept outside the database, and the chain's head anchored outside
the store.

Without a key, anyone who can write the database can delete an event and rehash every event
after it, or cut events off the end and rewrite the head row: the chain still checks. So each
event is chained with HMAC-SHA256 under a key that lives in a file, not in the database
(`LOOKOUT_AUDIT_KEY_FILE`, by default `WS/keys/audit.key`, created mode 600): rehashing needs
the key. And after every write that appends, the new head (sequence number and hash) is written,
signed with the key, as one line appended to each anchor file (`WS/audit/anchor-<store>.jsonl`,
one per store, and any paths in `LOOKOUT_AUDIT_ANCHOR`, separated by the path separator: a
share on another machine, a file made append-only with `chattr +a`; one per deployment). Cutting events off the end then contradicts the
anchor, and rewriting the anchor needs the key too. Keep the key file and at least one anchor
where the database's administrators cannot write (RFC 2104 for HMAC; the anchor is a simple
form of the "signed tree head" of certificate transparency logs, RFC 6962).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AuditSeal", "Checkpoint"]


@dataclass(frozen=True)
class Checkpoint:
    """A signed record of the chain's head at one moment."""

    seq: int
    hash: str
    at: str


@dataclass(frozen=True)
class AuditSeal:
    """The key events are chained under, and where the head is anchored."""

    key: bytes
    anchors: tuple[Path, ...]
    key_file: Path | None = None
    made_now: bool = False       # the key file did not exist and was made by this load

    @classmethod
    def load(cls, key_file: Path, anchors: list[Path] | tuple[Path, ...]) -> AuditSeal:
        """The seal of a deployment: its key file (made on first use, mode 600) and anchors.
        A key made here for a store that already holds events is taken back by the store
        (`forget_new_key`): those events were chained under a key that is missing."""
        made = False
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            try:
                descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another worker made it first
            else:
                with os.fdopen(descriptor, "w") as handle:
                    handle.write(secrets.token_hex(32))
                made = True
        return cls(bytes.fromhex(key_file.read_text().strip()), tuple(anchors), key_file, made)

    def forget_new_key(self) -> None:
        """Remove a key file this seal made (the store it was made for already has events)."""
        if self.made_now and self.key_file is not None:
            self.key_file.unlink(missing_ok=True)

    def mac(self, text: str) -> str:
        """HMAC-SHA256 of `text` under the key, in hex."""
        return hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def anchor(self, seq: int, head_hash: str) -> None:
        """Append a signed checkpoint of the head to every anchor (one line, one write)."""
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        line = json.dumps({"seq": seq, "hash": head_hash, "at": at,
                           "sig": self.mac(f"{seq}|{head_hash}|{at}")}) + "\n"
        for path in self.anchors:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, line.encode("utf-8"))
            finally:
                os.close(descriptor)

    def checkpoints(self) -> tuple[list[Checkpoint], list[str]]:
        """Every checkpoint in the anchors whose signature holds, and a problem for each line
        whose does not (an anchor edited by someone without the key)."""
        found, problems = [], []
        for path in self.anchors:
            if not path.exists():
                continue
            for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                try:
                    line = json.loads(raw)
                    seq, head_hash, at, sig = int(line["seq"]), line["hash"], line["at"], line["sig"]
                except (ValueError, KeyError, TypeError):
                    problems.append(f"{path}, line {number}, is not a checkpoint")
                    continue
                if not hmac.compare_digest(sig, self.mac(f"{seq}|{head_hash}|{at}")):
                    problems.append(f"{path}, line {number}, is not signed with the audit key")
                    continue
                found.append(Checkpoint(seq, head_hash, at))
        return found, problems
