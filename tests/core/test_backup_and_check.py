"""Backups, restore, and the integrity check that an auditor relies on."""
import datetime as dt
import sqlite3

import pytest

from assetdesk.errors import DatabaseError
from tests.helpers import post, rent_account


@pytest.fixture
def file_books(tmp_path):
    from tests.conftest import _open

    books = _open(tmp_path / "books.db")
    yield books
    books.close()


def test_backup_then_restore_brings_back_the_books_and_keeps_the_current_file(file_books, tmp_path):
    rent = rent_account(file_books)
    post(file_books, "2025-01-05", "收租金", ("102", 500_00), (rent, -500_00))
    copy = file_books.backup.backup(tmp_path / "backups")
    assert copy.parent == tmp_path / "backups" and copy.suffix == ".db"
    post(file_books, "2025-01-06", "第二笔", ("102", 1_00), (rent, -1_00))
    kept = file_books.backup.restore(copy)
    assert kept.exists() and "before-restore" in kept.name
    assert file_books.vouchers.count_vouchers() == 1
    post(file_books, "2025-01-07", "恢复后继续记账", ("101", 1_00), (rent, -1_00))
    assert file_books.vouchers.count_vouchers() == 2


def test_restore_refuses_a_file_that_is_not_a_backup(file_books, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all")
    with pytest.raises(DatabaseError, match="不是 AssetDesk 备份文件"):
        file_books.backup.restore(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseError, match="不是 AssetDesk 的数据库"):
        file_books.backup.restore(other)
    assert file_books.is_initialised()


def test_automatic_backups_keep_the_newest(file_books, tmp_path):
    folder = tmp_path / "auto"
    for day in range(1, 6):
        file_books.ctx.clock = lambda day=day: dt.datetime(2025, 3, day, 10, 0)
        file_books.backup.auto_backup(folder, keep=3)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["assetdesk-auto-20250303-100000.db", "assetdesk-auto-20250304-100000.db",
                     "assetdesk-auto-20250305-100000.db"]


def test_check_passes_on_sound_books_and_reports_tampering(file_books):
    rent = rent_account(file_books)
    post(file_books, "2025-01-05", "收租金", ("102", 500_00), (rent, -500_00))
    file_books.periods.close("2025-01")
    assert file_books.check.run() == []
    db = file_books.ctx.db
    db.execute_sql("UPDATE voucher_line SET amount_fen = 400 WHERE seq = 1")  # someone edited the file
    db.execute_sql("UPDATE voucher SET number = number + 1")  # as if a voucher came into January after closing
    messages = [f.message for f in file_books.check.run()]
    assert any("借贷不平衡" in m for m in messages)
    assert any("试算" in m or "借贷合计" in m for m in messages)
    assert any("已结账" in m for m in messages)
    assert any("科目月度汇总" in m for m in messages)


def test_restore_from_a_worker_thread_is_seen_by_the_main_thread(file_books, tmp_path):
    import threading

    rent = rent_account(file_books)
    post(file_books, "2025-01-05", "收租金", ("102", 500_00), (rent, -500_00))
    copy = file_books.backup.backup(tmp_path / "b")
    post(file_books, "2025-01-06", "第二笔", ("102", 1_00), (rent, -1_00))
    errors = []

    def restore():
        try:
            file_books.backup.restore(copy)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=restore)
    worker.start()
    worker.join()
    assert errors == []
    assert file_books.vouchers.count_vouchers() == 1


def test_restoring_an_older_version_backup_upgrades_it(file_books, tmp_path):
    import shutil
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parents[1] / "migrations" / "fixtures" / "schema_v1.db", old)
    file_books.backup.restore(old)
    assert file_books.vouchers.count_vouchers() == 2
    assert file_books.ledger.trial_balance("2025-01").balanced
    assert file_books.check.run() == []
