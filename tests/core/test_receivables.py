"""The shared receivables engine: schedules, due-charge runs, receipts (DOMAIN §5)."""
from __future__ import annotations

import datetime as dt

import pytest

from assetdesk.errors import AssetDeskError
from assetdesk.periods import Period
from assetdesk.services.org import CounterpartyInput
from assetdesk.services.receivables import ChargeInput, Payer, ReceiptInput
from assetdesk.services.receivables.types import BILLED, DOC_CHARGES, PLANNED
from tests.helpers import day


def tenant(books, name: str = "张三") -> Payer:
    return Payer.counterparty(books.org.add_counterparty(CounterpartyInput(name, "个人", roles=("承租方",))).id)


def monthly(payer: Payer, months: int, amount: int = 1000_00, source_id: int = 1, start: str = "2025-01-01",
            source: str = "lease") -> list[ChargeInput]:
    first = day(start)
    result = []
    for i in range(months):
        y, m = first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1
        begin = dt.date(y, m, 1)
        end = (dt.date(y + m // 12, m % 12 + 1, 1)) - dt.timedelta(days=1)
        result.append(ChargeInput(source, source_id, i + 1, payer, begin, end, begin, amount))
    return result


def balance(books, code: str, counterparty_id: int | None = None) -> int:
    q = books.ctx.db.param
    sql = ("SELECT COALESCE(SUM(l.amount_fen), 0) FROM voucher_line l JOIN account a ON a.id = l.account_id"
           f" WHERE l.posted = {q} AND a.code LIKE {q}")
    params: list = [True, code + "%"]
    if counterparty_id is not None:
        sql += f" AND l.counterparty_id = {q}"
        params.append(counterparty_id)
    return int(books.ctx.db.execute_sql(sql, params).fetchone()[0])


def pay(books, payer, on, amount, method="转账", **kw):
    return books.receivables.receive(ReceiptInput(payer, day(on), amount, method, **kw))


@pytest.fixture
def zhang(books):
    payer = tenant(books)
    books.receivables.replace_planned("lease", 1, monthly(payer, 6))
    return payer


def test_run_bills_due_charges_one_voucher_per_month_and_is_idempotent(books, zhang):
    result = books.receivables.bill_due("lease", Period.parse("2025-03"))
    assert (result.charges, result.total_fen, result.periods) == (3, 3000_00, ("2025-01", "2025-02", "2025-03"))
    assert result.first_voucher.startswith("2025-01 ") and result.last_voucher.startswith("2025-03 ")
    states = [row.state for row in books.receivables.charges_of("lease", 1)]
    assert states == [BILLED] * 3 + [PLANNED] * 3
    assert balance(books, "112", zhang.id) == 3000_00
    assert balance(books, "501") == -3000_00
    again = books.receivables.bill_due("lease", Period.parse("2025-03"))
    assert again.run_id is None and again.charges == 0
    assert balance(books, "112", zhang.id) == 3000_00
    voucher = books.vouchers.get(books.documents.voucher_of(DOC_CHARGES, 1))
    assert voucher.summary == "应收租金 2025-01（1笔）"
    assert voucher.lines[0].summary == "租金 张三 2025-01-01至01-31"


def test_open_charges_oldest_first_and_replace_keeps_billed(books, zhang):
    books.receivables.bill_due("lease", Period.parse("2025-02"))
    books.receivables.replace_planned("lease", 1, monthly(zhang, 6, amount=1200_00))
    rows = books.receivables.charges_of("lease", 1)
    assert [r.amount_fen for r in rows] == [1000_00, 1000_00] + [1200_00] * 4
    assert [r.due_on for r in books.receivables.open_charges(zhang)] == [day("2025-01-01"), day("2025-02-01")]
    assert books.receivables.cancel_planned("lease", 1, day("2025-04-30")) == 2
    assert [r.state for r in books.receivables.charges_of("lease", 1)][-2:] == ["cancelled", "cancelled"]


def test_undo_run_reverses_and_plans_again(books, zhang):
    run = books.receivables.bill_due("lease", Period.parse("2025-02"))
    books.receivables.undo_run(run.run_id, day("2025-02-28"))
    assert balance(books, "112", zhang.id) == 0
    assert all(r.state == PLANNED for r in books.receivables.charges_of("lease", 1))
    again = books.receivables.bill_due("lease", Period.parse("2025-02"))
    assert again.charges == 2 and balance(books, "112", zhang.id) == 2000_00


def test_undo_run_refused_once_paid(books, zhang):
    run = books.receivables.bill_due("lease", Period.parse("2025-02"))
    pay(books, zhang, "2025-01-10", 500_00)
    with pytest.raises(AssetDeskError, match="不能整批撤销"):
        books.receivables.undo_run(run.run_id)
