"""Declarative base and the one datetime column type used everywhere."""
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


def utcnow() -> datetime:
    """The current time as an aware UTC datetime (``fsrs`` insists on ``timezone.utc``)."""
    return datetime.now(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator):
    """Stores datetimes in UTC and always hands back aware UTC datetimes.

    SQLite returns naive datetimes and PostgreSQL returns them in the session's zone;
    converting at this one boundary keeps the rest of the app free of naive values.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use quizapp.models.base.utcnow()")
        value = value.astimezone(timezone.utc)
        # SQLite has no zone support: store the naive UTC wall time.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """Base of every model; constraint names are fixed so migrations are stable on every backend."""

    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# Lives beside Base (not in extensions.py) so model modules never import a half-built package.
db = SQLAlchemy(model_class=Base)
