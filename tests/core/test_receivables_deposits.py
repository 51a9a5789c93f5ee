"""Deposits, offsets, write-offs, adjustments, arrears and the reconciliation of the receivables engine."""
from __future__ import annotations

import pytest

from assetdesk.db.models import Lease
from assetdesk.errors import AssetDeskError
from assetdesk.periods import Period
from assetdesk.services.receivables import Payer
from assetdesk.services.receivables.reconcile import receivables_reconciliation
from assetdesk.services.vouchers import LineInput, VoucherInput
from tests.core.test_receivables import balance, monthly, outstanding, pay, tenant
from tests.helpers import day


@pytest.fixture
def lease(books):
    payer = tenant(books, "李四商行")
    row = Lease.create(number="ZL-2025-001", tenant=payer.id, start_on=day("2025-01-01"), end_on=day("2027-12-31"),
                       basis="元/月", rent_fen=1000_00, deposit_fen=3000_00, created_at=books.ctx.now())
    books.receivables.replace_planned("lease", row.id, [
        c.__class__(**{**c.__dict__, "lease_id": row.id}) for c in monthly(payer, 24, source_id=row.id)])
    return row


def payer_of(lease) -> Payer:
    return Payer.counterparty(lease.tenant_id)


def reconciled(books) -> list:
    return [r for r in receivables_reconciliation(books.ctx) if not r.agrees]


def test_deposit_received_applied_refunded(books, lease):
    receipt = books.receivables.receive_deposit(lease.id, 3000_00, day("2025-01-02"), "转账")
    assert receipt.purpose == "deposit" and receipt.number == "00000001"
    assert receipt.voucher_label.startswith("2025-01 记-")
    assert balance(books, "21101", lease.tenant_id) == -3000_00
    books.receivables.bill_due("lease", Period.parse("2025-03"))
    applied = books.receivables.apply_deposit(lease.id, day("2025-03-20"), 1500_00)
    assert applied == 1500_00
    assert outstanding(books, payer_of(lease)) == [500_00, 1000_00]
    assert books.receivables.charges_of("lease", lease.id)[0].deposit_fen == 1000_00
    with pytest.raises(AssetDeskError, match="退还押金 ¥1,600.00 超过押金余额 ¥1,500.00"):
        books.receivables.refund_deposit(lease.id, 1600_00, day("2025-03-31"), "现金")
    books.receivables.refund_deposit(lease.id, 1500_00, day("2025-03-31"), "现金")
    state = books.receivables.deposit_state(lease.id)
    assert (state.required_fen, state.received_fen, state.applied_fen, state.refunded_fen, state.held_fen) == (
        3000_00, 3000_00, 1500_00, 1500_00, 0)
    assert balance(books, "21101", lease.tenant_id) == 0
    assert balance(books, "101") == -1500_00
    assert reconciled(books) == []
    with pytest.raises(AssetDeskError, match="已经抵扣或退还"):
        books.receivables.void_receipt(receipt.number, day("2025-04-01"), "写错")


def test_deposit_receipt_voided_while_held(books, lease):
    receipt = books.receivables.receive_deposit(lease.id, 3000_00, day("2025-01-02"), "现金")
    books.receivables.void_receipt(receipt.number, day("2025-01-03"), "金额写错")
    assert books.receivables.deposit_state(lease.id).held_fen == 0
    assert balance(books, "21101", lease.tenant_id) == 0 and balance(books, "101") == 0


def owe_tenant(books, counterparty_id: int, fen: int, on: str = "2025-02-10") -> None:
    """The centre owes the tenant (a repair it paid for): Dr 10201 / Cr 21102 of that tenant."""
    books.vouchers.create_and_post(VoucherInput(day(on), "租户垫付维修款", [
        LineInput.debit("10201", fen), LineInput.credit("21102", fen, counterparty_id=counterparty_id)]))


def test_offset_posts_both_sides_and_is_limited_by_what_is_owed(books, lease):
    books.receivables.bill_due("lease", Period.parse("2025-03"))
    payer = payer_of(lease)
    owe_tenant(books, payer.id, 1200_00)
    with pytest.raises(AssetDeskError, match="超过应付李四商行的余额"):
        books.receivables.offset(payer, 1500_00, day("2025-03-10"), "以维修款抵租金")
    books.receivables.offset(payer, 1200_00, day("2025-03-10"), "以维修款抵租金")
    assert outstanding(books, payer) == [800_00, 1000_00]
    assert balance(books, "21102", payer.id) == 0
    assert balance(books, "112", payer.id) == 1800_00
    assert books.receivables.charges_of("lease", lease.id)[1].offset_fen == 200_00
    with pytest.raises(AssetDeskError, match="超过应付"):
        books.receivables.offset(payer, 100, day("2025-03-11"), "再抵")
    assert reconciled(books) == []


