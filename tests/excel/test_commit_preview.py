"""The wizard's import commits the rows it checked: the file is read once, unless the clerk saved
it again in between; the books are checked again either way."""
from __future__ import annotations

import os

import openpyxl
import pytest

from assetdesk.excel import ImportFileChangedError, ImportRejectedError, commit_preview, import_file
from assetdesk.id_numbers import with_resident_check

from .helpers import make_workbook

ZHANG = with_resident_check("53080219880101008")
LI = with_resident_check("53080219900307123")
HEADER = ["序号", "姓名", "身份证号", "联系电话", "角色"]


def names(books):
    return sorted((cp.name, cp.phone) for cp in books.org.list_counterparties())


def test_the_checked_rows_are_imported_without_reading_the_file_again(books, tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "往来.xlsx", [HEADER, [1, "张三", ZHANG, "13800000001", "缴费人"],
                                                   [2, "李四", LI, "13800000002", "承租方"]])
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert names(books) == [] and preview.new == 2

    from assetdesk.excel import reader
    monkeypatch.setattr(reader, "read_grids", lambda *args, **kwargs: pytest.fail("file read again"))
    result = commit_preview(books, preview)
    assert result.committed and result.new == 2
    assert names(books) == [("张三", "13800000001"), ("李四", "13800000002")]


def test_a_file_saved_again_after_the_check_is_checked_anew_and_not_imported(books, tmp_path):
    """Rows the clerk was not shown are never imported: the new check comes back instead."""
    path = make_workbook(tmp_path / "往来.xlsx", [HEADER, [1, "张三", ZHANG, "13800000001", "缴费人"]])
    preview = import_file(books, "counterparties", path, dry_run=True)
    make_workbook(path, [HEADER, [1, "张三", ZHANG, "13900000009", "缴费人"], [2, "李四", LI, "", "承租方"]])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later save, even on a coarse clock
    with pytest.raises(ImportFileChangedError) as caught:
        commit_preview(books, preview)
    assert names(books) == []
    assert "修改过" in caught.value.message and caught.value.preview.new == 2
    assert commit_preview(books, caught.value.preview).new == 2  # the new check, once looked over, imports
    assert names(books) == [("张三", "13900000009"), ("李四", "")]


def test_books_changed_since_the_check_are_seen_at_commit(books, tmp_path):
    """Another import (or the clerk on another screen) added 张三 with the same ID under a
    different name: the checked file would now be a namesake clash or an update, never a blind add."""
    path = make_workbook(tmp_path / "往来.xlsx", [HEADER, [1, "张三", ZHANG, "13800000001", "缴费人"]])
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert preview.new == 1
    other = make_workbook(tmp_path / "另一份.xlsx", [HEADER, [1, "张三", ZHANG, "13700000007", "缴费人"]])
    import_file(books, "counterparties", other)
    result = commit_preview(books, preview)
    assert (result.new, result.changed) == (0, 1)
    assert names(books) == [("张三", "13800000001")]


def test_an_error_found_only_at_commit_imports_nothing(books, tmp_path):
    """张三 without an ID number was new at the check; since then two people named 张三 came in:
    which one the row means cannot be told, so the whole file is refused and nothing written."""
    path = make_workbook(tmp_path / "往来.xlsx", [HEADER, [1, "张三", "", "13800000001", "缴费人"],
                                                   [2, "李四", LI, "13800000002", "承租方"]])
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert preview.ok and preview.new == 2
    namesakes = make_workbook(tmp_path / "同名.xlsx", [HEADER, [1, "张三", ZHANG, "", "缴费人"],
                                                       [2, "张三", with_resident_check("53080219990909001"), "", "缴费人"]])
    import_file(books, "counterparties", namesakes)
    before = names(books)
    with pytest.raises(ImportRejectedError) as caught:
        commit_preview(books, preview)
    assert "张三" in str(caught.value.preview.errors[0]) and names(books) == before


def big_workbook(path, count):
    """As Excel saves a sheet: with its size declared (<dimension ref="A1:E4501"/>)."""
    return make_workbook(path, [HEADER] + [[i + 1, f"住户{i:05d}", "", "", "缴费人"] for i in range(count)])


def test_a_long_read_reports_how_far_it_got(books, tmp_path):
    heard = []
    preview = import_file(books, "counterparties", big_workbook(tmp_path / "大.xlsx", 4_500), dry_run=True,
                          progress=lambda done, total: heard.append((done, total)))
    assert preview.ok and preview.new == 4_500
    assert [done for done, _ in heard] == [2_000, 4_000, 4_501]  # every 2,000 rows, then the end (header too)
    assert all(total == 4_501 for _, total in heard)  # the rows the file declares
    unsized = tmp_path / "无尺寸.xlsx"  # openpyxl's write-only files declare no size
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("往来")
    for row in [HEADER] + [[i + 1, f"住户{i:05d}", "", "", "缴费人"] for i in range(2_500)]:
        sheet.append(row)
    workbook.save(unsized)
    heard.clear()
    import_file(books, "counterparties", unsized, dry_run=True, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(2_000, 0), (2_501, 0)]  # 0: not known, never a bar at 100 % from the start


def test_a_cancel_during_the_read_stops_it_and_comes_out_as_raised(books, tmp_path):
    class Cancelled(Exception):
        pass

    def cancel(done, total):
        raise Cancelled()

    with pytest.raises(Cancelled):  # not taken for a broken file, nor read again by the other reader
        import_file(books, "counterparties", big_workbook(tmp_path / "大.xlsx", 2_500), progress=cancel)
    assert names(books) == []
