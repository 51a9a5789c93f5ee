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


# --- receipts ---------------------------------------------------------------------------------
@pytest.fixture
def billed(books, zhang):
    books.receivables.bill_due("lease", Period.parse("2025-03"))
    return zhang


def outstanding(books, payer):
    return [row.outstanding_fen for row in books.receivables.open_charges(payer)]


def test_partial_payment_settles_oldest_first(books, billed):
    receipt = pay(books, billed, "2025-03-05", 1500_00)
    assert outstanding(books, billed) == [500_00, 1000_00]
    assert [(a.due_on, a.amount_fen) for a in receipt.allocations] == [(day("2025-01-01"), 1000_00),
                                                                        (day("2025-02-01"), 500_00)]
    assert receipt.number == "00000001" and receipt.credit_fen == 0
    assert receipt.voucher_label.startswith("2025-03 记-")
    assert balance(books, "112", billed.id) == 1500_00
    assert balance(books, "10201") == 1500_00
    assert receipt.summary == "租金 2025-01-01至02-28"


def test_lump_sum_over_payment_becomes_credit_used_by_later_charges(books, billed):
    receipt = pay(books, billed, "2025-03-05", 3500_00, method="现金")
    assert outstanding(books, billed) == [] and receipt.credit_fen == 500_00
    assert books.receivables.credit_of(billed) == 500_00
    assert balance(books, "101") == 3500_00
    assert balance(books, "112", billed.id) == -500_00  # 预收 on 112's credit side
    books.receivables.bill_due("lease", Period.parse("2025-04"))
    second = pay(books, billed, "2025-04-02", 600_00)
    assert outstanding(books, billed) == []
    assert books.receivables.credit_of(billed) == 100_00
    assert second.credit_fen == 100_00
    assert balance(books, "112", billed.id) == -100_00
    row = books.receivables.charges_of("lease", 1)[3]
    assert (row.received_fen, row.outstanding_fen) == (1000_00, 0)


def test_receipt_numbers_are_consecutive_and_a_used_number_is_refused(books, billed):
    numbers = [pay(books, billed, "2025-03-05", 100_00).number for _ in range(3)]
    assert numbers == ["00000001", "00000002", "00000003"]
    assert books.receivables.next_receipt_number() == "00000004"
    assert books.receivables.receipt("2").number == "00000002"
    with pytest.raises(AssetDeskError, match="收据号 00000002 已使用"):
        pay(books, billed, "2025-03-05", 100_00, number="00000002")
    assert pay(books, billed, "2025-03-05", 100_00, number="00000100").number == "00000100"
    assert books.receivables.next_receipt_number() == "00000101"


def test_void_and_reissue_keeps_the_number_and_reopens_charges(books, billed):
    first = pay(books, billed, "2025-03-05", 2000_00)
    voided = books.receivables.void_receipt(first.number, day("2025-03-06"), "金额写错")
    assert voided.is_void and voided.void_reason == "金额写错" and voided.voided_on == day("2025-03-06")
    # the list still names the voucher it posted, and the one that reversed it
    assert voided.voucher_label.startswith(first.voucher_label + "，已由 2025-03 ")
    assert voided.voucher_label.endswith(" 冲销") and first.voucher_label
    assert outstanding(books, billed) == [1000_00, 1000_00, 1000_00]
    assert balance(books, "112", billed.id) == 3000_00 and balance(books, "10201") == 0
    with pytest.raises(AssetDeskError, match="收据号 00000001 已作废，不能再收款"):
        pay(books, billed, "2025-03-06", 2000_00, number="00000001")
    again = pay(books, billed, "2025-03-06", 2100_00)
    assert again.number == "00000002" and outstanding(books, billed) == [900_00]
    assert [r.number for r in books.receivables.receipts(billed)] == ["00000001", "00000002"]
    with pytest.raises(AssetDeskError, match="已经作废"):
        books.receivables.void_receipt("1", day("2025-03-06"), "再次")
    with pytest.raises(AssetDeskError, match="作废原因"):
        books.receivables.void_receipt("2", day("2025-03-06"), " ")


def test_void_refused_when_its_credit_was_used(books, billed):
    first = pay(books, billed, "2025-03-05", 3500_00)
    books.receivables.bill_due("lease", Period.parse("2025-04"))
    pay(books, billed, "2025-04-02", 600_00)
    with pytest.raises(AssetDeskError, match="已被后来的收款抵用"):
        books.receivables.void_receipt(first.number, day("2025-04-03"), "写错")


