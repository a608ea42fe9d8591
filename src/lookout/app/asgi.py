"""The app as uvicorn's worker processes load it: settings from the environment that
`lookout serve` sets before starting them (the workspace, the store, the secret key)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from lookout.app.factory import create_app
from lookout.app.settings import DATABASE_URL_ENV, AppSettings
from lookout.workspace import Workspace

__all__ = ["WORKSPACE_ENV", "app_from_environment"]

WORKSPACE_ENV = "LOOKOUT_APP_WORKSPACE"


def app_from_environment() -> FastAPI:
    """The app for the workspace named by LOOKOUT_APP_WORKSPACE (store: LOOKOUT_DATABASE_URL)."""
    workspace = os.environ.get(WORKSPACE_ENV)
    if not workspace:
        raise RuntimeError(f"{WORKSPACE_ENV} is not set: start the app with `lookout serve`")
    return create_app(AppSettings.for_workspace(Workspace(Path(workspace)),
                                                database_url=os.environ.get(DATABASE_URL_ENV)))
