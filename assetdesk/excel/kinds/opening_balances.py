"""期初余额: debit or credit opening balance per leaf account → ``set_opening_balances`` (signed fen)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .accounts import CODE_ALIASES
from .base import ColumnSpec, ParsedRow, RowError, SheetKind


class OpeningBalancesKind(SheetKind):
    name = "opening-balances"
    title = "期初余额"
    columns = (
        ColumnSpec("code", "科目编码", aliases=CODE_ALIASES, required=True, width=12, example="10201"),
        ColumnSpec("name", "科目名称", aliases=("名称", "科目", "科目全称"), width=30, example="银行存款—基本户",
                   note="仅供核对，导入时以科目编码为准"),
        ColumnSpec("debit", "借方余额", "amount",
                   aliases=("借方", "借方金额", "期初借方", "期初借方余额", "年初借方余额", "借方期初余额", "期初余额借方"),
                   example="1234.50"),
        ColumnSpec("credit", "贷方余额", "amount",
                   aliases=("贷方", "贷方金额", "期初贷方", "期初贷方余额", "年初贷方余额", "贷方期初余额", "期初余额贷方")),
    )
    key_columns = ("code",)
    compare_columns = ("debit", "credit")

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """Only leaf accounts carry balances; a row holds a debit or a credit balance, not both."""
        errors = self.duplicate_errors(rows)
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        for row in rows:
            account = accounts.get(row["code"])
            if account is None:
                errors.append(row.error("code", "科目不存在，请先在科目表中建立该科目"))
            elif not account.is_leaf and (row["debit"] or row["credit"]):
                errors.append(row.error("code", f"“{account.full_name}”不是末级科目，期初余额请填在它的明细科目上"))
            if row["debit"] and row["credit"]:
                errors.append(row.error("credit", "借方余额和贷方余额只能填一个"))
        return errors

    def existing(self, books: Any) -> dict[tuple, dict[str, Any]]:
        return {(r.code,): {"debit": r.debit_fen, "credit": r.credit_fen, "name": r.name}
                for r in books.accounts.opening_balances()}

    def commit(self, books: Any, rows: Sequence[ParsedRow]) -> Any:
        leaf = {(r.code,) for r in books.accounts.opening_balances()}
        return books.accounts.set_opening_balances(
            {row["code"]: row["debit"] - row["credit"] for row in rows if (row["code"],) in leaf})

    def export_rows(self, books: Any, **options: Any) -> Iterable[dict[str, Any]]:
        for r in books.accounts.opening_balances():
            yield {"code": r.code, "name": r.name, "debit": r.debit_fen, "credit": r.credit_fen}
