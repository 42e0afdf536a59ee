"""Flask extension instances, unbound: create_app binds them. Nothing else lives here
(the Api object is in parent_app.api), so any module may import these without a
circle."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()


class ViewLimiter(Limiter):
    """Flask-Limiter counting only the limits written on views (`@limiter.limit`), which
    its decorators check when their view runs. The app sets no default or
    application-wide limit, so the pass Flask-Limiter also makes before every request
    would find nothing to count; skipping it takes about a sixth off a read answered
    from memory (issue 12). A default or application limit in the configuration is
    refused rather than silently not applied."""

    def init_app(self, app: Flask) -> None:
        for name in ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION"):
            if app.config.get(name):
                raise RuntimeError(
                    f"{name} is not supported: put limits on the views that need them"
                )
        super().init_app(app)

    def _check_request_limit(
        self, callable_name: str | None = None, in_middleware: bool = True
    ) -> None:
        if not in_middleware:
            super()._check_request_limit(callable_name, in_middleware)


limiter = ViewLimiter(key_func=get_remote_address, default_limits=[])
