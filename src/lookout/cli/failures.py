"""What the command line says when the machine, not the data, stops a command, and the exit
codes a scheduler reads.

A missing drop, a workspace another command holds, a read-only folder, a full disk or a
damaged database ends a command with one plain sentence and the next step, never a traceback.
Nothing already stored is lost: every stage writes in transactions, and a run publishes its
results only when it completes.

Exit codes:
- 0: everything asked for was done, every extract loaded (or unchanged);
- 1: the command could not be done (the message says why);
- 3: the run completed, but some extracts were refused: the data they would have replaced is
  still in use (the run report names them).
"""

from __future__ import annotations

import errno

__all__ = ["EXIT_FAILED", "EXIT_SOME_REFUSED", "explain"]

EXIT_FAILED = 1
EXIT_SOME_REFUSED = 3


def explain(error: BaseException) -> str | None:
    """The plain-English message for an environment failure, or None for anything else (a bug,
    which keeps its traceback so it can be reported)."""
    import duckdb

    text = str(error)
    if type(error).__name__ == "MissingAuditKey":
        return f"{text}."
    if isinstance(error, FileNotFoundError):
        return f"{text or error.filename}: check the path and try again."
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return ("the disk is full: free some space (the workspace's tmp folder can be emptied) "
                "and run the command again; nothing stored was lost.")
    if isinstance(error, PermissionError) or (isinstance(error, OSError) and error.errno == errno.EROFS):
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        return (f"the workspace cannot be written{where}: it is read-only or belongs to another "
                "user; run the command as its owner or on a copy.")
    if isinstance(error, duckdb.Error) and "No space left on device" in text:
        return "the disk is full: free some space and run the command again; nothing stored was lost."
    if isinstance(error, duckdb.IOException) and "lock" in text.lower():
        return ("another Lookout command is using this workspace (a run, or a server opened for "
                "writing): wait for it to finish, then try again.")
    if isinstance(error, duckdb.IOException) and "disk" in text.lower():
        return "the disk is full: free some space and run the command again; nothing stored was lost."
    if isinstance(error, duckdb.IOException) and ("read-only" in text or "Permission" in text):
        return "the workspace cannot be written: it is read-only; run the command on a copy."
    if isinstance(error, (duckdb.SerializationException, duckdb.InternalException)) or (
            isinstance(error, duckdb.IOException) and "not a valid DuckDB" in text):
        return ("the warehouse file is damaged. It holds only data derived from the extracts: "
                "move WS/warehouse.duckdb aside and run `lookout run` on the drop again (casework "
                "and decisions are kept apart and are not touched).")
    if type(error).__name__ == "DatabaseError" and "file is not a database" in text:
        return ("the casework store is damaged (it is not an SQLite database any more): restore "
                "it from its backup; casework is the record of what people decided and is never "
                "rebuilt from the extracts.")
    return None
