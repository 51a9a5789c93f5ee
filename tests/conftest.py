"""Shared fixtures: a fresh database per test, built through the real migrations.

``books`` — SQLite file in tmp_path with the 账套 兰花社区 set up (first period 2025-01).
``pg_books`` / the core suite's backend parameter — the same on a throwaway PostgreSQL cluster,
started once per session when PostgreSQL's server binaries are installed (skipped otherwise).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.pg_cluster import PostgresCluster, find_pg_bin

FIXED_NOW = dt.datetime(2025, 3, 15, 9, 30, 0)


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the real user data directory or database from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ASSETDESK_HOME", str(home))
    monkeypatch.delenv("ASSETDESK_DB", raising=False)


def _open(url):
    from assetdesk.services import open_books

    books = open_books(url, clock=fixed_clock, user="测试会计")
    books.org.setup_book("兰花社区", "2025-01", credit_code="")
    return books


@pytest.fixture
def empty_books(tmp_path):
    """A migrated but empty database (no 账套 yet): the first-run state."""
    from assetdesk.services import open_books

    books = open_books(tmp_path / "empty.db", clock=fixed_clock, user="测试会计")
    yield books
    books.close()


@pytest.fixture
def books(tmp_path):
    books = _open(tmp_path / "books.db")
    yield books
    books.close()


@pytest.fixture(scope="session")
def pg_cluster():
    if find_pg_bin() is None:
        pytest.skip("未安装 PostgreSQL 服务器程序（initdb/pg_ctl），跳过 PostgreSQL 测试")
    # not under pytest's tmp tree: that is private to root, and the server runs as the postgres user
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="assetdesk-pg-")))
    cluster.start()
    yield cluster
    cluster.stop()
    shutil.rmtree(cluster.dir, ignore_errors=True)


@pytest.fixture
def pg_books(pg_cluster):
    url = pg_cluster.fresh_database()
    books = _open(url)
    yield books
    books.close()