def test_explicit_charges_and_refusals(books, billed):
    third = books.receivables.open_charges(billed)[2]
    receipt = pay(books, billed, "2025-03-05", 1000_00, charge_ids=(third.id,))
    assert [a.charge_id for a in receipt.allocations] == [third.id]
    assert outstanding(books, billed) == [1000_00, 1000_00]
    with pytest.raises(AssetDeskError, match="大于零"):
        pay(books, billed, "2025-03-05", 0)
    with pytest.raises(AssetDeskError, match="收款方式"):
        pay(books, billed, "2025-03-05", 100, method="支票")
    with pytest.raises(AssetDeskError, match="不存在"):
        pay(books, Payer.counterparty(9999), "2025-03-05", 100)
    assert books.receivables.next_receipt_number() == "00000002"  # nothing written by the refusals


def test_import_receipts_twice_is_unchanged_and_a_clash_refused(books, billed):
    items = [ReceiptInput(billed, day("2025-01-03"), 1000_00, "现金", number="A-001"),
             ReceiptInput(billed, day("2025-02-03"), 1000_00, "现金", number="A-002")]
    assert books.receivables.import_receipts(items).created == 2
    result = books.receivables.import_receipts(items)
    assert (result.created, result.unchanged) == (0, 2)
    assert outstanding(books, billed) == [1000_00]
    clash = [ReceiptInput(billed, day("2025-02-03"), 999_00, "现金", number="A-002"),
             ReceiptInput(billed, day("2025-03-03"), 1000_00, "现金", number="A-003")]
    with pytest.raises(AssetDeskError, match="A-002"):
        books.receivables.import_receipts(clash)
    assert outstanding(books, billed) == [1000_00]  # the whole import refused
    assert books.receivables.next_receipt_number() == "00000001"


# --- credit on its own account, events, audit, check ------------------------------------------
def test_credit_kept_on_a_211_account_is_moved_by_its_own_voucher(books, billed):
    code = books.accounts.add_sub_account("211", "预收租金").code
    books.posting_rules.set_rule("receivable.prepaid", code)
    pay(books, billed, "2025-03-05", 3500_00)
    assert balance(books, code, billed.id) == -500_00 and balance(books, "112", billed.id) == 0
    books.receivables.bill_due("lease", Period.parse("2025-04"))
    used = pay(books, billed, "2025-04-02", 600_00)
    assert books.receivables.credit_of(billed) == 100_00
    assert balance(books, code, billed.id) == -100_00 and balance(books, "112", billed.id) == 0
    assert books.documents.voucher_of("credit_apply", 2)  # row 1 is the credit kept, 2 its use is not None
    assert books.check.run() == []
    books.receivables.void_receipt(used.number, day("2025-04-03"), "重开")
    assert books.receivables.credit_of(billed) == 500_00
    assert balance(books, code, billed.id) == -500_00 and balance(books, "112", billed.id) == 1000_00
    assert books.check.run() == []


def test_writes_are_announced_and_logged(books, zhang):
    from assetdesk.events import ReceivablesChanged

    seen = []
    books.ctx.events.subscribe(ReceivablesChanged, seen.append)
    run = books.receivables.bill_due("lease", Period.parse("2025-02"))
    books.receivables.undo_run(run.run_id, day("2025-02-28"))
    assert [e.source for e in seen] == ["lease", "lease"]
    actions = [a for (a,) in books.ctx.db.execute_sql("SELECT action FROM audit_entry ORDER BY id").fetchall()]
    assert "应收款项到期" in actions and "撤销应收到期" in actions
    assert books.check.run() == []


def test_credit_used_without_money_and_void_date_checked(books, billed):
    receipt = pay(books, billed, "2025-01-05", 3500_00)
    with pytest.raises(AssetDeskError, match="早于收款日期"):
        books.receivables.void_receipt(receipt.number, day("2025-01-04"), "写错")
    books.receivables.bill_due("lease", Period.parse("2025-05"))
    assert books.receivables.use_credit(billed, day("2025-05-02")) == 500_00
    assert outstanding(books, billed) == [500_00, 1000_00]
    assert books.receivables.credit_of(billed) == 0
    assert books.receivables.use_credit(billed, day("2025-05-02")) == 0
    assert balance(books, "112", billed.id) == 1500_00
    assert books.check.run() == []
