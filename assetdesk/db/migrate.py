"""Bring a database to the latest schema: a copy of the file first, then each step in one transaction."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee

from assetdesk.db.connection import DatabaseTarget, is_sqlite, sqlite_backup
from assetdesk.db.migrations import LATEST_VERSION, STEPS
from assetdesk.db.models import SchemaVersion
from assetdesk.errors import DatabaseError


def current_version(db: peewee.Database) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select().first()
    return row.version if row else 0


def migrate(db: peewee.Database, target: DatabaseTarget, now: dt.datetime) -> Path | None:
    """Upgrade to ``LATEST_VERSION``; return the pre-upgrade copy's path when one was taken.

    A database written by a newer AssetDesk is refused, never touched."""
    version = current_version(db)
    if version > LATEST_VERSION:
        raise DatabaseError(
            f"此数据库由更新版本的 AssetDesk 创建（数据结构版本 {version}，本程序支持到 {LATEST_VERSION}）",
            "请安装最新版本的 AssetDesk 后再打开",
        )
    if version == LATEST_VERSION:
        return None
    copy = _copy_before_upgrade(db, target, version, now) if version > 0 else None
    sqlite = is_sqlite(db)
    if sqlite:  # a step that rebuilds a table must never cascade-delete the rows that refer to it
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for step in STEPS:
            if step.VERSION > version:
                with db.atomic():
                    step.upgrade(db)
                    _check_references(db, sqlite)
                    _set_version(step.VERSION)
    finally:
        if sqlite:
            db.execute_sql("PRAGMA foreign_keys = ON")
    return copy


def _check_references(db: peewee.Database, sqlite: bool) -> None:
    """Refuse (and roll back) a step that left a row pointing at nothing."""
    if sqlite and db.execute_sql("PRAGMA foreign_key_check").fetchone() is not None:
        raise DatabaseError("数据库升级时发现断开的引用，升级已撤销", "请保留数据库文件并联系技术支持")


def _set_version(version: int) -> None:
    if SchemaVersion.select().exists():
        SchemaVersion.update(version=version).execute()
    else:
        SchemaVersion.create(version=version)


def _copy_before_upgrade(db: peewee.Database, target: DatabaseTarget, version: int, now: dt.datetime) -> Path | None:
    if not (is_sqlite(db) and target.path):
        return None  # PostgreSQL: the server's own backups apply
    dest = target.path.with_name(f"{target.path.stem}.v{version}-before-upgrade-{now:%Y%m%d%H%M%S}.db")
    sqlite_backup(db, dest)
    return dest
