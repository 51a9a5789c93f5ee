"""Rows of a journal sheet that are not what the generic reader takes them for.

- A line is data whatever its 摘要 says: 合计支付保洁费（1-3月）, 一季度电费合计, 备注：押金转收入 and
  小计：现金付讫 open like totals and notes, and the reader, which judges a row by its first words,
  leaves them out; a row that names an account and carries an amount is read back here, so no line
  of a voucher is silently lost.
- A row that names no account and no voucher is a total or a page break when its text is only that:
  本月合计 / 本年累计 (also with the 月 beside it, as 用友 prints them), 过次页 / 承前页 between
  printed pages; and the page title (序时账) printed again above a repeated header is no row at all.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .base import ColumnSpec, ParsedRow, RowError
from .journal import given

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid

ACCOUNT_KEYS = ("code", "account_name")
_AMOUNT_KEYS = ("debit", "credit", "amount")
_TOTAL_RE = re.compile(r"^(?:本月合计|本年累计|本期合计|本日合计|本年合计|本页合计|本页小计|合计|小计|总计|累计"
                       r"|过次页|承前页|承上页|转下页|转次页|上页转来|转入下页)[:：]?$")
_SPACES_RE = re.compile(r"\s+")


def journal_rows(grid: Grid, layout: Layout, columns: Sequence[ColumnSpec], rows: list[ParsedRow],
                 errors: list[RowError]) -> tuple[list[ParsedRow], list[RowError]]:
    """The reader's ``rows`` and cell ``errors`` with totals, page breaks and repeated titles taken
    out and lines left out for their 摘要 put back, in sheet order."""
    titles = {_plain(cell) for line in grid.rows[: layout.header_rows[0]] for cell in line if isinstance(cell, str)}
    titles.discard("")
    at = {spec.key: col for col, spec, _ in layout.mapping}
    keys = [at[key] for key in (*ACCOUNT_KEYS, "number") if key in at]
    # most rows name an account or a voucher: one look at those cells settles them
    dropped = {row.row for row in rows
               if not any(_filled(row.raw, col) for col in keys) and _not_a_line(row, titles)}
    if dropped:
        rows = [row for row in rows if row.row not in dropped]
        errors = [error for error in errors if error.sheet != grid.name or error.row not in dropped]
    rescued, failed = _rescued(grid, layout, columns, rows, dropped)
    if rescued:
        rows = sorted(rows + rescued, key=lambda row: row.row)
        errors = errors + failed
    return rows, errors


def _plain(text: Any) -> str:
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", str(text or "")))


def _not_a_line(row: ParsedRow, titles: set[str]) -> bool:
    if any(given(row, key) for key in ACCOUNT_KEYS) or given(row, "number"):
        return False
    texts = [_plain(cell) for cell in row.raw if isinstance(cell, str) and cell.strip()]
    if titles and texts and all(text in titles for text in texts) \
            and not any(isinstance(c, (int, float)) for c in row.raw):
        return True  # the page title printed again
    return not given(row, "day") and any(_TOTAL_RE.match(text) for text in texts)


def _rescued(grid: Grid, layout: Layout, columns: Sequence[ColumnSpec], rows: Sequence[ParsedRow], dropped: set[int]
             ) -> tuple[list[ParsedRow], list[RowError]]:
    """Rows the reader left out that name an account and carry an amount, converted as it would."""
    from assetdesk.excel.reader import skip_reason

    at = {spec.key: col for col, spec, _ in layout.mapping}
    accounts = [at[key] for key in ACCOUNT_KEYS if key in at]
    amounts = [at[key] for key in _AMOUNT_KEYS if key in at]
    if not accounts or not amounts:
        return [], []
    taken = {row.row for row in rows} | dropped
    where = layout.where()
    # a second table further down the sheet (another header) is read by its own columns: stop there
    until = min((row.row for row in rows if row.where != where), default=len(grid.rows) + 1)
    header = grid.rows[layout.header_rows[-1]]
    picked = []
    for index in range(layout.data_start, min(until - 1, len(grid.rows))):
        if index + 1 in taken:
            continue
        cells = grid.rows[index]
        named = [cells[col] for col in accounts if _filled(cells, col) and cells[col] != _at(header, col)]
        if named and any(_filled(cells, col) for col in amounts) and all(skip_reason([cell]) is None for cell in named):
            picked.append((index + 1, cells))
    return _converted(grid, layout, columns, picked, where) if picked else ([], [])


def _converted(grid: Grid, layout: Layout, columns: Sequence[ColumnSpec], picked: Sequence[tuple[int, Sequence[Any]]],
               where: dict) -> tuple[list[ParsedRow], list[RowError]]:
    from assetdesk.excel.convert import convert_column  # here: convert imports the kinds (an import cycle)

    title = " ".join(str(cell).strip() for line in grid.rows[: layout.header_rows[0]] for cell in line
                     if cell is not None and str(cell).strip())
    records: list[dict[str, Any]] = [{spec.key: spec.empty_value for spec in columns} for _ in picked]
    failures = []
    for col, spec, factor in layout.mapping:
        values, bad = convert_column(spec, [_at(cells, col) for _, cells in picked], factor)
        for record, value in zip(records, values):
            record[spec.key] = value
        failures += [(index, spec.key, reason) for index, reason in bad]
    rows = [ParsedRow(grid.name, number, record, cells, where, "", title)
            for (number, cells), record in zip(picked, records)]
    return rows, [rows[index].error(key, reason) for index, key, reason in failures]


def _at(cells: Sequence[Any], col: int) -> Any:
    return cells[col] if col < len(cells) else None


def _filled(cells: Sequence[Any], col: int) -> bool:
    cell = _at(cells, col)
    return cell is not None and not (isinstance(cell, str) and not cell.strip())
