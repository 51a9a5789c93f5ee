"""The error report the clerk opens after a refused import: a list, and the data with bad cells red.

Sheet "错误清单" lists sheet / row / column / value / reason; one "标记-<sheet>" sheet per imported
sheet repeats the data as read with each bad cell filled red and the reasons in a last column,
so the clerk can fix the original file side by side.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter

from .convert import ESCAPE_STARTS
from .writer import OutColumn, add_table_sheet, escaped_text

if TYPE_CHECKING:
    from assetdesk.excel.importer import ImportPreview
    from assetdesk.excel.reader import Grid

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
ERROR_COLUMNS = [OutColumn("工作表", width=16), OutColumn("行号", "int", 8), OutColumn("列", width=18),
                 OutColumn("值", width=24), OutColumn("原因", width=60)]


def write_error_report(preview: ImportPreview, path: str | Path) -> Path:
    """Write the report for ``preview`` (an ImportPreview) to ``path`` and return the path."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    rows = [(e.sheet, e.row or None, e.column, e.value, e.reason) for e in preview.errors]
    title = f"{preview.kind.title}导入错误清单（{preview.path.name}）"
    add_table_sheet(workbook, "错误清单", title, "", ERROR_COLUMNS, rows)
    by_cell = _errors_by_cell(preview.errors)
    for grid in preview.grids:
        _marked_copy(workbook, grid, by_cell.get(grid.name, {}))
    workbook.save(path)
    return path


def _errors_by_cell(errors: list) -> dict[str, dict[int, dict[int, str]]]:
    """sheet → Excel row → column index (1-based, 0 = whole row) → reasons."""
    out: dict[str, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    for error in errors:
        letter = error.column.split("（")[0] if error.column else ""
        col = column_index_from_string(letter) if letter else 0
        cell = out[error.sheet][error.row]
        cell[col] = "；".join(filter(None, [cell.get(col), error.reason]))
    return out


def _marked_copy(workbook: Workbook, grid: Grid, bad: dict[int, dict[int, str]]) -> None:
    ws = workbook.create_sheet(f"标记-{grid.name}"[:31])
    width = max((len(row) for row in grid.rows), default=0)
    ws.column_dimensions[get_column_letter(width + 1)].width = 60
    for number, row in enumerate(grid.rows, 1):
        cells: list[Any] = [_plain(ws, value) for value in row] + [None] * (width - len(row))
        reasons = bad.get(number)
        if reasons:
            for col in reasons:
                if col:
                    cells[col - 1] = _red(ws, row[col - 1] if col - 1 < len(row) else None)
            cells.append(_red(ws, "；".join(reasons.values())))
        elif number == 1:
            cells.append("错误原因（本列）")  # names the reasons column, at the top of the sheet
        ws.append(cells)


def _plain(ws: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(ESCAPE_STARTS):
        return escaped_text(ws, value)
    return value if value != "" else None


def _red(ws: Any, value: Any) -> Cell:
    cell = _plain(ws, value)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(ws, value=cell)
    cell.fill, cell.font = BAD_FILL, BAD_FONT
    return cell
