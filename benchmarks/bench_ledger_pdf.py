"""A 10,000-line 明细账 through the PDF engine vs a bare reportlab LongTable of the same rows.

The engine adds the page frame (title, community, period, page N/M, signatures), 承前页/过次页
rows and total-row styling; the target is at most 1.3× the bare table with the same font.

    /work/venv/bin/python benchmarks/bench_ledger_pdf.py [rows]
"""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, SimpleDocTemplate

from assetdesk.money import format_amount
from assetdesk.pdf.fonts import register_cjk_font
from assetdesk.pdf.ledger import LEDGER_CARRY, LEDGER_COLUMNS
from assetdesk.pdf.report import ReportSpec, Row, Section, render_table_report

TARGET = 1.3


def ledger_rows(count: int) -> list[Row]:
    """A year of cash postings with 本月合计 / 本年累计 lines at each month end."""
    rows = [Row(("2025-01-01", "", "上年结转", None, None, "借", 5_000_000), "opening")]
    balance, start = 5_000_000, date(2025, 1, 1)
    per_month = count // 12 + 1
    for i in range(count):
        day = start + timedelta(days=i * 365 // count)
        debit, credit = (123_450 + i, 0) if i % 3 else (0, 98_760 + i)
        balance += debit - credit
        rows.append(Row((day.isoformat(), f"记-{i % 9999 + 1:04d}", f"收取商铺租金 第{i}笔",
                         debit, credit, "借", balance)))
        if i % per_month == per_month - 1:
            rows.append(Row(("", "", "本月合计", 1, 1, "借", balance), "month_total"))
            rows.append(Row(("", "", "本年累计", 1, 1, "借", balance), "year_total"))
    return rows


def engine(rows: list[Row], path: Path) -> None:
    spec = ReportSpec("明细分类账", "兰花社区股份经济合作社", "2025年1月—2025年12月",
                      columns=LEDGER_COLUMNS, sections=[Section(rows, "科目：101 库存现金")],
                      carry=LEDGER_CARRY, printed_on=date(2025, 12, 31))
    render_table_report(path, spec)


def bare(rows: list[Row], path: Path, row_height: float | None = None) -> None:
    """What a first attempt would do: one LongTable, repeated header, the same cells and font."""
    font = register_cjk_font().name
    header = [c[0] if isinstance(c, tuple) else c.header for c in LEDGER_COLUMNS]
    data = [header] + [[_text(v) for v in row.cells] for row in rows]
    widths = [w * (A4[0] - 28 * mm) / 165 for w in (21, 16, 54, 24, 24, 10, 24)]  # ≈ engine's
    heights = [row_height] * len(data) if row_height else None
    table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1,
                      style=[("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
                             ("GRID", (0, 0), (-1, -1), 0.4, "black"),
                             ("ALIGN", (3, 1), (-1, -1), "RIGHT")])
    SimpleDocTemplate(str(path), pagesize=A4).build([table])


def bare_fixed(rows: list[Row], path: Path) -> None:
    """The same LongTable told its row heights, so it need not measure every cell (a tuned baseline)."""
    bare(rows, path, row_height=16)


def _text(value: object) -> str:
    if isinstance(value, int):
        return format_amount(value) if value else ""
    return "" if value is None else str(value)


def timed(fn, rows, path: Path) -> float:
    begin = time.perf_counter()
    fn(rows, path)
    return time.perf_counter() - begin


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rows = ledger_rows(count)
    register_cjk_font()  # font loading is not part of either timing
    with tempfile.TemporaryDirectory() as folder:
        bare_s = timed(bare, rows, Path(folder) / "bare.pdf")
        fixed_s = timed(bare_fixed, rows, Path(folder) / "fixed.pdf")
        engine_s = timed(engine, rows, Path(folder) / "engine.pdf")
        sizes = [(Path(folder) / n).stat().st_size / 1e6 for n in ("bare.pdf", "engine.pdf")]
    ratio = engine_s / bare_s
    print(f"rows: {len(rows)}")
    print(f"bare reportlab LongTable: {bare_s:.2f} s ({sizes[0]:.1f} MB)")
    print(f"bare LongTable, fixed row heights: {fixed_s:.2f} s (engine/this = {engine_s / fixed_s:.2f}x)")
    print(f"AssetDesk ledger engine:  {engine_s:.2f} s ({sizes[1]:.1f} MB)")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'TOO SLOW'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
