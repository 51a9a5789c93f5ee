"""Styled cells (dates, amounts) keep their formats, and plain cells after them never inherit one."""
import datetime as dt
from decimal import Decimal

import openpyxl

from assetdesk.excel import export_table


def test_formats_stay_on_their_own_columns(tmp_path):
    path = export_table(tmp_path / "t.xlsx", "测试表", "元", [("日期", "date"), ("户数", "number"), ("金额", "amount"),
                                                         ("备注", "text")],
                        [[dt.date(2025, 1, 31), 12, 123450, "=SUM(A1)"], [dt.date(2025, 2, 1), 7, -5, "正常"]],
                        community="兰花社区")
    sheet = openpyxl.load_workbook(path).active
    rows = [row for row in sheet.iter_rows(min_row=4) if row[0].value is not None]
    first, second = rows
    assert first[0].number_format == "yyyy-mm-dd" and first[0].value.date() == dt.date(2025, 1, 31)
    assert first[1].number_format == "General" and first[1].value == 12
    assert first[2].number_format == "#,##0.00" and Decimal(str(first[2].value)) == Decimal("1234.50")
    assert first[3].value == "=SUM(A1)" and first[3].data_type == "s"
    assert second[1].number_format == "General" and second[2].value == -0.05
