"""Builders shared by the Excel tests: a small demo sheet kind and messy workbooks made in code."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import openpyxl

from assetdesk.excel.kinds.base import ColumnSpec, SheetKind


class DemoKind(SheetKind):
    """Every column type once, with the kind of aliases district workbooks use."""

    name = "demo"
    title = "演示台账"
    columns = (
        ColumnSpec("code", "编码", aliases=("编号", "资产编码", "资产编号", "代码"), required=True, example="A001"),
        ColumnSpec("name", "名称", aliases=("资产名称",), required=True, example="示例名称"),
        ColumnSpec("amount", "金额", "amount", aliases=("原值", "金额(元)"), example="1234.50"),
        ColumnSpec("area", "建筑面积(㎡)", "area", aliases=("面积", "建筑面积"), example="12.5"),
        ColumnSpec("count", "户数", "int", example="3"),
        ColumnSpec("day", "日期", "date", aliases=("取得日期",), example="2025-01-31"),
        ColumnSpec("kind", "类型", "choice", choices=("个人", "单位"), choice_aliases=(("企业", "单位"),), default="个人"),
        ColumnSpec("active", "在用", "bool", default=True),
        ColumnSpec("note", "备注"),
    )
    key_columns = ("code",)


def make_workbook(path: Path, rows: Sequence[Sequence[Any]], merges: Sequence[str] = (), sheet: str = "Sheet1") -> Path:
    """Write ``rows`` (row 1 first) to an .xlsx with openpyxl, as a clerk's Excel would."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    workbook.save(path)
    return path


def people_in_two_sheets(path: Path) -> Path:
    """往来单位 split as districts often do: a 个人 sheet (张三) and a 单位 sheet (兰花物业有限公司)."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "个人"
    for sheet, rows in ((workbook.active, [["名称", "电话"], ["张三", "13800138000"]]),
                        (workbook.create_sheet("单位"), [["名称", "电话"], ["兰花物业有限公司", "010-66668888"]])):
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def listed(preview) -> list[str]:
    """The change list as the CLI prints it (新增 / 修改 lines)."""
    labels = {"new": "新增", "changed": "修改"}
    return [f"{labels[c.status]} {c.key}" + (f"：{c.detail}" if c.detail else "") for c in preview.changes
            if c.status != "unchanged"]
