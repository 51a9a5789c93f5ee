"""Opening the database: SQLite by default (WAL, foreign keys, busy timeout), PostgreSQL optional.

All models bind to ``database_proxy``; ``open_database`` initialises it, so one process has one
open set of books at a time (the desktop app's case; tests open a fresh one per test).
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeGuard
from urllib.parse import unquote, urlparse

import peewee

from assetdesk.errors import DatabaseError
from assetdesk.paths import default_database_path

database_proxy = peewee.DatabaseProxy()
# cache_size: 64 MB of pages (negative = KiB), so a run's or an import's index updates stay in memory
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": "normal",
                  "cache_size": -65536}


@dataclass(frozen=True)
class DatabaseTarget:
    """What a URL names: a SQLite file path, or a PostgreSQL connection."""

    kind: str  # "sqlite" | "postgresql"
    path: Path | None = None
    url: str = ""

    @property
    def display(self) -> str:
        return str(self.path) if self.path else _hide_password(self.url)


def _hide_password(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url


def resolve_target(url: str | os.PathLike | None) -> DatabaseTarget:
    """``None`` → ``ASSETDESK_DB`` or the default file; a path; ``sqlite:///path``; ``postgresql://…``."""
    if url is None:
        url = os.environ.get("ASSETDESK_DB") or None
    if url is None:
        return DatabaseTarget("sqlite", default_database_path())
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        return DatabaseTarget("postgresql", url=text)
    if text.startswith("sqlite:///"):
        return DatabaseTarget("sqlite", Path(unquote(text[len("sqlite:///"):])))
    if "://" in text:
        raise DatabaseError(f"无法识别的数据库地址“{text}”", "请使用文件路径、sqlite:///路径 或 postgresql://…")
    return DatabaseTarget("sqlite", Path(text))


def open_database(url: str | os.PathLike | None = None) -> tuple[peewee.Database, DatabaseTarget]:
    """Open (creating the file if needed) and bind the models; raise ``DatabaseError`` in Chinese."""
    target = resolve_target(url)
    db = _open_sqlite(target.path) if target.path is not None else _open_postgres(target.url)  # SQLite: a file
    database_proxy.initialize(db)
    return db, target


class RollbackListeners:
    """Lets the services hear that the outermost transaction rolled back, so whatever they held
    for it (events not yet published, cached rows) goes with it. Commit has peewee's own
    ``after_commit``."""

    def add_rollback_listener(self, listener: Callable[[], None]) -> None:
        self.__dict__.setdefault("_rollback_listeners", []).append(listener)

    def _rolled_back(self) -> None:
        for listener in list(self.__dict__.get("_rollback_listeners", [])):
            listener()


class _SqliteDatabase(RollbackListeners, peewee.SqliteDatabase):
    """SQLite for the books: every transaction starts with BEGIN IMMEDIATE, taking the write lock
    before it reads what it decides on, so a second writer waits (up to the busy timeout) instead of
    failing at once; "database is locked" reaches the clerk as a message, never a driver error."""

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except peewee.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise _sqlite_error(Path(self.database), exc) from None
            raise

    def begin(self, lock_type=None):
        try:
            super().begin(lock_type)
        except peewee.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise _sqlite_error(Path(self.database), exc) from None
            raise

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._rolled_back()


WRITER_LOCK = 0x41535344  # "ASSD": the advisory lock every write transaction of a set of books holds


class _PostgresDatabase(RollbackListeners, peewee.PostgresqlDatabase):
    """PostgreSQL for the books, with SQLite's discipline: a transaction takes the books' writer lock
    (a transaction-level advisory lock) before it reads what it decides on, so two clerks' actions
    run one after the other — the same file imported twice at once is posted once — and the
    month's counter row numbers vouchers without gaps or duplicates."""

    def begin(self, isolation_level=None):
        super().begin(isolation_level)
        self.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._rolled_back()


def _open_sqlite(path: Path) -> peewee.SqliteDatabase:
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件", "请选择一个 .db 文件")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在文件夹“{path.parent}”：{exc.strerror}",
                            "请选择有写入权限的位置") from None
    if path.exists() and path.stat().st_size > 0:
        _refuse_non_sqlite(path)
    db = _SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=5, lock_type="IMMEDIATE")
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.OperationalError as exc:
        raise _sqlite_error(path, exc) from None
    except peewee.DatabaseError as exc:
        raise DatabaseError(f"数据库文件“{path}”已损坏，无法读取（{exc}）", "请从备份恢复") from None
    return db


def _refuse_non_sqlite(path: Path) -> None:
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(f"“{path}”不是 AssetDesk 数据库文件（文件已损坏或类型不对）",
                            "请选择正确的 .db 文件，或从备份恢复")


def _sqlite_error(path: Path, exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(f"数据库“{path}”正被另一个程序占用", "请关闭其他打开此数据库的 AssetDesk 窗口后重试")
    if "not a database" in text or "malformed" in text:
        return DatabaseError(f"数据库文件“{path}”已损坏，无法读取", "请从备份恢复")
    return DatabaseError(f"无法打开数据库“{path}”：{exc}", "请检查文件是否存在以及是否有读写权限")


def _open_postgres(url: str) -> peewee.PostgresqlDatabase:
    parsed = urlparse(url)
    db = _PostgresDatabase(
        (parsed.path or "/postgres").lstrip("/") or "postgres",
        user=unquote(parsed.username or "") or None,
        password=unquote(parsed.password or "") or None,
        host=parsed.hostname or "localhost",
        port=parsed.port or 5432,
    )
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # driver missing, server down, wrong password
        raise DatabaseError(f"无法连接 PostgreSQL 数据库 {_hide_password(url)}：{exc}",
                            "请检查服务器地址、用户名和密码，并安装 assetdesk[postgres]") from None
    return db


def is_sqlite(db: peewee.Database) -> TypeGuard[peewee.SqliteDatabase]:
    return isinstance(db, peewee.SqliteDatabase)


def sqlite_backup(db: peewee.SqliteDatabase, dest: Path) -> None:
    """Consistent online copy through SQLite's backup API (safe while the app has the file open)."""
    target = sqlite3.connect(str(dest))
    try:
        db.connection().backup(target)
    finally:
        target.close()
