"""Import of a journal (序时账) of 50,000 lines (25,000 two-line vouchers, 112 lines naming their
tenant) into fresh books, against the bare openpyxl read_only read of the same file.

The import reads, finds the header, converts every cell, checks every line as the posting path
does (``posting_checks``: accounts, amounts, 辅助核算, open months), matches against the books and
posts through the same batch path as business documents (``VoucherWriter``) in one transaction.
Target (issue 10): ≤ 1.5× the bare read.

    python benchmarks/bench_import_vouchers.py [LINES]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from assetdesk.excel import import_file
from assetdesk.services import open_books
from assetdesk.services.org import CounterpartyInput

LINES = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
HEADER = ["日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "往来单位"]
CLOCK = dt.datetime(2025, 12, 31, 12, 0)


def make_workbook(path: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("序时账")
    sheet.append(["兰花社区序时账（2025年）"])
    sheet.append(HEADER)
    per_month: dict[int, int] = {}
    for v in range(LINES // 2):
        month = 1 + v * 12 // (LINES // 2)
        per_month[month] = per_month.get(month, 0) + 1
        day = dt.date(2025, month, 1 + v % 28)
        amount = 100 + v % 5000
        label = f"记-{per_month[month]}"
        sheet.append([day, label, "应收租金", "112", "应收款", amount, None, f"租户{v % 300:03d}"])
        sheet.append([day, label, "应收租金", "50101", "经营收入—租金收入", None, amount, None])
    workbook.save(path)


def fresh_books(path: Path):
    books = open_books(path, clock=lambda: CLOCK)
    books.org.setup_book("兰花社区", "2025-01")
    if "50101" not in {row.code for row in books.accounts.list_accounts()}:
        books.accounts.add_sub_account("501", "租金收入", "50101")
    books.org.upsert_counterparties([CounterpartyInput(f"租户{i:03d}", "单位") for i in range(300)])
    return books


def bare_read(path: Path) -> float:
    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - start


def full_import(path: Path, folder: Path) -> float:
    books = fresh_books(folder / f"books{time.perf_counter_ns()}.db")
    start = time.perf_counter()
    result = import_file(books, "vouchers", path)
    elapsed = time.perf_counter() - start
    assert books.vouchers.count_vouchers() == LINES // 2, result
    books.close()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = folder / "序时账.xlsx"
        make_workbook(workbook)
        read = min(bare_read(workbook) for _ in range(3))
        full = min(full_import(workbook, folder) for _ in range(3))
    print(f"journal lines: {LINES:,} ({LINES // 2:,} vouchers), best of 3")
    print(f"bare openpyxl read_only read: {read:.2f} s")
    print(f"full import (read, check, post in one transaction): {full:.2f} s")
    print(f"ratio import / bare read: {full / read:.2f}x (target ≤ 1.5)")


if __name__ == "__main__":
    main()
