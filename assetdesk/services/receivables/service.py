"""``ReceivableService`` (``books.receivables``): the one engine that bills, collects and settles
what payers owe, for leases now and property fees next (STYLE.md "A business area": what two areas
share lives in its own module that both use).

It is the only writer of charges, receipts, settlements, credit, deposits, offsets and write-offs,
and every money movement posts one document through ``DocumentPostingService`` with accounts from
the posting rules (DOMAIN §3.3):
- charges falling due (a run, one document per month): Dr ``charge.receivable_rule`` (payer, lease) /
  Cr ``charge.income_rule``;
- a receipt: Dr cash (现金) or bank (转账/微信/支付宝) / Cr receivable per settled charge, Cr
  ``receivable.prepaid`` for the part kept as credit;
- a deposit received / applied / refunded: Dr cash|bank / Cr ``deposit.payable``; Dr deposit / Cr
  receivable; Dr deposit / Cr cash|bank;
- an offset: Dr ``offset.payable`` / Cr receivable; a write-off: Dr ``bad_debt.expense`` / Cr
  receivable, and its write-back the reverse; an adjustment: Dr income / Cr receivable (or prepaid).
Counterparty payers put their id on every line (the 112 and 211 sub-ledgers), leases their lease id.

The work lives in one module per concept: charges (schedules and runs), allocation (what money
settles, oldest due first), receipts, credit (预收), numbers (收据号), voiding, receipt_views,
deposits, settle (抵销, 坏账核销, 调整), reading (arrears), reconcile (``check``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assetdesk.periods import Period
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.documents import DocumentPostingService
from assetdesk.services.org_types import UpsertResult
from assetdesk.services.receivables import charges as _charges
from assetdesk.services.receivables import credit as _credit
from assetdesk.services.receivables import deposits as _deposits
from assetdesk.services.receivables import numbers as _numbers
from assetdesk.services.receivables import reading as _reading
from assetdesk.services.receivables import receipt_views as _views
from assetdesk.services.receivables import receipts as _receipts
from assetdesk.services.receivables import settle as _settle
from assetdesk.services.receivables import voiding as _voiding
from assetdesk.services.receivables.types import (
    ArrearsRow,
    ChargeInput,
    ChargeRow,
    DepositState,
    Payer,
    ReceiptInput,
    ReceiptView,
    RunResult,
)


class ReceivableService(Service):
    def __init__(self, ctx: ServiceContext, documents: DocumentPostingService):
        super().__init__(ctx)
        self._documents = documents

    # --- schedules (planned charges) ------------------------------------------------------------
    def replace_planned(self, source: str, source_id: int, charges: Sequence[ChargeInput]) -> None:
        """Store a source's schedule: its planned charges are replaced by ``charges``; billed ones stay."""
        _charges.replace_planned(self, source, source_id, charges)

    def cancel_planned(self, source: str, source_id: int, after: dt.date) -> int:
        """Cancel the planned charges of a source that start after ``after`` (termination)."""
        return _charges.cancel_planned(self, source, source_id, after)

    def charges_of(self, source: str, source_id: int) -> list[ChargeRow]:
        """The whole schedule of a source, by seq, with what settled each line."""
        return _charges.charges_of(self, source, source_id)

    # --- due-charge runs ---------------------------------------------------------------------
    def bill_due(self, source: str, through: Period, on: dt.date | None = None) -> RunResult:
        """Post every planned charge of ``source`` due by the end of ``through``: one document per due
        month, dated that month's last due date (so charges post in their own month, whatever day the
        run is made: ``on`` is kept in the audit entry). Idempotent: a repeated run bills nothing."""
        return _charges.bill_due(self, source, through, on)

    def undo_run(self, run_id: int, on: dt.date | None = None) -> None:
        """Reverse a whole run (红字冲销, logged) while none of its charges is settled."""
        _charges.undo_run(self, run_id, on)

    # --- collecting ---------------------------------------------------------------------------
    def open_charges(self, payer: Payer, source: str = "", source_id: int | None = None) -> list[ChargeRow]:
        """Billed charges still owed, oldest due first."""
        return _charges.open_charges(self, payer, source, source_id)

    def receive(self, item: ReceiptInput) -> ReceiptView:
        return _receipts.receive(self, item)

    def import_receipts(self, items: Sequence[ReceiptInput]) -> UpsertResult:
        """Historical receipts moving off paper (Excel kind ``rent-payments``), each with its paper
        number: one transaction; a number already held with the same payer, date and amount is left
        unchanged (importing a file twice), with anything else it is refused (用过的收据号)."""
        return _receipts.import_receipts(self, items)

    def void_receipt(self, number: str, on: dt.date, reason: str) -> ReceiptView:
        return _voiding.void_receipt(self, number, on, reason)

    def receipt(self, number: str) -> ReceiptView:
        return _views.get(self, number)

    def receipts(self, payer: Payer | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None) -> list[ReceiptView]:
        return _views.listing(self, payer, date_from, date_to)

    def next_receipt_number(self) -> str:
        return _numbers.next_number(self)

    def credit_of(self, payer: Payer) -> int:
        return _credit.credit_of(self, payer)

    def use_credit(self, payer: Payer, on: dt.date, source: str = "", source_id: int | None = None) -> int:
        """The payer's credit (预收) settles its open charges oldest first, no money coming in; the amount used."""
        return _credit.use_credit(self, payer, on, source, source_id)

    def refund_credit(self, payer: Payer, amount_fen: int, on: dt.date, method: str, reason: str) -> int:
        """退还预收款 (a tenant's credit after a termination credited paid rent back …); refused beyond the credit."""
        return _credit.refund(self, payer, amount_fen, on, method, reason)

    # --- deposits, offsets, write-offs, adjustments -------------------------------------------
    def receive_deposit(self, lease_id: int, amount_fen: int, on: dt.date, method: str,
                        number: str = "") -> ReceiptView:
        return _deposits.receive_deposit(self, lease_id, amount_fen, on, method, number)

    def apply_deposit(self, lease_id: int, on: dt.date, amount_fen: int | None = None) -> int:
        return _deposits.apply_deposit(self, lease_id, on, amount_fen)

    def refund_deposit(self, lease_id: int, amount_fen: int, on: dt.date, method: str) -> None:
        _deposits.refund_deposit(self, lease_id, amount_fen, on, method)

    def deposit_state(self, lease_id: int) -> DepositState:
        return _deposits.deposit_state(self, lease_id)

    def offset(self, payer: Payer, amount_fen: int, on: dt.date, reason: str,
               charge_ids: Sequence[int] | None = None) -> int:
        return _settle.offset(self, payer, amount_fen, on, reason, charge_ids)

    def write_off(self, charge_id: int, on: dt.date, reason: str, approved_by: str,
                  amount_fen: int | None = None) -> int:
        return _settle.write_off(self, charge_id, on, reason, approved_by, amount_fen)

    def adjust_charge(self, charge_id: int, new_amount_fen: int, on: dt.date, reason: str) -> None:
        _settle.adjust_charge(self, charge_id, new_amount_fen, on, reason)

    # --- reading for reports ------------------------------------------------------------------
    def arrears(self, on: dt.date, source: str = "") -> list[ArrearsRow]:
        return _reading.arrears(self, on, source)

    def written_off(self, source: str = "") -> list[ChargeRow]:
        return _reading.written_off(self, source)
