"""期初余额: debit or credit opening balance per leaf account → ``set_opening_balances`` (signed fen).

Two layouts are common in the district's and other programs' workbooks, and both are read:
借方余额 / 贷方余额 columns, or one 期初余额 column with a 方向 (借/贷) column — the direction may be
left out, and the account's normal side is taken then."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .accounts import CODE_ALIASES
from assetdesk.money import format_amount

from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind


class OpeningBalancesKind(SheetKind):
    name = "opening-balances"
    title = "期初余额"
    columns = (
        ColumnSpec("code", "科目编码", code=True, aliases=CODE_ALIASES, required=True, width=12, example="10201"),
        ColumnSpec("name", "科目名称", aliases=("名称", "科目", "科目全称"), width=30, example="银行存款—基本户（示例）",
                   note="仅供核对，导入时以科目编码为准"),
        ColumnSpec("debit", "借方余额", "amount",
                   # most specific first: with 期初 and 年初 (or a bare 借方) columns side by side, 期初 wins
                   aliases=("期初借方余额", "期初借方", "借方期初余额", "借方期初", "期初余额借方", "期初借方金额",
                            "年初借方余额", "年初借方", "年初余额借方", "借方金额", "借方"),
                   example="1234.50"),
        ColumnSpec("credit", "贷方余额", "amount",
                   aliases=("期初贷方余额", "期初贷方", "贷方期初余额", "贷方期初", "期初余额贷方", "期初贷方金额",
                            "年初贷方余额", "年初贷方", "年初余额贷方", "贷方金额", "贷方")),
        ColumnSpec("direction", "余额方向", "choice", aliases=("方向", "借贷方向", "借或贷", "借/贷", "期初方向"),
                   choices=("借", "贷", "平"), choice_aliases=(("借方", "借"), ("贷方", "贷")), width=8,
                   note="与“期初余额”一起使用；空白时按科目的余额方向"),
        ColumnSpec("balance", "期初余额", "amount", aliases=("期初数", "期初金额", "年初余额", "年初数", "余额"),
                   width=14, note="只有一列余额时填这里，并填“余额方向”"),
    )

    key_columns = ("code",)
    compare_columns = ("debit", "credit")

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """Only leaf accounts carry balances; a row holds a debit or a credit balance, not both; a
        file without any balance column is refused rather than read as "nothing changes"."""
        errors = self.duplicate_errors(rows)
        if rows and not {"debit", "credit", "balance"} & set(rows[0].where):
            return errors + [rows[0].error(None, "找不到余额列：请用“借方余额”“贷方余额”两列，或“期初余额”加“余额方向”")]
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        for row in rows:
            account = accounts.get(row["code"])
            if account is not None and row.values.get("balance"):
                errors.extend(self._split_balance(row, account))
            if account is None:
                errors.append(row.error("code", "科目不存在，请先在科目表中建立该科目"))
            if row["debit"] and row["credit"]:
                errors.append(row.error("credit", "借方余额和贷方余额只能填一个"))
        return errors + self._parent_rows(rows, accounts)

    @staticmethod
    def _parent_rows(rows: Sequence[ParsedRow], accounts: dict[str, Any]) -> list[RowError]:
        """A 科目余额表 lists each parent account with the total of its sub-accounts. Such a row is
        a check, not a balance: it must equal its sub-accounts listed in the file, and is not
        imported. A parent with a balance but none of its sub-accounts listed is refused."""
        leaves = {row["code"]: row["debit"] - row["credit"] for row in rows
                  if row["code"] in accounts and accounts[row["code"]].is_leaf}
        errors = []
        for row in rows:
            account = accounts.get(row["code"])
            if account is None or account.is_leaf:
                continue
            parts = [amount for code, amount in leaves.items() if code.startswith(account.code)]
            given = row["debit"] - row["credit"]
            if not parts:
                if given:
                    errors.append(row.error("code", f"“{account.full_name}”不是末级科目，期初余额请填在它的明细科目上"))
            elif sum(parts) != given:
                errors.append(row.error("debit" if given >= 0 else "credit",
                                        f"“{account.full_name}”的余额 {format_amount(given)} 与表中明细科目合计 "
                                        f"{format_amount(sum(parts))} 不符，请核对"))
        return errors

    @staticmethod
    def _split_balance(row: ParsedRow, account: Any) -> list[RowError]:
        """期初余额 + 方向 → 借方余额 or 贷方余额 (a negative amount is on the other side)."""
        if row["debit"] or row["credit"]:
            return [row.error("balance", "已填写借方/贷方余额，“期初余额”列请留空")]
        side = row.values.get("direction") or account.normal_side
        if side not in ("借", "贷"):
            return [row.error("direction", f"“{account.full_name}”是双向科目，请填写余额方向（借或贷）")]
        signed = row["balance"] if side == "借" else -row["balance"]
        row.values["debit"], row.values["credit"] = max(signed, 0), max(-signed, 0)
        return []

    def classify(self, books: Any, rows: Sequence[ParsedRow], present: set[str]) -> list:
        """The one-column form fills 借方/贷方 in ``validate_rows``: compare those then. A parent
        account's row (a total of its sub-accounts) is listed as unchanged: it is never written."""
        if "balance" in present:
            present = present | {"debit", "credit"}
        changes = super().classify(books, rows, present)
        leaf = {r.code for r in books.accounts.opening_balances()}
        return [change if row["code"] in leaf else Change("unchanged", change.key, "上级科目汇总行，仅核对")
                for row, change in zip(rows, changes)]

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
