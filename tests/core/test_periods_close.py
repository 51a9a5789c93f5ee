"""Month close (结账), reopen (反结账) and year-end closing."""
import datetime as dt

import pytest

from assetdesk.errors import InputError, PeriodError
from assetdesk.periods import Period
from tests.helpers import draft, post, rent_account


def test_months_close_in_order_and_current_period_moves(books):
    assert str(books.periods.current_period()) == "2025-01"
    with pytest.raises(PeriodError, match="2025-01 还没有结账"):
        books.periods.close("2025-02")
    books.periods.close("2025-01")
    assert str(books.periods.current_period()) == "2025-02"
    assert [r.status for r in books.periods.list_periods()][:2] == ["已结账", "未结账"]


def test_drafts_and_an_unbalanced_opening_block_closing(books):
    draft(books, "2025-01-09", "未完成", ("10201", 1_00))
    with pytest.raises(PeriodError, match="1 张凭证草稿"):
        books.periods.close("2025-01")
    books.vouchers.discard(books.vouchers.list_vouchers()[0].id)
    books.accounts.set_opening_balances({"10201": 5_00})
    with pytest.raises(PeriodError, match="试算不平衡"):
        books.periods.close("2025-01")


def test_reopen_needs_a_reason_and_is_logged(books):
    books.periods.close("2025-01")
    books.periods.close("2025-02")
    with pytest.raises(InputError, match="原因"):
        books.periods.reopen("2025-02", " ")
    with pytest.raises(PeriodError, match="2025-02 也已结账"):
        books.periods.reopen("2025-01", "补记")
    books.periods.reopen("2025-02", "漏记一笔租金")
    log = books.periods.log()
    assert (log[-1].action, log[-1].reason, str(log[-1].period), log[-1].user) == ("反结账", "漏记一笔租金", "2025-02", "测试会计")
    rent = rent_account(books)
    post(books, "2025-02-27", "补记租金", ("101", 5_00), (rent, -5_00))


def test_year_end_closes_income_and_expense_to_undistributed_profit(books):
    rent = rent_account(books)
    post(books, "2025-03-01", "收租金", ("10201", 10_000_00), (rent, -10_000_00))
    post(books, "2025-06-01", "维修", ("511", 2_500_00), ("10201", -2_500_00))
    post(books, "2025-07-01", "补助", ("10201", 1_000_00), ("503", -1_000_00))
    vouchers = books.periods.close_year(2025)
    assert [v.summary for v in vouchers] == ["结转2025年损益", "结转2025年本年收益"]
    december = Period(2025, 12)
    for code in (rent, "511", "503", "321"):
        assert books.ledger.balance(code, december) == 0
    assert books.ledger.balance("32202", december) == -8_500_00  # credit balance: profit 8,500.00
    with pytest.raises(PeriodError, match="已经做过年终结转"):
        books.periods.close_year(2025, on=dt.date(2025, 12, 31))