def test_write_off_then_money_reverses_it_first(books, lease):
    payer = payer_of(lease)
    books.receivables.bill_due("lease", Period.parse("2025-12"))
    pay(books, payer, "2025-12-20", 11000_00)
    december = books.receivables.open_charges(payer)[0]
    with pytest.raises(AssetDeskError, match="本年度的欠款不能核销"):
        books.receivables.write_off(december.id, day("2025-12-31"), "无法收回", "王主任")
    with pytest.raises(AssetDeskError, match="负责人"):
        books.receivables.write_off(december.id, day("2026-01-10"), "无法收回", "")
    books.receivables.write_off(december.id, day("2026-01-10"), "承租人失联", "王主任", 600_00)
    row = books.receivables.charges_of("lease", lease.id)[11]
    assert (row.amount_fen, row.received_fen, row.written_off_fen, row.outstanding_fen) == (1000_00, 0, 600_00, 400_00)
    assert balance(books, "515") == 600_00
    assert [r.id for r in books.receivables.written_off()] == [december.id]
    receipt = pay(books, payer, "2026-01-15", 700_00)  # 400 outstanding, then 300 of what was written off
    row = books.receivables.charges_of("lease", lease.id)[11]
    assert (row.received_fen, row.written_off_fen, row.outstanding_fen) == (700_00, 300_00, 0)
    assert balance(books, "515") == 300_00 and receipt.credit_fen == 0
    assert balance(books, "112", payer.id) == 0
    assert reconciled(books) == []
    books.receivables.void_receipt(receipt.number, day("2026-01-16"), "退回")
    row = books.receivables.charges_of("lease", lease.id)[11]
    assert (row.received_fen, row.written_off_fen, row.outstanding_fen) == (0, 600_00, 400_00)
    assert balance(books, "515") == 600_00
    assert reconciled(books) == []


def test_adjust_billed_charge_returns_paid_part_as_credit(books, lease):
    payer = payer_of(lease)
    books.receivables.bill_due("lease", Period.parse("2025-02"))
    pay(books, payer, "2025-02-05", 1500_00)
    second = books.receivables.charges_of("lease", lease.id)[1]
    books.receivables.adjust_charge(second.id, 300_00, day("2025-02-15"), "提前终止，按日折算")
    row = books.receivables.charges_of("lease", lease.id)[1]
    assert (row.amount_fen, row.received_fen, row.adjusted_fen, row.outstanding_fen) == (1000_00, 300_00, 700_00, 0)
    assert books.receivables.credit_of(payer) == 200_00
    assert balance(books, "501") == -1300_00
    assert balance(books, "112", payer.id) == -200_00
    third = books.receivables.charges_of("lease", lease.id)[2]
    books.receivables.adjust_charge(third.id, 0, day("2025-02-15"), "提前终止")
    assert books.receivables.charges_of("lease", lease.id)[2].amount_fen == 0
    assert reconciled(books) == []


def test_arrears_by_payer_with_aging(books, lease):
    books.receivables.bill_due("lease", Period.parse("2025-06"))
    rows = books.receivables.arrears(day("2025-06-15"), "lease")
    assert len(rows) == 1
    row = rows[0]
    assert (row.payer_name, row.source_label, row.charges, row.outstanding_fen) == ("李四商行", "ZL-2025-001", 6, 6000_00)
    assert row.buckets_fen == (1000_00, 2000_00, 3000_00, 0, 0)  # 14 | 45, 75 | 106, 134, 165 days
    assert row.oldest_due_on == day("2025-01-01") and row.days_overdue == 165
    pay(books, payer_of(lease), "2025-06-15", 6000_00)
    assert books.receivables.arrears(day("2025-06-15")) == []


def test_reconciliation_agrees_then_catches_a_voucher_reversed_by_hand(books, lease):
    assert receivables_reconciliation(books.ctx) == [] or all(r.agrees for r in receivables_reconciliation(books.ctx))
    books.receivables.bill_due("lease", Period.parse("2025-03"))
    receipt = pay(books, payer_of(lease), "2025-03-05", 1500_00)
    results = receivables_reconciliation(books.ctx)
    assert [r.name for r in results] == ["应收款（112）与缴款人明细"] and results[0].agrees
    assert results[0].sub_ledger_fen == 1500_00
    voucher_id = books.documents.voucher_of("receipt", receipt.id)
    books.vouchers.reverse(voucher_id, day("2025-03-06"))
    wrong = reconciled(books)
    assert len(wrong) == 1 and wrong[0].differences[0].record == "李四商行"
    assert wrong[0].differences[0].difference_fen == -1500_00
    assert "相差" in wrong[0].message()
    assert any("李四商行" in finding.message for finding in books.check.run())


def test_nothing_to_reconcile_without_charges(books):
    assert receivables_reconciliation(books.ctx) == []


def test_run_voucher_dated_by_latest_due_with_tenant_and_lease_on_each_line(books, lease):
    books.receivables.bill_due("lease", Period.parse("2025-02"), on=day("2025-03-10"))
    voucher = books.vouchers.get(books.documents.voucher_of("receivable_charges", 2))
    assert voucher.date_on == day("2025-02-01") and voucher.source == "应收款项到期"
    debit, credit = voucher.lines
    assert (debit.account_code, debit.debit_fen, debit.counterparty_id, debit.lease_id) == (
        "112", 1000_00, lease.tenant_id, lease.id)
    assert credit.account_code == "50101" and credit.credit_fen == 1000_00
    assert debit.summary == "租金 李四商行 2025-02-01至02-28"


def test_money_named_for_a_written_off_charge_writes_it_back(books, lease):
    payer = payer_of(lease)
    books.receivables.bill_due("lease", Period.parse("2025-02"))
    first = books.receivables.open_charges(payer)[0]
    books.receivables.write_off(first.id, day("2026-01-05"), "失联", "王主任")
    assert outstanding(books, payer) == [1000_00]
    receipt = pay(books, payer, "2026-01-20", 1000_00, charge_ids=(first.id,))
    row = books.receivables.charges_of("lease", lease.id)[0]
    assert (row.received_fen, row.written_off_fen, row.outstanding_fen) == (1000_00, 0, 0)
    assert receipt.credit_fen == 0 and balance(books, "515") == 0
    assert outstanding(books, payer) == [1000_00]  # February still owed
    assert books.documents.voucher_of("write_back", receipt.id) is not None
    assert reconciled(books) == []
