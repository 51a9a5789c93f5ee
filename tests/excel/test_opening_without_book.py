"""An opening-balance sheet read into a database without a 账套 yet: the balance set cannot be
dated by the books' first month, so the preview refuses it in Chinese instead of failing on the
missing month (found by mypy: the first month is None until the books are set up)."""
from __future__ import annotations

import openpyxl

from assetdesk.excel import import_file


def test_a_closing_balance_sheet_before_the_books_exist_is_refused_with_what_to_do(empty_books, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "期末借方余额", "期末贷方余额"])
    sheet.append(["101", "库存现金", 100, None])
    sheet.append(["301", "资本", None, 100])
    workbook.save(tmp_path / "余额表.xlsx")

    preview = import_file(empty_books, "opening-balances", tmp_path / "余额表.xlsx", dry_run=True)

    refusal = next(error for error in preview.errors if "账套" in error.reason)
    assert refusal.reason.startswith("尚未建立账套，无法判断哪一列是期初余额")
    assert "请先建立账套" in refusal.reason
    assert refusal.column.startswith("C（")  # the first balance column read, as the clerk sees it
    assert empty_books.accounts.opening_balances() == []  # nothing written
