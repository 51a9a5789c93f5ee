"""科目表: import creates or renames sub-accounts (明细科目); first-level accounts are fixed by the
accounting system (DOMAIN §3.1) and only checked.

Charts exported by other programs or made by hand are read as the clerk meant them
(``account_refs``): 金蝶 codes (102.01), full names (银行存款—基本存款户: the sub-account is 基本存款户,
after checking 银行存款 is its parent), 其中： breakdowns, and 资产类 … 损益类 heading rows.

Every refusal the service would make at commit (``AccountService.check_upsert``: a first
sub-account under an account already in use, two sub-accounts of one parent with one name after
the import) is found in the preview and shown on its row.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .account_names import AccountNames
from .account_refs import drop_class_headings, leaf_name, normalise_codes, written_name
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books

CODE_ALIASES = ("科目代码", "科目编号", "编码", "代码", "科目号")


class AccountsKind(SheetKind):
    name = "accounts"
    title = "科目表"
    columns = (
        ColumnSpec("code", "科目编码", code=True, max_length=20, aliases=CODE_ALIASES, required=True, width=12,
                   example="50101",
                   note="一级科目 3 位；明细科目 = 上级编码 + 2 位（也可写作 501.01）"),
        ColumnSpec("name", "科目名称", max_length=100, aliases=("名称", "科目", "明细科目", "科目全称"), required=True,
                   width=28,
                   example="租金收入（示例）", note="明细科目的名称；写全称（经营收入—租金收入）时取最后一级"),
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

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        return drop_class_headings(*super().read_rows(grid, layout))

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Codes well formed (金蝶 forms made plain); first-level codes exist and are not named as
        another first-level account (a 2004-system chart); a sub-account's parent exists or comes in
        the file; names reduced to the sub-account's own; and the service's own refusals."""
        names = AccountNames(books.accounts.list_accounts())
        errors = normalise_codes(rows, names)
        bad = {(error.sheet, error.row) for error in errors}
        rows = sorted((row for row in rows if (row.sheet, row.row) not in bad),
                      key=lambda r: (len(r["code"]), r["code"]))
        for row in rows:
            code = row["code"]
            error = self._first_level_error(row, names) if len(code) == 3 else self._sub_account_error(row, names)
            if error is not None:
                errors.append(error)
            elif len(code) > 3:
                names.names.setdefault(code, row["name"])  # a new parent: its sub-accounts below may name it
        errors += self.duplicate_errors(rows)
        return errors + self._service_refusals(books, rows, {(e.sheet, e.row) for e in errors})

    @staticmethod
    def _first_level_error(row: ParsedRow, names: AccountNames) -> RowError | None:
        code, name = row["code"], written_name(row["name"])
        if code not in names.names:
            return row.error("code", "一级科目由会计制度规定，不能新增；请检查科目编码")
        if names.matches(code, name):
            return None
        # DOMAIN §3.1: the 2004 system reused codes (153/154 swapped …): match by name, never code alone
        other = min((c for c in names.codes_for(name) if len(c) == 3 and c != code), default=None)
        if other is not None:
            return row.error("name",
                             f"“{name}”在现行制度中的编码是 {other}，不是 {code}："
                             "此表可能按旧制度编制，请按现行科目编码调整")
        return None  # first-level names differ between editions and districts: never renamed

    @staticmethod
    def _sub_account_error(row: ParsedRow, names: AccountNames) -> RowError | None:
        code = row["code"]
        parent = code[:-2]
        if parent not in names.names:
            return row.error("code", f"上级科目“{parent}”不存在，请先建立上级科目或在本表中加上它")
        leaf, reason = leaf_name(names, parent, row["name"])
        if reason:
            return row.error("name", reason)
        if not leaf:
            return row.error("name", "科目名称不能为空")
        row.values["name"] = leaf
        return None

    def duplicate_errors(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        """A code listed twice with the same name (a 建账 workbook's 科目表 and 期初余额 sheets) is one
        account; with two names it is refused, naming the other row (and its sheet)."""
        first_of: dict[str, ParsedRow] = {}
        errors = []
        for row in rows:
            first = first_of.setdefault(row["code"], row)
            if first is not row and first["name"] != row["name"]:
                where = f"第 {first.row} 行" if first.sheet == row.sheet else f"工作表“{first.sheet}”第 {first.row} 行"
                errors.append(row.error("code", f"与{where}编码相同而名称不同（“{first['name']}”与“{row['name']}”），"
                                                "请删除或改正其中一行"))
        return errors

    @staticmethod
    def _service_refusals(books: Books, rows: Sequence[ParsedRow], bad: set[tuple[str, int]]) -> list[RowError]:
        """What ``upsert_accounts`` would refuse, on the row at fault."""
        from assetdesk.services.accounts import AccountInput

        listed = _first_listing([row for row in rows if (row.sheet, row.row) not in bad and len(row["code"]) > 3])
        problems = books.accounts.check_upsert([AccountInput(row["code"], row["name"]) for row in listed])
        return [listed[problem.index].error(problem.field, problem.message) for problem in problems]

    def existing(self, books: Books) -> dict[tuple, dict[str, Any]]:
        return {(a.code,): {"name": a.name} for a in books.accounts.list_accounts()}

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """First-level names differ between editions and districts: they are never renamed. An
        account listed again on another sheet is counted once."""
        changes = super().classify(books, rows, present)
        seen: dict[str, ParsedRow] = {}
        out = []
        for row, change in zip(rows, changes):
            first = seen.setdefault(row["code"], row)
            if first is not row:
                where = f"第 {first.row} 行" if first.sheet == row.sheet else f"工作表“{first.sheet}”第 {first.row} 行"
                out.append(Change("unchanged", change.key, f"与{where}相同"))
            elif change.status == "changed" and len(row["code"]) == 3:
                out.append(Change("unchanged", change.key))
            else:
                out.append(change)
        return out

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        from assetdesk.services.accounts import AccountInput

        items = [AccountInput(row["code"], row["name"]) for row in _first_listing(rows) if len(row["code"]) > 3]
        return books.accounts.upsert_accounts(items)

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        for a in books.accounts.list_accounts():
            yield {"code": a.code, "name": a.name, "category": a.category, "normal_side": a.normal_side,
                   "status": "启用" if a.is_active else "停用"}


def _first_listing(rows: Iterable[ParsedRow]) -> list[ParsedRow]:
    """Each code once, as first listed."""
    seen: dict[str, ParsedRow] = {}
    for row in rows:
        seen.setdefault(row["code"], row)
    return list(seen.values())
