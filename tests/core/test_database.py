"""Opening databases: defaults, URLs, and the refusals a clerk may meet (corrupt, newer, locked)."""
import sqlite3

import pytest

from assetdesk.db.connection import resolve_target
from assetdesk.errors import DatabaseError
from assetdesk.services import open_books
from tests.conftest import fixed_clock
from tests.helpers import post


def test_targets_from_paths_urls_and_environment(tmp_path, monkeypatch):
    assert resolve_target(tmp_path / "a.db").path == tmp_path / "a.db"
    assert resolve_target("sqlite:///" + str(tmp_path / "b.db")).path == tmp_path / "b.db"
    assert resolve_target("postgresql://u:secret@h/db").display == "postgresql://u:***@h/db"
    monkeypatch.setenv("ASSETDESK_DB", str(tmp_path / "env.db"))
    assert resolve_target(None).path == tmp_path / "env.db"
    monkeypatch.delenv("ASSETDESK_DB")
    assert resolve_target(None).path.name == "assetdesk.db"
    with pytest.raises(DatabaseError, match="无法识别"):
        resolve_target("mysql://x")


def test_sqlite_is_opened_with_wal_and_foreign_keys(tmp_path):
    books = open_books(tmp_path / "w.db", clock=fixed_clock)
    assert books.ctx.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert books.ctx.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    books.close()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseError, match="不是 AssetDesk 数据库文件"):
        open_books(bad, clock=fixed_clock)
    assert bad.read_text(encoding="utf-8") == "这不是数据库"


def test_a_corrupt_database_is_refused(tmp_path):
    path = tmp_path / "c.db"
    books = open_books(path, clock=fixed_clock)
    books.org.setup_book("兰花社区", "2025-01")
    books.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="损坏"):
        open_books(path, clock=fixed_clock)


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "n.db"
    open_books(path, clock=fixed_clock).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        open_books(path, clock=fixed_clock)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 99
    conn.close()


def test_a_locked_database_gives_a_clear_message_and_writes_nothing(tmp_path):
    path = tmp_path / "l.db"
    books = open_books(path, clock=fixed_clock)
    books.org.setup_book("兰花社区", "2025-01")
    books.ctx.db.execute_sql("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError, match="正被另一个程序占用"):
            post(books, "2025-01-02", "收现金", ("101", 1_00), ("301", -1_00))
    finally:
        other.rollback()
        other.close()
    assert books.vouchers.count_vouchers() == 0
    books.close()
