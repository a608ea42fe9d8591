"""The app's routes: pages (server-rendered) and the JSON API, every one under a policy rule."""

from lookout.app.routes import api, children, oversight, session

ROUTERS = (session.router, children.router, oversight.router, api.router)

__all__ = ["ROUTERS"]
