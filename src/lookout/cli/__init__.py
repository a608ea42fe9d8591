"""The `lookout` command line."""

from lookout.cli.main import app, main

__all__ = ["app", "main"]
