"""What `lookout export` writes (data contract v1, section 3): file names and columns in order."""

from __future__ import annotations

RESULT_FILES: dict[str, tuple[str, ...]] = {
    "linkage.csv": ("source", "record_id", "person_id", "match_probability"),
    "flags.csv": ("person_id", "level", "score", "first_flagged_at", "indicators", "sources"),
    "networks.csv": ("network_id", "entity_type", "entity_key", "role", "areas"),
    "accountability.csv": ("finding_id", "check_id", "person_id", "source", "record_id",
                           "raised_at", "due_at", "summary"),
}
