"""The 凭证 list and the ledgers on 1,000,000 posted lines: first rows, sort and filter through the
same ``TableModel`` and service calls the pages use. Target: each ≤ 300 ms.

Setup writes 500,000 two-line vouchers (24 months) straight through ``books.ctx.db`` with
``executemany``, mirroring the columns ``VoucherService`` writes (voucher + voucher_line with
period_key, date_on, posted, is_debit), then times what the clerk waits for on screen.

    /work/venv/bin/python benchmarks/bench_ui_lists.py [lines] [--keep PATH]
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 300
CHUNK = 50_000
SUMMARIES = ("收商铺租金", "收物业费", "支付维修费", "发放干部报酬", "提取备用金", "收到项目资金")


def build(path: Path, lines: int):
    from assetdesk.services import open_books

    books = open_books(path, clock=lambda: dt.datetime(2025, 12, 31, 17, 0))
    books.org.setup_book("兰花社区", "2024-01")
    bank, rent, fee = "10201", "50101", "50102"  # 基本存款户, 租金收入, 物业服务收入: new books start with them
    repair = books.accounts.add_sub_account("511", "设施维修").code
    ids = {code: books.accounts.get(code).id for code in (bank, rent, fee, repair, "101", "51301")}
    pairs = [(bank, rent), (bank, fee), (repair, bank), ("51301", "101"), ("101", bank), (bank, rent)]
    vouchers = lines // 2
    months = [(2024 + m // 12, m % 12 + 1) for m in range(24)]
    per_month = vouchers // len(months) + 1
    db = books.ctx.db
    p = db.param
    v_sql = (f"INSERT INTO voucher (id, period_key, number, word, date_on, summary, attachments, preparer, reviewer,"
             f" status, source, created_at, posted_at, debit_fen, search_text) VALUES ({', '.join([p] * 15)})")
    l_sql = (f"INSERT INTO voucher_line (voucher_id, seq, account_id, summary, amount_fen, is_debit, period_key,"
             f" date_on, posted) VALUES ({', '.join([p] * 9)})")
    now = dt.datetime(2025, 12, 31, 17, 0)
    started = time.perf_counter()
    with db.atomic():
        v_rows, l_rows = [], []
        for n in range(vouchers):
            year, month = months[min(n // per_month, len(months) - 1)]
            number = n - (n // per_month) * per_month + 1
            day = dt.date(year, month, 1 + number * 28 // (per_month + 1))
            kind = n % len(pairs)
            summary = f"{SUMMARIES[kind]} 第{n}号"
            amount = 10_00 + (n * 7919) % 5_000_00
            vid = n + 1
            v_rows.append((vid, year * 100 + month, number, "记", day, summary, 1, "会计", "", "posted", "", now, now,
                           amount, summary))
            debit, credit = pairs[kind]
            l_rows.append((vid, 1, ids[debit], summary, amount, True, year * 100 + month, day, True))
            l_rows.append((vid, 2, ids[credit], summary, -amount, False, year * 100 + month, day, True))
            if len(l_rows) >= CHUNK:
                db.cursor().executemany(v_sql, v_rows)
                db.cursor().executemany(l_sql, l_rows)
                v_rows, l_rows = [], []
        if v_rows:
            db.cursor().executemany(v_sql, v_rows)
            db.cursor().executemany(l_sql, l_rows)
    books.ledger.rebuild_totals()  # what posting keeps in step line by line (account × month totals)
    db.execute_sql("ANALYZE")
    print(f"setup: {vouchers:,} vouchers / {vouchers * 2:,} posted lines in {time.perf_counter() - started:.1f} s")
    return books, bank


def timed(label: str, fn, results: list) -> object:
    started = time.perf_counter()
    value = fn()
    ms = (time.perf_counter() - started) * 1000
    results.append((label, ms))
    print(f"{label:<52} {ms:8.1f} ms  {'ok' if ms <= TARGET_MS else 'SLOW'}")
    return value


def main(argv: list[str]) -> int:
    lines = int(argv[1]) if len(argv) > 1 and argv[1].isdigit() else 1_000_000
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from assetdesk.periods import Period
    from assetdesk.services.vouchers import VoucherFilter
    from ui.bridge import EventBridge
    from ui.pages.books_page import BooksPage
    from ui.pages.vouchers_page import VouchersPage

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="assetdesk-bench-"))
    path = Path(keep) if keep else folder / "bench.db"
    if path.exists():
        from assetdesk.services import open_books
        books, bank = open_books(path), "10201"
    else:
        books, bank = build(path, lines)
    bridge = EventBridge(books.events)
    results: list = []

    page = timed("凭证 page built, first page shown (newest first)", lambda: VouchersPage(books, bridge), results)
    model, table = page.model, page.table
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    print(f"    rows loaded {model.rowCount()}, total {model.total_count():,}")
    timed("scroll: fetch the next page", lambda: model.fetchMore(), results)
    timed("sort by 日期 ascending", lambda: table.sortByColumn(model.column_index("date_on"), Qt.SortOrder.AscendingOrder), results)
    timed("sort by 凭证号 descending", lambda: table.sortByColumn(model.column_index("label"), Qt.SortOrder.DescendingOrder), results)
    timed("sort by 金额 descending", lambda: table.sortByColumn(model.column_index("debit_fen"), Qt.SortOrder.DescendingOrder), results)
    table.sortByColumn(model.column_index("label"), Qt.SortOrder.DescendingOrder)
    timed("filter: period 2025-06", lambda: model.set_filter(VoucherFilter(period=Period(2025, 6))), results)
    timed("filter: 摘要 contains “维修费 第4” (all periods)", lambda: model.set_filter(VoucherFilter(text="维修费 第4")), results)
    timed("filter: amount 1,234.56 (all periods)", lambda: model.set_filter(VoucherFilter(amount_fen=1_234_56)), results)
    timed("filter: account 513 in 2025-06", lambda: model.set_filter(VoucherFilter(period=Period(2025, 6), account_code="513")), results)

    ledger = BooksPage(books, bridge)
    ledger.resize(1200, 800)
    ledger.show()
    timed(f"明细账 {bank} 2025-06 (≈{lines // 2 // 24 * 4 // 6:,} lines) on screen",
          lambda: ledger.show_ledger(bank, Period(2025, 6), Period(2025, 6)), results)
    print(f"    ledger rows {ledger.ledger_model.rowCount():,}")
    ledger.bank_tab.range.start.set_period(Period(2025, 6))
    ledger.bank_tab.range.end.set_period(Period(2025, 6))
    timed("银行存款日记账 2025-06 on screen", lambda: ledger.load_journal(ledger.bank_tab), results)
    ledger.tb_range.start.set_period(Period(2025, 6))
    ledger.tb_range.end.set_period(Period(2025, 6))
    timed("科目余额表 2025-06 on screen", ledger.load_trial_balance, results)

    slow = [label for label, ms in results if ms > TARGET_MS]
    print(f"{len(results) - len(slow)}/{len(results)} within {TARGET_MS} ms" + (f"; slow: {', '.join(slow)}" if slow else ""))
    bridge.detach()
    books.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
