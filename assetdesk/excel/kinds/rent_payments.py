"""Historical rent receipts (租金收款记录, moving off paper) → ``books.receivables.import_receipts``,
keyed by the paper 收据号.

Each row is one paper receipt: who paid (a counterparty already in the books, by name: a tenant
imported with the leases), when, how much and how (现金 / 转账 / 微信 / 支付宝). A 合同编号 restricts
the money to that contract's rent; without one it settles the payer's oldest open charges.

Money settles only rent already billed: import the leases, run 出账 (``assetdesk bill-rent
--through YYYY-MM``) up to the months the receipts pay for, then import the receipts. A receipt
that finds nothing open becomes the payer's credit (预收), which settles the next charges billed;
the check before importing says so on each such row.

A 收据号 already in the books with the same payer, date and amount is unchanged (importing a file
twice changes nothing); the same number with anything else is refused.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assetdesk.errors import InputError
from assetdesk.money import format_amount
from assetdesk.services.receivables.types import METHODS, Payer, ReceiptInput

from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind

if TYPE_CHECKING:
    from assetdesk.services.books import Books

LEASE_SOURCE = "lease"  # the receivables' source of rent charges (``services.leases.service.SOURCE``)
NOTHING_OPEN = ("没有已出账未收的租金，此款将记为预收，待出账后自动冲抵"
                "（如需冲抵历史租金，请先运行出账 bill-rent 再导入）")


class RentPaymentsKind(SheetKind):
    name = "rent-payments"
    title = "租金收款记录"
    unit = "元"
    columns = (
        ColumnSpec("number", "收据号", code=True, required=True, max_length=30,
                   aliases=("收据编号", "票据号", "收据号码", "票据编号", "票据号码", "收款收据号"), width=12,
                   example="0001234"),
        ColumnSpec("payer", "缴款人", required=True, max_length=200,
                   aliases=("交款人", "承租方", "付款人", "承租人", "缴款单位", "交款单位", "付款单位"), width=18,
                   example="张三（示例）", note="须是已登记的往来单位或个人（导入租赁合同时已登记承租方）"),
        ColumnSpec("lease", "合同编号", code=True, max_length=40, aliases=("合同号", "租赁合同编号"), width=14,
                   note="可不填；填写时只冲抵该合同的租金"),
        ColumnSpec("received_on", "收款日期", "date", required=True,
                   aliases=("缴款日期", "交款日期", "收款时间", "日期"), width=12, example="2024-03-05"),
        ColumnSpec("amount", "金额", "amount", required=True, aliases=("收款金额", "缴款金额", "实收金额", "金额(元)"),
                   width=14, example=9000,
                   note="冲抵已出账的租金（先导入租赁合同并运行出账 bill-rent）；没有已出账的租金时记为预收"),
        ColumnSpec("method", "收款方式", "choice", choices=METHODS,
                   aliases=("支付方式", "付款方式", "缴款方式", "结算方式"),
                   choice_aliases=(("银行转账", "转账"), ("银行", "转账"), ("网银", "转账"), ("对公转账", "转账"),
                                   ("汇款", "转账"), ("刷卡", "转账"), ("微信支付", "微信"), ("微信转账", "微信"),
                                   ("支付宝支付", "支付宝"), ("支付宝转账", "支付宝"), ("现金支付", "现金"),
                                   ("现钞", "现金")),
                   width=10, example="转账", note="现金、转账、微信、支付宝"),
        ColumnSpec("summary", "摘要", max_length=200, aliases=("事由", "收款事由", "摘要说明", "款项内容"), width=20),
        ColumnSpec("note", "备注", width=20),
    )
    key_columns = ("number",)

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Payer and contract on record and belonging together, money above zero, a method, and a
        receipt number not used for another payment."""
        errors = self.duplicate_errors(rows)
        held = {r.number: r for r in books.receivables.receipts()}
        for row in rows:
            try:
                item = receipt_input(books, row)
            except _RowProblem as problem:
                errors.append(row.error(problem.key, problem.reason))
                continue
            old = held.get(item.number)
            if old is not None and not _same(old, item):
                state = "已作废" if old.is_void else "已用于"
                errors.append(row.error("number", f"收据号{state} {old.received_on} {old.payer_name} 的收款"
                                                  f" {format_amount(old.amount_fen)} 元，同一收据号不能重复使用"))
        return errors

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """A number already held is unchanged; a new receipt that finds no open rent says it becomes credit."""
        held = {r.number: r for r in books.receivables.receipts()}
        changes = []
        for row in rows:
            label = f"{row.values['number']} {row.values['payer']} {format_amount(row.values['amount'])}元"
            try:
                item = receipt_input(books, row)
            except _RowProblem as problem:  # reported by validate_rows; never written
                changes.append(Change("new", label, problem.reason))
                continue
            old = held.get(item.number)
            if old is not None:
                changes.append(Change("unchanged" if _same(old, item) else "changed", label))
                continue
            open_charges = books.receivables.open_charges(item.payer, item.source, item.source_id)
            changes.append(Change("new", label, "" if open_charges else NOTHING_OPEN))
        return changes

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        return books.receivables.import_receipts([receipt_input(books, row) for row in rows])

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        numbers = {lease.id: lease.number for lease in books.leases.list_leases()}
        return ({"number": r.number, "payer": r.payer_name,
                 "lease": numbers.get(r.source_id or 0, "") if r.source == LEASE_SOURCE else "",
                 "received_on": r.received_on, "amount": r.amount_fen, "method": r.method, "summary": r.summary,
                 "note": r.note}
                for r in books.receivables.receipts() if not r.is_void)


class _RowProblem(Exception):
    def __init__(self, key: str, reason: str):
        super().__init__(reason)
        self.key, self.reason = key, reason


def receipt_input(books: Books, row: ParsedRow) -> ReceiptInput:
    """The row as the engine's input; raises ``_RowProblem`` naming the column of the mistake."""
    v = row.values
    if v["amount"] <= 0:
        raise _RowProblem("amount", "收款金额须大于 0")
    if not v["method"]:
        raise _RowProblem("method", "须填写收款方式：现金、转账、微信或支付宝")
    payer = books.org.find_counterparty(v["payer"])
    if payer is None:
        raise _RowProblem("payer", f"往来单位或个人“{v['payer']}”不存在，请先导入租赁合同（登记承租方）或登记往来单位")
    source, source_id = "", None
    if v["lease"]:
        lease = books.leases.find(v["lease"])
        if lease is None:
            raise _RowProblem("lease", f"合同编号“{v['lease']}”不存在，请先导入租赁合同")
        if lease.tenant_id != payer.id:
            raise _RowProblem("payer", f"缴款人“{v['payer']}”不是合同“{lease.number}”的承租方（{lease.tenant_name}）")
        source, source_id = LEASE_SOURCE, lease.id
    try:
        return ReceiptInput(Payer.counterparty(payer.id), v["received_on"], v["amount"], v["method"], source=source,
                            source_id=source_id, number=v["number"], summary=v["summary"], note=v["note"])
    except InputError as exc:
        raise _RowProblem("number", str(exc)) from None


def _same(old: Any, item: ReceiptInput) -> bool:
    """The paper receipt already imported: same payer, day and amount, not voided."""
    return (old.payer, old.received_on, old.amount_fen, old.is_void) == \
        (item.payer, item.received_on, item.amount_fen, False)
