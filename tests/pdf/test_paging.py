"""Pagination and carry-forward arithmetic (no drawing)."""
from __future__ import annotations

from assetdesk.pdf.paging import CarryForward, carry_states, paginate
from assetdesk.pdf.report import Row


def test_rows_fill_pages_without_carry():
    assert paginate([10] * 25, 100) == [range(0, 10), range(10, 20), range(20, 25)]


def test_carry_rows_take_room_on_every_page_but_the_ends():
    pages = paginate([10] * 25, 100, carry_height=10)
    # first page: 9 rows + 过次页; middle: 承前页 + 8 rows + 过次页; last: 承前页 + rest
    assert [len(p) for p in pages] == [9, 8, 8]
    assert sum(len(p) for p in pages) == 25


def test_last_page_needs_no_carry_out_row():
    assert paginate([10] * 10, 100, carry_height=10) == [range(0, 10)]


def test_empty_report_still_has_one_page():
    assert paginate([], 100) == [range(0, 0)]


def test_row_taller_than_a_page_gets_a_page_of_its_own():
    assert paginate([150, 10], 100) == [range(0, 1), range(1, 2)]


def test_carry_totals_are_month_to_date_and_restart_after_month_total():
    spec = CarryForward(label_column=0, debit_column=1, credit_column=2, balance_column=3)
    rows = [Row(("期初", None, None, 100), "opening"),
            Row(("a", 10, 0, 110)), Row(("b", 0, 5, 105)),
            Row(("本月合计", 10, 5, 105), "month_total"),
            Row(("c", 7, 0, 112))]
    states = carry_states(rows, [range(0, 3), range(3, 4), range(4, 5)], spec)
    assert [(s.debit, s.credit, s.balance) for s in states] == [(10, 5, 105), (0, 0, 105)]
