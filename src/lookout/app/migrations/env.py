"""Alembic environment: migrations run on the connection `lookout.app.store.db.migrate`
hands over (there is no alembic.ini; the app and the tests migrate in-process)."""

from __future__ import annotations

from alembic import context

from lookout.app.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through lookout.app.store.db.migrate")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
