"""Import of 50,000 counterparties: bare openpyxl read_only, bare calamine, full validated import.

Target: the full import (read + header detection + conversion + validation + classification +
one-transaction commit into a fresh SQLite database) within 1.5× the bare calamine read.
Run: /work/venv/bin/python benchmarks/bench_import_counterparties.py [rows]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

from assetdesk.excel import import_file
from assetdesk.services import open_books

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
HEADER = ["序号", "名称", "类型", "证件号码", "电话", "地址", "角色", "备注"]


def make_workbook(path: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    ws = workbook.create_sheet("往来单位及个人")
    ws.append(["兰花社区往来单位及个人名册"])
    ws.append(["单位：元"])
    ws.append(HEADER)
    for i in range(ROWS):
        kind = "单位" if i % 10 == 0 else "个人"
        ws.append([i + 1, f"住户{i:06d}", kind, f"1101011990{i:08d}", f"138{i:08d}", f"兰花小区{i % 96}栋{i % 7}单元",
                   "缴费人" if i % 3 else "承租方、缴费人", ""])
    ws.append(["合计"])
    ws.append(["填表人：张三", None, "审核人：李四"])
    workbook.save(path)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:7.2f} s")
    return elapsed, result


def bare_openpyxl(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True)
    count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
    workbook.close()
    return count


def bare_calamine(path: Path) -> int:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "counterparties.xlsx"
        timed(f"generate {ROWS:,} rows (openpyxl write_only)", lambda: make_workbook(path))
        print(f"file size {path.stat().st_size / 1e6:.1f} MB")
        t_openpyxl, _ = timed("bare openpyxl read_only read", lambda: bare_openpyxl(path))
        t_calamine, _ = timed("bare calamine read", lambda: bare_calamine(path))
        books = open_books(Path(tmp) / "books.db", clock=lambda: dt.datetime(2025, 3, 15, 9, 0))
        books.org.setup_book("兰花社区", "2025-01")
        t_preview, preview = timed("preview only (read+convert+validate+classify)",
                                   lambda: import_file(books, "counterparties", path, dry_run=True))
        t_import, result = timed("full import + commit (fresh SQLite)", lambda: import_file(books, "counterparties", path))
        assert result.new == ROWS and not result.errors, result.summary()
        t_again, again = timed("re-import same file (no changes)", lambda: import_file(books, "counterparties", path))
        assert again.unchanged == ROWS
        books.close()
        print()
        print(f"full import / bare calamine   = {t_import / t_calamine:5.2f}×   (target ≤ 1.5×)")
        print(f"full import / bare openpyxl   = {t_import / t_openpyxl:5.2f}×")
        print(f"preview     / bare calamine   = {t_preview / t_calamine:5.2f}×")
        print(f"calamine speed-up vs openpyxl = {t_openpyxl / t_calamine:5.2f}×")


if __name__ == "__main__":
    main()
