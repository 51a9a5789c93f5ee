"""The core suite runs on SQLite and, when its server is installed, on PostgreSQL too."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def books(request, tmp_path):
    if request.param == "sqlite":
        from tests.conftest import _open

        books = _open(tmp_path / "books.db")
        yield books
        books.close()
    else:
        yield request.getfixturevalue("pg_books")
