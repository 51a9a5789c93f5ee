"""科目表: import creates or renames sub-accounts (明细科目); first-level accounts are fixed by the
accounting system (DOMAIN §3.1) and only checked."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind

CODE_ALIASES = ("科目代码", "科目编号", "编码", "代码", "科目号")
_CODE_RE = re.compile(r"^\d{3}(\d{2})*$")


class AccountsKind(SheetKind):
    name = "accounts"
    title = "科目表"
    columns = (
        ColumnSpec("code", "科目编码", code=True, max_length=20, aliases=CODE_ALIASES, required=True, width=12, example="50101",
                   note="一级科目 3 位；明细科目 = 上级编码 + 2 位"),
        ColumnSpec("name", "科目名称", max_length=100, aliases=("名称", "科目", "明细科目", "科目全称"), required=True, width=28,
                   example="租金收入（示例）"),
        ColumnSpec("category", "科目类别", "choice", aliases=("类别", "科目类型"), width=12,
                   choices=("资产", "负债", "所有者权益", "成本", "损益"), choice_aliases=(("权益", "所有者权益"),),
                   note="导出时填写；导入时按上级科目确定，可不填"),
        ColumnSpec("normal_side", "余额方向", "choice", aliases=("方向", "借贷方向"), width=10,
                   choices=("借", "贷", "双向"), choice_aliases=(("借方", "借"), ("贷方", "贷")),
                   note="导出时填写；导入时按上级科目确定，可不填"),
        ColumnSpec("status", "状态", "choice", aliases=("是否启用",), width=8, choices=("启用", "停用"),
                   choice_aliases=(("是", "启用"), ("否", "停用")), note="导出时填写；导入不修改状态"),
    )
    key_columns = ("code",)
    compare_columns = ("name",)

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """Codes well formed; first-level codes exist; a sub-account's parent exists or comes earlier
        in the file (the service creates parents first)."""
        errors = self.duplicate_errors(rows)
        accounts = books.accounts.list_accounts()
        known = {account.code for account in accounts}
        level_one = {account.name: account.code for account in accounts if account.level == 1}
        in_file = {row["code"] for row in rows}
        for row in rows:
            code = row["code"]
            if not _CODE_RE.match(code):
                errors.append(row.error("code", "科目编码应为 3 位一级科目编码加每级 2 位数字，例如 50101"))
            elif len(code) == 3 and code not in known:
                errors.append(row.error("code", "一级科目由会计制度规定，不能新增；请检查科目编码"))
            elif len(code) == 3 and level_one.get(row["name"], code) != code:
                # DOMAIN §3.1: the 2004 system reused codes (153/154 swapped …): match by name, never code alone
                errors.append(row.error("name", f"“{row['name']}”在现行制度中的编码是 {level_one[row['name']]}，"
                                                f"不是 {code}：此表可能按旧制度编制，请按现行科目编码调整"))
            elif len(code) > 3 and code[:-2] not in known and code[:-2] not in in_file:
                errors.append(row.error("code", f"上级科目“{code[:-2]}”不存在，请先建立上级科目或在本表中加上它"))
        return errors

    def existing(self, books: Any) -> dict[tuple, dict[str, Any]]:
        return {(a.code,): {"name": a.name} for a in books.accounts.list_accounts()}

    def classify(self, books: Any, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """First-level names differ between editions and districts; they are never renamed."""
        changes = super().classify(books, rows, present)
        return [Change("unchanged", c.key) if c.status == "changed" and len(c.key) == 3 else c for c in changes]

    def commit(self, books: Any, rows: Sequence[ParsedRow]) -> Any:
        from assetdesk.services.accounts import AccountInput

        items = [AccountInput(row["code"], row["name"]) for row in rows if len(row["code"]) > 3]
        return books.accounts.upsert_accounts(items)

    def export_rows(self, books: Any, **options: Any) -> Iterable[dict[str, Any]]:
        for a in books.accounts.list_accounts():
            yield {"code": a.code, "name": a.name, "category": a.category, "normal_side": a.normal_side,
                   "status": "启用" if a.is_active else "停用"}
