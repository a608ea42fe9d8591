"""What every request of one app shares: its settings, its store and its templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.templating import Jinja2Templates

from lookout.app.settings import AppSettings
from lookout.app.store import Store

__all__ = ["AppContext", "PACKAGE_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class AppContext:
    """One app's settings, casework store and page templates."""

    settings: AppSettings
    store: Store
    templates: Jinja2Templates
