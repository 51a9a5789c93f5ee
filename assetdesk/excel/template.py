"""Blank import templates: what the clerk fills in when the district has no workbook to give.

Sheet 1: title, unit, header (required columns in red), one grey example row (the importer drops
it if left in place), drop-down lists for choice columns, text format on text columns so codes
and ID numbers keep their digits. Sheet "填写说明": one line per column.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from assetdesk.periods import parse_date

from .kinds.base import TYPE_LABELS, ColumnSpec, SheetKind
from .reader import NOTES_SHEET
from .writer import _FORMATS, HEADER_BORDER, HEADER_FILL, HEADER_ROW, TITLE_FONT

EXAMPLE_FONT = Font(color="808080", italic=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
VALIDATION_ROWS = 5000


def write_template(kind: SheetKind, path: str | Path) -> Path:
    """Write the import template of ``kind`` to ``path`` (.xlsx) and return the path."""
    path = Path(path)
    workbook = Workbook()
    ws = workbook.active
    ws.title = kind.title[:31]
    ws["A1"], ws["A1"].font = f"{kind.title}导入模板", TITLE_FONT
    ws["A2"] = f"单位：{kind.unit}" if kind.unit else None
    for col, spec in enumerate(kind.written_columns, 1):
        _header_cell(ws, col, spec)
        _example_cell(ws, col, spec)
        _column_format(ws, col, spec)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _write_notes(workbook.create_sheet(NOTES_SHEET), kind)
    workbook.save(path)
    return path


def _header_cell(ws: Any, col: int, spec: ColumnSpec) -> None:
    cell = ws.cell(HEADER_ROW, col, spec.header)
    cell.font = REQUIRED_FONT if spec.required else Font(bold=True)
    cell.fill, cell.border = HEADER_FILL, HEADER_BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.column_dimensions[get_column_letter(col)].width = spec.width


def _example_cell(ws: Any, col: int, spec: ColumnSpec) -> None:
    if spec.example is None:
        return
    cell = ws.cell(HEADER_ROW + 1, col, typed_example(spec))
    cell.font = EXAMPLE_FONT
    if spec.type in _FORMATS:
        cell.number_format = _FORMATS[spec.type]
    elif spec.type == "text":
        cell.number_format = "@"


def typed_example(spec: ColumnSpec) -> Any:
    """The example as Excel would hold it after typing: numbers as numbers, dates as dates."""
    if spec.type in ("amount", "area"):
        return Decimal(str(spec.example))
    if spec.type == "int":
        return int(spec.example)
    if spec.type == "date":
        return parse_date(spec.example)
    return str(spec.example)


def _column_format(ws: Any, col: int, spec: ColumnSpec) -> None:
    letter = get_column_letter(col)
    cells = f"{letter}{HEADER_ROW + 1}:{letter}{VALIDATION_ROWS}"
    if spec.type == "text":
        ws.column_dimensions[letter].number_format = "@"
    elif spec.type in _FORMATS:
        ws.column_dimensions[letter].number_format = _FORMATS[spec.type]
    if spec.type in ("choice", "bool"):
        values = spec.choices if spec.type == "choice" else ("是", "否")
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=not spec.required)
        rule.error, rule.errorTitle = "只能填写：" + "、".join(values), "填写有误"
        ws.add_data_validation(rule)
        rule.add(cells)


NOTES_HEADER = ("列名", "是否必填", "类型", "也可写作（表头别名）", "示例", "说明")


def _write_notes(ws: Any, kind: SheetKind) -> None:
    ws.append([f"{kind.title}导入模板填写说明"])
    ws["A1"].font = TITLE_FONT
    ws.append(["第 3 行是表头，第 4 行灰色斜体是示例（导入时自动忽略，可删除）；从第 4 行起每行填写一条记录。"
               "“合计”、“填表人：”、“说明：”等行会被跳过。"])
    ws.append(list(NOTES_HEADER))
    for cell in ws[3]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for spec in kind.columns:
        kind_text = TYPE_LABELS[spec.type]
        if spec.type == "choice":
            kind_text += "：" + "、".join(spec.choices)
        ws.append([spec.header, "必填" if spec.required else "可空" if not spec.import_only else "可选的其他写法",
                   kind_text, "、".join(spec.aliases), "" if spec.example is None else str(spec.example), spec.note])
    for letter, width in zip("ABCDEF", (18, 10, 28, 36, 18, 50)):
        ws.column_dimensions[letter].width = width
