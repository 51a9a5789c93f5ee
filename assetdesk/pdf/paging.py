"""Splitting table rows into pages, with the ledger's 承前页 / 过次页 carry-forward rows.

Pure arithmetic, no drawing: the report knows every row's height, so it cuts pages itself and
builds one small table per page. That is what keeps a 10,000-line ledger as fast as a bare
reportlab table (a table that splits itself re-measures the rest of the rows at every page break).

Carry-forward follows 会计基础工作规范 §61: the 过次页 line at the foot of a page carries the
debit and credit totals from the start of the month to the end of the page — from the start of the
year for accounts that keep 本年累计 (the 损益 accounts) — and the balance; the same figures open the
next page as 承前页.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

CARRY_OUT = "过次页"
CARRY_IN = "承前页"
_EPSILON = 0.01


@dataclass(frozen=True)
class CarryForward:
    """Which columns a ledger's carry-forward rows fill (0-based column indexes).

    Totals add up the debit/credit cells of rows whose kind is in ``summed_kinds`` and restart
    after a row whose kind is in ``reset_after`` (本月合计 by default: month-to-date totals).
    With ``year_to_date`` they run from January instead: a 本年累计 row sets them to its own
    figures, and a line dated in a new year (read from ``date_column``, ISO text) restarts them.
    Balance and direction are those of the last row on the page that shows a balance.
    """

    label_column: int
    debit_column: int
    credit_column: int
    balance_column: int | None = None
    direction_column: int | None = None
    summed_kinds: tuple[str, ...] = ("line",)
    reset_after: tuple[str, ...] = ("month_total",)
    year_to_date: bool = False
    date_column: int = 0


def paginate(heights: Sequence[float], capacity: float, carry_height: float | None = None) -> list[range]:
    """Cut rows of the given heights into pages of at most ``capacity`` points.

    With ``carry_height`` every page but the first keeps room for a 承前页 row and every page but
    the last for a 过次页 row. A row taller than a page still gets a page of its own. Always at
    least one (possibly empty) page, so an empty report still prints its header.
    """
    pages: list[range] = []
    count = len(heights)
    remaining = float(sum(heights))
    start = 0
    while start < count or not pages:
        avail = capacity - (carry_height if (carry_height and pages) else 0.0)
        if remaining <= avail + _EPSILON:
            pages.append(range(start, count))
            break
        limit = avail - (carry_height or 0.0)
        end, used = start, 0.0
        while end < count and (used + heights[end] <= limit + _EPSILON or end == start):
            used += heights[end]
            end += 1
        pages.append(range(start, end))
        remaining -= used
        start = end
    return pages


@dataclass(frozen=True)
class CarryState:
    """Running figures at a page break."""

    debit: int = 0
    credit: int = 0
    balance: object = None
    direction: object = None


def carry_states(rows: Sequence, pages: Sequence[range], spec: CarryForward,
                 start: tuple[int, int] = (0, 0)) -> list[CarryState]:
    """The 过次页 figures at the end of every page but the last (one pass over the rows).

    ``rows`` are objects with ``cells`` and ``kind`` (report.Row); ``start`` is the debit and
    credit run up before the first row (a year-to-date carry of a ledger that starts in March).
    """
    states: list[CarryState] = []
    debit, credit = start
    balance = direction = None
    year = None
    for page in pages[:-1]:
        for index in page:
            row = rows[index]
            cells = row.cells
            if spec.year_to_date:
                row_year = str(cells[spec.date_column] or "")[:4]
                if row.kind in spec.summed_kinds and year is not None and row_year != year:
                    debit = credit = 0
                year = row_year or year
                if row.kind == "year_total":
                    debit, credit = _as_int(cells[spec.debit_column]), _as_int(cells[spec.credit_column])
            if row.kind in spec.summed_kinds:
                debit += _as_int(cells[spec.debit_column])
                credit += _as_int(cells[spec.credit_column])
            if spec.balance_column is not None and cells[spec.balance_column] not in (None, ""):
                balance = cells[spec.balance_column]
                if spec.direction_column is not None:
                    direction = cells[spec.direction_column]
            if row.kind in spec.reset_after and not spec.year_to_date:
                debit = credit = 0
        states.append(CarryState(debit, credit, balance, direction))
    return states


def carry_cells(state: CarryState, label: str, width: int, spec: CarryForward) -> list:
    """The cells of a 承前页 or 过次页 row."""
    cells: list = [None] * width
    cells[spec.label_column] = label
    cells[spec.debit_column] = state.debit
    cells[spec.credit_column] = state.credit
    if spec.balance_column is not None:
        cells[spec.balance_column] = state.balance
    if spec.direction_column is not None:
        cells[spec.direction_column] = state.direction
    return cells


def _as_int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
