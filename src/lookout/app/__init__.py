"""The casework web app: review queue, child pages, networks, accountability and link review,
casework decisions, pseudonymous by default, one authorisation policy, an audit log."""

from lookout.app.factory import create_app
from lookout.app.settings import AppSettings

__all__ = ["AppSettings", "create_app"]
