"""Money never appears or vanishes in the receivables engine, whatever the order of runs, receipts and voids."""
from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdesk.errors import AssetDeskError
from assetdesk.periods import Period
from assetdesk.services.receivables import ReceiptInput
from assetdesk.services.receivables.reconcile import receivables_reconciliation
from tests.core.test_receivables import balance, monthly, tenant
from tests.helpers import day

_counter = itertools.count(1)

actions = st.lists(st.one_of(
    st.tuples(st.just("bill"), st.integers(1, 6)),
    st.tuples(st.just("pay"), st.integers(1, 2500_00), st.sampled_from(["现金", "转账"]), st.booleans()),
    st.tuples(st.just("void"), st.integers(0, 10)),
    st.tuples(st.just("write_off"), st.integers(0, 10), st.integers(1, 2000_00)),
    st.tuples(st.just("adjust"), st.integers(0, 10), st.integers(0, 2000_00)),
    st.tuples(st.just("use_credit")),
), min_size=1, max_size=14)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(0, 2000_00), min_size=1, max_size=6), steps=actions)
def test_settlements_outstanding_and_credit_account_for_every_fen(books, amounts, steps):
    n = next(_counter)
    payer = tenant(books, f"租户{n}")
    charges = [c.__class__(**{**c.__dict__, "amount_fen": amount})
               for c, amount in zip(monthly(payer, len(amounts), source_id=n), amounts)]
    books.receivables.replace_planned("lease", n, charges)
    numbers: list[str] = []
    for step in steps:
        if step[0] == "bill":
            books.receivables.bill_due("lease", Period(2025, step[1]))
        elif step[0] == "pay":
            receipt = books.receivables.receive(ReceiptInput(payer, day("2025-06-30"), step[1], step[2],
                                                             use_credit=step[3]))
            numbers.append(receipt.number)
        elif step[0] == "void" and numbers:
            try:
                books.receivables.void_receipt(numbers[step[1] % len(numbers)], day("2026-02-01"), "测试作废")
            except AssetDeskError as exc:
                assert "已经作废" in str(exc) or "已被后来的收款抵用" in str(exc)
        elif step[0] == "write_off":
            open_rows = books.receivables.open_charges(payer)
            if open_rows:
                row = open_rows[step[1] % len(open_rows)]
                books.receivables.write_off(row.id, day("2026-01-10"), "无法收回", "王主任",
                                            min(step[2], row.outstanding_fen))
        elif step[0] == "adjust":
            billed_rows = [r for r in books.receivables.charges_of("lease", n)
                           if r.state == "billed" and r.amount_fen - r.adjusted_fen > step[2]]
            if billed_rows:
                books.receivables.adjust_charge(billed_rows[step[1] % len(billed_rows)].id, step[2],
                                                day("2025-06-30"), "提前终止")
        elif step[0] == "use_credit":
            books.receivables.use_credit(payer, day("2025-06-30"))
        rows = books.receivables.charges_of("lease", n)
        billed = sum(r.amount_fen for r in rows if r.state == "billed")
        received_by_charges = sum(r.received_fen for r in rows)
        settled = sum(r.received_fen + r.deposit_fen + r.offset_fen + r.written_off_fen + r.adjusted_fen
                      for r in rows)
        outstanding = sum(r.outstanding_fen for r in rows)
        credit = books.receivables.credit_of(payer)
        received = sum(r.amount_fen for r in books.receivables.receipts(payer) if not r.is_void)
        assert all(r.outstanding_fen >= 0 for r in rows) and credit >= 0
        assert settled + outstanding == billed  # every billed fen is owed or settled
        assert received == received_by_charges + credit  # every fen received settled a charge or is credit
        assert balance(books, "112", payer.id) == outstanding - credit  # 112 equals the sub-ledger
        everyone = sum(r.amount_fen for r in books.receivables.receipts() if not r.is_void)
        assert balance(books, "10201") + balance(books, "101") == everyone  # the money is in cash and bank
        assert balance(books, "515") == sum(r.written_off_fen for r in books.receivables.written_off())
    assert all(r.agrees for r in receivables_reconciliation(books.ctx))
