"""Backups: a consistent online copy of the SQLite file, restore with a kept copy, automatic rotation."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import peewee

from assetdesk.db.connection import is_sqlite, sqlite_backup
from assetdesk.errors import DatabaseError, NotFoundError
from assetdesk.events import DatabaseRestored
from assetdesk.paths import default_backup_dir
from assetdesk.services.context import Service, ServiceContext

AUTO_PREFIX = "assetdesk-auto-"


class BackupService(Service):
    def __init__(self, ctx: ServiceContext, reopen: Callable[[], None]):
        super().__init__(ctx)
        self._reopen = reopen

    def _require_sqlite(self) -> tuple[peewee.SqliteDatabase, Path]:
        """The open SQLite database and its file; PostgreSQL is backed up by the server's own tools."""
        db, path = self.db, self.ctx.target.path
        if not is_sqlite(db) or path is None:
            raise DatabaseError("PostgreSQL 数据库请使用服务器的备份工具（pg_dump）", "本功能只用于单机数据库文件")
        return db, path

    def default_folder(self) -> Path:
        from assetdesk.db.models import Setting

        row = Setting.get_or_none(Setting.key == "backup_folder")
        return Path(row.value) if row and row.value else default_backup_dir()

    def backup(self, dest: str | Path | None = None) -> Path:
        """Copy the open database (safe while in use). ``dest`` may be a folder or a file name."""
        db, source = self._require_sqlite()
        stamp = self.ctx.now().strftime("%Y%m%d-%H%M%S")
        target = Path(dest) if dest else self.default_folder()
        if target.is_dir() or not target.suffix:
            target.mkdir(parents=True, exist_ok=True)
            target = target / f"{source.stem}-{stamp}.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.resolve() == source.resolve():
            raise DatabaseError("备份文件不能与当前数据库是同一个文件", "请选择其他位置")
        sqlite_backup(db, target)
        self.ctx.audit("备份", "database", "", after={"file": str(target)})
        return target

    def auto_backup(self, folder: str | Path | None = None, keep: int = 30) -> Path:
        """Backup on exit into ``folder``, keeping the newest ``keep`` automatic copies."""
        folder = Path(folder) if folder else self.default_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = self.backup(folder / f"{AUTO_PREFIX}{self.ctx.now():%Y%m%d-%H%M%S}.db")
        for old in sorted(folder.glob(f"{AUTO_PREFIX}*.db"))[:-keep]:
            old.unlink(missing_ok=True)
        return path

    def restore(self, file: str | Path) -> Path:
        """Replace the open database with ``file`` after verifying it; returns the kept copy of the current one."""
        source = Path(file)
        db, current = self._require_sqlite()
        if not source.is_file():
            raise NotFoundError(f"备份文件“{source}”不存在", "请重新选择备份文件")
        verify_backup(source)
        kept = current.with_name(f"{current.stem}-before-restore-{self.ctx.now():%Y%m%d-%H%M%S}.db")
        sqlite_backup(db, kept)
        # SQLite's backup API copies the backup INTO the live database: every open connection (other
        # threads, other windows) sees the restored books, and no file is deleted under them.
        source_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            source_conn.backup(self.db.connection())
        finally:
            source_conn.close()
        self._reopen()
        self.ctx.clear_caches()
        self.ctx.audit("恢复备份", "database", "", after={"from": str(source), "kept": str(kept)})
        self._publish(DatabaseRestored())
        return kept


def verify_backup(path: Path) -> None:
    """A restorable file is an intact SQLite database holding AssetDesk books."""
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise DatabaseError(f"“{path}”不是 AssetDesk 备份文件", "请选择扩展名为 .db 的备份文件")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DatabaseError(f"备份文件“{path}”已损坏", "请选择另一个备份")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise DatabaseError(f"备份文件“{path}”已损坏", "请选择另一个备份") from None
    if not {"schema_version", "book", "voucher"} <= tables:
        raise DatabaseError(f"“{path}”不是 AssetDesk 的数据库", "请选择 AssetDesk 生成的备份文件")
