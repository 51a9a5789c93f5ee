"""Export of 100,000 journal lines vs a bare openpyxl write_only of the same values.

Target: the export (query + formatting: title, unit, header, frozen panes, widths, number
formats, formula escaping) within 1.3× the bare write of the same values.
Run: /work/venv/bin/python benchmarks/bench_export_journal.py [lines]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from assetdesk.excel import export_file
from assetdesk.excel.kinds import KINDS
from assetdesk.money import fen_to_decimal
from assetdesk.services import open_books
from assetdesk.services.vouchers import LineInput, VoucherInput

LINES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
LINES_PER_VOUCHER = 20


def post_journal(books) -> None:
    # accounts carrying 辅助核算 (112 by 往来单位) would need a record on every line: this journal uses the others
    leaves = [a.code for a in books.accounts.list_accounts() if a.is_leaf and a.is_active and not a.dimensions]
    cash, others = leaves[0], leaves[1:]
    items = []
    for n in range(LINES // LINES_PER_VOUCHER):
        day = dt.date(2025, 1 + n % 12, 1 + n % 28)
        lines = [LineInput.debit(others[(n + i) % len(others)], 100 + n + i, summary=f"摘要{n}-{i}")
                 for i in range(LINES_PER_VOUCHER - 1)]
        lines.append(LineInput.credit(cash, sum(l.debit_fen for l in lines), summary=f"摘要{n}"))
        items.append(VoucherInput(day, f"业务{n}", lines))
    books.vouchers.import_vouchers(items)


def bare_write(path: Path, rows: list[list]) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    ws = workbook.create_sheet("凭证")
    for row in rows:
        ws.append(row)
    workbook.save(path)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:7.2f} s")
    return elapsed, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        books = open_books(tmp / "books.db", clock=lambda: dt.datetime(2026, 1, 15, 9, 0))
        books.org.setup_book("兰花社区", "2025-01")
        timed(f"post {LINES:,} lines (import_vouchers)", lambda: post_journal(books))
        kind = KINDS["vouchers"]
        keys = [spec.key for spec in kind.written_columns]
        t_query, records = timed("query the journal lines (export_rows)", lambda: list(kind.export_rows(books, year=2025)))
        rows = [[fen_to_decimal(r[k]) if k in ("debit", "credit") and r[k] is not None else r[k] for k in keys]
                for r in records]
        t_bare, _ = timed("bare openpyxl write_only, same values", lambda: bare_write(tmp / "bare.xlsx", rows))
        t_export, path = timed("export_file(vouchers, year=2025)", lambda: export_file(books, "vouchers", tmp / "j.xlsx", year=2025))
        print(f"lines exported: {len(records):,}; file {path.stat().st_size / 1e6:.1f} MB")
        books.close()
        print()
        print(f"export / bare write          = {t_export / t_bare:5.2f}×   (target ≤ 1.3×)")
        print(f"export without query / bare  = {(t_export - t_query) / t_bare:5.2f}×")


if __name__ == "__main__":
    main()
